package io.github.osslog.core.store;

/** How the pipeline should react to an error answer from a store. */
public enum ErrorKind {
    /** Transient server-side failure (5xx, InternalError): retry with exponential backoff and jitter. */
    RETRYABLE,
    /** Throttled (429, 503 SlowDown/ServiceUnavailable): retry, backing off harder. */
    THROTTLED,
    /** The append position did not equal the object length (409 PositionNotEqualToLength): reconcile. */
    POSITION_CONFLICT,
    /** The key holds an object that cannot be appended to (ObjectNotAppendable, FileImmutable): roll to a new key. */
    NOT_APPENDABLE,
    /**
     * Expired or invalid temporary credentials. The store refreshes them and retries once within the call; when
     * they are still refused the pipeline treats it as a configuration error (reported, retried about every
     * {@code maxBackoff}).
     */
    CREDENTIALS,
    /** The client clock is too far off the server's: adopt the server's clock offset and retry. */
    CLOCK_SKEW,
    /** Wrong bucket, key, secret or permissions (403/404): report clearly, retry slowly. */
    CONFIGURATION,
    /** The request itself is malformed (400, 411): retrying it unchanged cannot help. */
    BAD_REQUEST;

    /** True when sending the same request again, after a wait, may succeed. */
    public boolean isTransient() {
        return this == RETRYABLE || this == THROTTLED;
    }
}
