package io.github.osslog.core.internal.buffer;

/** What {@link RingBuffer#publish} does when the ring has no room for an event. Immutable. */
public enum OverflowPolicy {
    /** Drop the event being published and count it; the application thread never waits. The default. */
    DROP_NEWEST,
    /**
     * Discard the oldest published records until the event fits, counting each one. Falls back to dropping the
     * event being published (counted as newest) when the oldest record is still being written by another thread.
     */
    DROP_OLDEST,
    /**
     * Wait for the consumer to free room, at most the ring's block timeout; then drop the event and count it as
     * a block timeout. An interrupted producer stops waiting at once, keeps its interrupt flag and drops the event.
     */
    BLOCK
}
