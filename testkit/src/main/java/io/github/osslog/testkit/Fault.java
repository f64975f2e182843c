package io.github.osslog.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * One kind of misbehaviour the server can show for a request. Immutable; combine with {@link Faults} rules to
 * say when it happens.
 */
public final class Fault {

    /** What the server does. */
    public enum Kind {
        /** Answer an OSS error (status + code) instead of processing the request. */
        ERROR,
        /** Wait before processing the request. */
        LATENCY,
        /** Read the request, then reset the connection without applying it. */
        RESET_BEFORE_COMMIT,
        /** Apply the request, then close the connection without answering. */
        DROP_RESPONSE_AFTER_COMMIT,
        /** Apply the request and answer a wrong {@code x-oss-hash-crc64ecma}. */
        CORRUPT_CRC,
        /** Before the request, another writer appends bytes to the same object. */
        FOREIGN_APPEND,
        /** Before the request, another writer replaces the object with a Normal one. */
        FOREIGN_PUT,
        /** Apply the request and answer with one header set to a malformed or out-of-range value. */
        MALFORMED_HEADER,
        /** Answer the request, but close the connection after the first {@link #cutAfter()} bytes of the body. */
        CUT_BODY,
        /** Answer the request, but stop for a while after the first {@link #cutAfter()} bytes of the body. */
        STALL_BODY
    }

    private final Kind kind;
    private final int status;
    private final String code;
    private final Duration latency;
    private final byte[] bytes;
    private final long cutAfter;

    private Fault(Kind kind, int status, String code, Duration latency, byte[] bytes) {
        this(kind, status, code, latency, bytes, -1);
    }

    private Fault(Kind kind, int status, String code, Duration latency, byte[] bytes, long cutAfter) {
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.latency = latency;
        this.bytes = bytes;
        this.cutAfter = cutAfter;
    }

    /** Answer {@code status} with OSS error {@code code} (e.g. 500 InternalError). */
    public static Fault error(int status, String code) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status " + status + " is invalid: use a 4xx or 5xx status");
        }
        return new Fault(Kind.ERROR, status, Objects.requireNonNull(code, "code"), null, null);
    }

    /** Throttling as OSS answers it: 503 ServiceUnavailable or 429 TooManyRequests. */
    public static Fault throttle(int status) {
        if (status != 503 && status != 429) {
            throw new IllegalArgumentException("throttle status " + status + " is invalid: use 503 or 429");
        }
        return error(status, status == 503 ? "ServiceUnavailable" : "TooManyRequests");
    }

    public static Fault latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency " + delay + " is invalid: use a duration >= 0");
        }
        return new Fault(Kind.LATENCY, 0, null, delay, null);
    }

    public static Fault resetBeforeCommit() {
        return new Fault(Kind.RESET_BEFORE_COMMIT, 0, null, null, null);
    }

    public static Fault dropResponseAfterCommit() {
        return new Fault(Kind.DROP_RESPONSE_AFTER_COMMIT, 0, null, null, null);
    }

    public static Fault corruptCrc() {
        return new Fault(Kind.CORRUPT_CRC, 0, null, null, null);
    }

    /** Another writer appends {@code bytes} (copied) to the request's object first, creating it if needed. */
    public static Fault foreignAppend(byte[] bytes) {
        return new Fault(Kind.FOREIGN_APPEND, 0, null, null, bytes.clone());
    }

    /** Another writer puts a Normal object holding {@code bytes} (copied) at the request's key first. */
    public static Fault foreignPut(byte[] bytes) {
        return new Fault(Kind.FOREIGN_PUT, 0, null, null, bytes.clone());
    }

    /**
     * Apply the request, then answer it with header {@code name} (lower-case, e.g. {@code x-oss-hash-crc64ecma},
     * {@code content-length} of a HEAD) set to {@code value}: a server value the client must not trust blindly.
     */
    public static Fault malformedHeader(String name, String value) {
        return new Fault(Kind.MALFORMED_HEADER, 0, Objects.requireNonNull(name, "name"), null,
                Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The server answers with the full headers and {@code Content-Length}, sends the first {@code bytes} of the
     * body and closes the connection: a reset in the middle of a download.
     */
    public static Fault cutBody(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cut point " + bytes + " is invalid: use 0 or more bytes");
        }
        return new Fault(Kind.CUT_BODY, 0, null, null, null, bytes);
    }

    /**
     * The server answers with the full headers, sends the first {@code bytes} of the body, stops for {@code stall}
     * (the client's timeouts may end the request meanwhile), then sends the rest: a download that stalls midway.
     */
    public static Fault stallBody(long bytes, Duration stall) {
        if (bytes < 0 || stall.isNegative()) {
            throw new IllegalArgumentException("stall after " + bytes + " bytes for " + stall
                    + " is invalid: use 0 or more bytes and a duration >= 0");
        }
        return new Fault(Kind.STALL_BODY, 0, null, stall, null, bytes);
    }

    public Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Duration latency() {
        return latency;
    }

    byte[] bytes() {
        return bytes;
    }

    long cutAfter() {
        return cutAfter;
    }

    /** A short label, as recorded in the journal: {@code ERROR 503 ServiceUnavailable}, {@code LATENCY PT0.1S}. */
    @Override
    public String toString() {
        switch (kind) {
            case ERROR: return "ERROR " + status + " " + code;
            case LATENCY: return "LATENCY " + latency;
            case FOREIGN_APPEND: case FOREIGN_PUT: return kind + " " + bytes.length + " bytes";
            case MALFORMED_HEADER: return kind + " " + code;
            case CUT_BODY: return kind + " after " + cutAfter + " bytes";
            case STALL_BODY: return kind + " " + latency + " after " + cutAfter + " bytes";
            default: return kind.name();
        }
    }
}
