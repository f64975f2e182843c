package io.github.osslog.core.buffer;

/**
 * Why events that had left the ring were lost for good after all (docs/failure-handling.md): each such loss is
 * counted with the ring's drops and written into the object's drop line.
 */
public enum DownstreamLoss {
    /** The local spool was full and the overflow policy dropped the batch or the oldest segment. */
    SPOOL_FULL("spool full"),
    /** The store rejected the batch as it is (HTTP 400/411): resending it unchanged cannot succeed. */
    REJECTED("rejected by the store"),
    /** A spool record failed its checksum or could not be decoded: its bytes are never shipped. */
    CORRUPT_SPOOL_RECORD("corrupt spool record");

    private final String reason;

    DownstreamLoss(String reason) {
        this.reason = reason;
    }

    /** The reason as the drop line and {@code eventsDroppedByReason} name it. */
    public String reason() {
        return reason;
    }
}
