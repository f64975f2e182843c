package io.github.osslog.core.oss;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets with {@code TCP_NODELAY}, made by another factory, and, for plain HTTP from the JDK's own factory, with
 * writes gathered into {@link #SEND_BUFFER}-byte sends. Thread-safe if the wrapped factory is.
 *
 * <ul>
 *   <li>OkHttp leaves Nagle's algorithm on, and then the tail of each request body waits for the server's delayed
 *       ACK: over loopback a 1 MiB upload took about four times longer.</li>
 *   <li>With Nagle off, every write is a TCP segment of its own, and Okio writes a body one 8 KiB segment at a
 *       time: a 4 MiB append was 512 {@code write} calls, each one a trip through both ends' network stacks. The
 *       gathered stream sends what OkHttp writes when {@link #SEND_BUFFER} bytes are waiting or when OkHttp flushes
 *       (it does after the headers of a {@code 100-continue} request and after each request). See
 *       docs/oss-client.md ("Sending").</li>
 * </ul>
 *
 * TLS sockets are not gathered: the JDK's TLS layer flushes each record it writes, so gathering below it gains
 * nothing, and another TLS provider might wait for an answer without flushing. Sockets from another factory (a
 * {@code baseHttpClient}'s) cannot be subclassed and only get {@code TCP_NODELAY}.
 */
public final class TunedSocketFactory extends SocketFactory {
    /** Bytes gathered per send: loopback's largest segment. 256 KiB and 1 MiB measured slower end to end. */
    static final int SEND_BUFFER = 64 << 10;

    private final SocketFactory plain;
    private final boolean gather;

    /**
     * @param plain the factory to make sockets with
     * @param tls whether the sockets will carry TLS (then writes are not gathered)
     */
    public TunedSocketFactory(SocketFactory plain, boolean tls) {
        this.plain = plain;
        this.gather = !tls && plain == SocketFactory.getDefault();
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(gather ? new GatheringSocket() : plain.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(plain.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(plain.createSocket(address, port, localAddress, localPort));
    }

    /** An unconnected socket (OkHttp connects it) whose output stream gathers writes until full or flushed. */
    static final class GatheringSocket extends Socket {
        private OutputStream out;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new BufferedOutputStream(super.getOutputStream(), SEND_BUFFER);
            }
            return out;
        }
    }
}
