package io.github.osslog.core.internal.buffer;

/** The outcome of one {@link RingBuffer#publish} call. Immutable. */
public enum PublishResult {
    /** The event is in the ring, byte-exact. */
    PUBLISHED,
    /** The event was longer than the maximum event size: its head is in the ring, followed by a visible marker. */
    TRUNCATED,
    /** The event is not in the ring; the ring counted the drop and its reason. */
    DROPPED
}
