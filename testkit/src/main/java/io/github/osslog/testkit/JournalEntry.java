package io.github.osslog.testkit;

import java.time.Instant;

/** One request as the server saw and answered it. Immutable. */
public final class JournalEntry {
    private final Instant time;
    private final String requestId;
    private final Operation operation;
    private final String bucket;
    private final String key;
    private final long position;
    private final long length;
    private final int status;
    private final String errorCode;
    private final String fault;

    JournalEntry(Instant time, String requestId, Operation operation, String bucket, String key, long position,
            long length, int status, String errorCode, String fault) {
        this.time = time;
        this.requestId = requestId;
        this.operation = operation;
        this.bucket = bucket;
        this.key = key;
        this.position = position;
        this.length = length;
        this.status = status;
        this.errorCode = errorCode;
        this.fault = fault;
    }

    /** When the request arrived, on the server's clock. */
    public Instant time() {
        return time;
    }

    /** The {@code x-oss-request-id} the server assigned. */
    public String requestId() {
        return requestId;
    }

    public Operation operation() {
        return operation;
    }

    /** The bucket, or {@code null} when the request named none. */
    public String bucket() {
        return bucket;
    }

    /** The decoded object key, or {@code null} for bucket-level requests. */
    public String key() {
        return key;
    }

    /** The append position, or -1 for requests without one. */
    public long position() {
        return position;
    }

    /** The number of body bytes received. */
    public long length() {
        return length;
    }

    /** The HTTP status answered, or 0 when the connection was dropped or reset instead. */
    public int status() {
        return status;
    }

    /** The OSS error code answered, or {@code null} on success. */
    public String errorCode() {
        return errorCode;
    }

    /** The injected faults, comma-separated, or {@code null} when none was injected. */
    public String fault() {
        return fault;
    }

    /** Whether the request got a 2xx answer. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return operation + " " + bucket + "/" + key + (position >= 0 ? " @" + position : "") + " len=" + length
                + " -> " + status + (errorCode == null ? "" : " " + errorCode)
                + (fault == null ? "" : " [" + fault + "]");
    }
}
