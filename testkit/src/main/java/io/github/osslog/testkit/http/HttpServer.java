package io.github.osslog.testkit.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLServerSocket;

/**
 * A small HTTP/1.1 server, plain or over TLS: one accept thread and a bounded pool with one pooled thread per connection
 * (keep-alive). Thread-safe; {@link #close()} closes every connection and joins every thread it started.
 */
public final class HttpServer implements Closeable {
    private static final int BUFFER = 64 * 1024;

    private final ServerSocket serverSocket;
    private final HttpHandler handler;
    private final int idleTimeoutMillis;
    private final ThreadPoolExecutor pool;
    private final Thread acceptor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private HttpServer(ServerSocket serverSocket, HttpHandler handler, int maxConnections, int idleTimeoutMillis) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.idleTimeoutMillis = idleTimeoutMillis;
        int port = serverSocket.getLocalPort();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(maxConnections, maxConnections, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = daemon(r, "osslog-testkit-" + port + "-conn-" + threads.incrementAndGet());
                    connectionThreads.removeIf(old -> !old.isAlive()); // threads time out when idle
                    connectionThreads.add(t);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.acceptor = daemon(this::acceptLoop, "osslog-testkit-" + port + "-accept");
    }

    /**
     * Starts serving {@code handler} on {@code address:port} ({@code port} 0 picks a free port).
     *
     * @param sockets {@link ServerSocketFactory#getDefault()} for plain HTTP, or an
     *     {@code SSLContext.getServerSocketFactory()} for HTTPS (TLS 1.2 and 1.3; the handshake runs on the
     *     connection's own thread, so a client that never completes it does not stall the accept loop)
     * @param maxConnections connections served at once; further connections wait for a free thread
     * @param idleTimeoutMillis how long an idle keep-alive connection stays open
     */
    public static HttpServer start(InetAddress address, int port, ServerSocketFactory sockets, HttpHandler handler,
            int maxConnections, int idleTimeoutMillis) throws IOException {
        ServerSocket socket = sockets.createServerSocket();
        try {
            if (socket instanceof SSLServerSocket) {
                ((SSLServerSocket) socket).setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            }
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 128);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        HttpServer server = new HttpServer(socket, handler, maxConnections, idleTimeoutMillis);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Whether connections are served over TLS. */
    public boolean isTls() {
        return serverSocket instanceof SSLServerSocket;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                connections.add(socket);
                if (closed) {
                    closeQuietly(socket);
                    return;
                }
                pool.execute(() -> serve(socket));
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(idleTimeoutMillis);
            BufferedOutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
            RequestReader reader = new RequestReader(new BufferedInputStream(socket.getInputStream(), BUFFER), out,
                    handler);
            ResponseWriter writer = new ResponseWriter(out);
            while (!closed && serveOne(socket, reader, writer)) {
                // keep-alive: next request on the same connection
            }
        } catch (IOException e) {
            // the client went away, timed out while idle, or the server is closing
        } finally {
            connections.remove(socket);
            closeQuietly(socket);
        }
    }

    /** Serves one request; returns whether the connection stays open for another. */
    private boolean serveOne(Socket socket, RequestReader reader, ResponseWriter writer) throws IOException {
        HttpRequest request;
        try {
            request = reader.next();
        } catch (MalformedRequestException e) {
            writer.write(handler.malformed(e.getMessage()), false, true);
            return false;
        }
        if (request == null) {
            return false;
        }
        HttpResponse response = handler.handle(request);
        switch (response.kind()) {
            case DROP:
                return false;
            case RESET:
                socket.setSoLinger(true, 0);
                return false;
            default:
                boolean close = request.bodyTooLarge() || request.bodySkipped() || response.closeAfter()
                        || reader.wantsClose(request);
                writer.write(response, request.method().equals("HEAD"), close);
                return !close;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with a socket that will not close
        }
    }

    /** Stops accepting, closes every open connection and waits for the server threads to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
        pool.shutdownNow();
        try {
            acceptor.join(5000);
            pool.awaitTermination(5, TimeUnit.SECONDS);
            // awaitTermination returns as workers finish their last task, a moment before their threads end
            for (Thread t : connectionThreads) {
                t.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
