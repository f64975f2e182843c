package io.github.osslog.testkit.http;

/** Answers requests; called concurrently from the server's connection threads, so it must be thread-safe. */
public interface HttpHandler {

    /**
     * Returns the response to {@code request}. It must not throw: every outcome, including bad input, is a
     * response.
     */
    HttpResponse handle(HttpRequest request);

    /** Returns the response to a request whose HTTP framing could not be parsed; the connection then closes. */
    HttpResponse malformed(String reason);

    /**
     * The largest body the server reads into memory; a larger declared body is not read and the request arrives
     * with {@link HttpRequest#bodyTooLarge()} set.
     */
    int maxBodyBytes();

    /**
     * Called with the request head (its body {@code null}) before any byte of the body is read or any buffer for
     * it allocated: {@code false} leaves the body unread, the request then arrives at {@link #handle} with
     * {@link HttpRequest#bodySkipped()} set, and the connection closes after the response. A server refuses an
     * unauthenticated upload this way, before it costs memory.
     */
    boolean readsBody(HttpRequest head);

    /**
     * Whether the server should compute the CRC-64 of this request's body ({@link HttpRequest#bodyCrc64()}) while
     * reading it, which overlaps the checksum with the client's sending instead of adding it afterwards.
     */
    boolean checksumBody(String method, String rawPath);
}
