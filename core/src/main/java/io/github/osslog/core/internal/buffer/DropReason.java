package io.github.osslog.core.internal.buffer;

/**
 * Why an event was lost, one constant per reason, wherever it was counted: by the ring, downstream of it (after the
 * event left the ring), by the pipeline or by the adapter-facing sink. {@link #text()} is the name users see in
 * {@code eventsDroppedByReason}, in statuses and in the drop line written into the object (docs/failure-handling.md):
 * it must never change.
 */
public enum DropReason {
    /** The ring was full (policy {@code DROP_NEWEST}, or {@code DROP_OLDEST} falling back). */
    BUFFER_FULL("buffer full"),
    /** A published record discarded to make room for a newer one (policy {@code DROP_OLDEST}). */
    OLDEST_DISCARDED("oldest discarded"),
    /** Waited the block timeout, or was interrupted, for room (policy {@code BLOCK}). */
    BLOCK_TIMEOUT("block timeout"),
    /** A low-level event discarded because the ring was above its fill threshold. */
    LEVEL_DISCARD("level discard"),
    /** Downstream: the local spool was full and the overflow policy dropped the batch or the oldest segment. */
    SPOOL_FULL("spool full"),
    /** Downstream: the store rejected the batch as it is (HTTP 400/411): resending it unchanged cannot succeed. */
    REJECTED("rejected by the store"),
    /** Downstream: a spool record failed its checksum or could not be decoded: its bytes are never shipped. */
    CORRUPT_SPOOL_RECORD("corrupt spool record"),
    /** Published after the pipeline stopped. */
    PIPELINE_STOPPED("pipeline stopped"),
    /** Logged by the pipeline's own shipper thread: shipping it would make more of them. */
    SHIPPER_THREAD("logged by the shipper thread"),
    /** Logged by osslog's own HTTP client (its connection pool logs while osslog ships). */
    OWN_HTTP_CLIENT("logged by osslog's HTTP client"),
    /** Logged while the same thread was appending to the same sink (an encoder or layout that logs). */
    REENTRANT("logged while appending (re-entrant)"),
    /** The adapter's encoder or layout threw an exception for the event. */
    ENCODER_FAILED("encoder failed"),
    /** An unexpected {@link Throwable} kept the event from being appended (docs/configuration-errors.md). */
    INTERNAL_ERROR("internal error");

    private final String text;

    DropReason(String text) {
        this.text = text;
    }

    /** The reason as metrics, statuses and the drop line name it. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
