package io.github.osslog.testkit.http;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What to send back for one request: a status, headers (names go out lower-case, as OSS sends them) and a body;
 * or one of two deliberate failures, {@link #dropConnection()} and {@link #resetConnection()}. Not thread-safe.
 */
public final class HttpResponse {

    /** A response body written straight to the socket, so large objects are never copied into one array. */
    public interface Body {
        long length();

        void writeTo(OutputStream out) throws IOException;
    }

    enum Kind { NORMAL, DROP, RESET }

    private static final Body EMPTY = bytesBody(new byte[0]);

    private final Kind kind;
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Body body = EMPTY;
    private boolean closeAfter;

    private HttpResponse(Kind kind, int status) {
        this.kind = kind;
        this.status = status;
    }

    public static HttpResponse status(int status) {
        return new HttpResponse(Kind.NORMAL, status);
    }

    /** Close the connection without writing any response (the request may have had effects). */
    public static HttpResponse dropConnection() {
        return new HttpResponse(Kind.DROP, 0);
    }

    /** Abort the connection with a TCP reset, without writing any response. */
    public static HttpResponse resetConnection() {
        return new HttpResponse(Kind.RESET, 0);
    }

    public static Body bytesBody(byte[] bytes) {
        return new Body() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        };
    }

    /** Sets a header; the name is lower-cased. */
    public HttpResponse header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    public HttpResponse body(Body body) {
        this.body = body;
        return this;
    }

    public HttpResponse body(byte[] bytes) {
        return body(bytesBody(bytes));
    }

    /**
     * Sends the status, the headers and the full {@code Content-Length}, then only the first {@code bytes} of the
     * body, and drops the connection: a reset in the middle of a download.
     */
    public HttpResponse cutBodyAfter(long bytes) {
        return afterBodyBytes(bytes, () -> {
            throw new IOException("body cut after " + bytes + " bytes by a CUT_BODY fault");
        });
    }

    /** Sends the first {@code bytes} of the body, stops for {@code stall}, then sends the rest. */
    public HttpResponse stallBodyAfter(long bytes, Duration stall) {
        return afterBodyBytes(bytes, () -> {
            try {
                Thread.sleep(stall.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during a STALL_BODY fault", e);
            }
        });
    }

    /** What a fault does once a body's first bytes are sent: throw to drop the connection, or wait. */
    private interface BodyFault {
        void act() throws IOException;
    }

    /** Sends the first {@code bytes} of the body, flushes them, runs {@code fault}, then sends the rest. */
    private HttpResponse afterBodyBytes(long bytes, BodyFault fault) {
        Body whole = body;
        this.body = new Body() {
            @Override
            public long length() {
                return whole.length();
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                whole.writeTo(new OutputStream() {
                    private long left = bytes;

                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (left < 0 || left >= len) {
                            out.write(b, off, len);
                            left = left < 0 ? left : left - len;
                            return;
                        }
                        int n = (int) left;
                        out.write(b, off, n);
                        out.flush();
                        left = -1;
                        fault.act();
                        out.write(b, off + n, len - n);
                    }
                });
            }
        };
        return this;
    }

    /** Asks the server to close the connection after this response. */
    public HttpResponse closeConnection() {
        this.closeAfter = true;
        return this;
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public Map<String, String> headers() {
        return headers;
    }

    Kind kind() {
        return kind;
    }

    Body body() {
        return body;
    }

    boolean closeAfter() {
        return closeAfter;
    }
}
