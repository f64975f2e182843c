package io.github.osslog.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw HTTP/1.1 server on loopback that answers every request with one status and headers and then a body
 * without end (chunked) or of a declared length, written until the client goes away: what a broken proxy or a
 * hostile endpoint sends. Counts connections and body bytes written. Thread-safe.
 */
public final class HostileServer implements AutoCloseable {
    /** The answer's body: endless chunks, or {@code length} bytes under a Content-Length. */
    public static final long ENDLESS = -1;

    private final ServerSocket socket;
    private final String head;
    private final long length;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();

    private HostileServer(int status, String headers, long length) throws IOException {
        this.head = "HTTP/1.1 " + status + " Hostile\r\n" + headers
                + (length == ENDLESS ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n")
                + "\r\n";
        this.length = length;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Answers with {@code status}, {@code headers} (each line ending in CRLF) and a body of {@code length} bytes,
     * or {@link #ENDLESS}.
     */
    public static HostileServer start(int status, String headers, long length) throws IOException {
        return new HostileServer(status, headers, length);
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** Body bytes handed to the kernel so far (the client read at most this many). */
    public long written() {
        return written.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> answer(client), "hostile-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket client) {
        try (Socket s = client) {
            InputStream in = s.getInputStream();
            long requestBody = readHead(in);
            for (long i = 0; i < requestBody; i++) {
                if (in.read() < 0) {
                    return;
                }
            }
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) 'a');
            byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
            long left = length;
            while (length == ENDLESS || left > 0) {
                if (length == ENDLESS) {
                    out.write(chunkHead);
                    out.write(chunk);
                    out.write(crlf);
                    written.addAndGet(chunk.length);
                } else {
                    int n = (int) Math.min(chunk.length, left);
                    out.write(chunk, 0, n);
                    written.addAndGet(n);
                    left -= n;
                }
            }
            out.flush();
        } catch (IOException clientLeft) {
            // the client stopped reading: what a bounded reader does
        }
    }

    /** Reads the request head; returns its Content-Length (0 when absent). */
    private static long readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
