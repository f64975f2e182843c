package io.github.osslog.testkit.http;

import java.util.Collections;
import java.util.Map;

/**
 * One parsed HTTP/1.1 request with its whole body. Immutable after construction (the body array is handed over,
 * not copied, so that an append body becomes the stored chunk without a second copy).
 */
public final class HttpRequest {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, String> headers;
    private final byte[] body;
    private final boolean lengthDeclared;
    private final boolean bodyTooLarge;
    private final long bodyCrc64;
    private final boolean hasBodyCrc64;
    private final boolean bodySkipped;

    HttpRequest(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body,
            boolean lengthDeclared, boolean bodyTooLarge, long bodyCrc64, boolean hasBodyCrc64) {
        this(method, rawPath, rawQuery, headers, body, lengthDeclared, bodyTooLarge, bodyCrc64, hasBodyCrc64, false);
    }

    private HttpRequest(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body,
            boolean lengthDeclared, boolean bodyTooLarge, long bodyCrc64, boolean hasBodyCrc64, boolean bodySkipped) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
        this.lengthDeclared = lengthDeclared;
        this.bodyTooLarge = bodyTooLarge;
        this.bodyCrc64 = bodyCrc64;
        this.hasBodyCrc64 = hasBodyCrc64;
        this.bodySkipped = bodySkipped;
    }

    /** This request's head with its body left unread ({@link #bodySkipped()}). */
    HttpRequest skippingBody() {
        return new HttpRequest(method, rawPath, rawQuery, headers, null, lengthDeclared, bodyTooLarge, 0, false,
                true);
    }

    /** Whether {@link #bodyCrc64()} was computed while the body was read. */
    public boolean hasBodyCrc64() {
        return hasBodyCrc64;
    }

    /** The CRC-64 of the body, valid when {@link #hasBodyCrc64()}. */
    public long bodyCrc64() {
        return bodyCrc64;
    }

    /** Upper-case method as received. */
    public String method() {
        return method;
    }

    /** The path exactly as received, still percent-encoded. */
    public String rawPath() {
        return rawPath;
    }

    /** The query exactly as received (without '?'), or "" when there is none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Headers by lower-case name; repeated headers are joined with ",". */
    public Map<String, String> headers() {
        return headers;
    }

    /** The header value or {@code null}. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /**
     * The body bytes (empty array when there was none; {@code null} when it was not read). Not copied: do not
     * modify.
     */
    public byte[] body() {
        return body;
    }

    /** Whether the client declared a body length (Content-Length or chunked transfer encoding). */
    public boolean lengthDeclared() {
        return lengthDeclared;
    }

    /**
     * Whether the handler declined the body after seeing the head ({@link HttpHandler#readsBody}): it was not read,
     * {@link #body()} is {@code null}, and the connection is closed after the response.
     */
    public boolean bodySkipped() {
        return bodySkipped;
    }

    /**
     * Whether the declared body exceeded the server's body limit and was not read. The connection is closed
     * after the response to such a request.
     */
    public boolean bodyTooLarge() {
        return bodyTooLarge;
    }
}
