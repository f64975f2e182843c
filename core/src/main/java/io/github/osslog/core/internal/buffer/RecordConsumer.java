package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
/**
 * Receives records drained from the ring, in publication order, on the consumer thread. The bytes are handed over
 * in place, as a window of the ring's own array, so a consumer can copy them into its batch with one
 * {@link System#arraycopy} and no allocation.
 */
@FunctionalInterface
public interface RecordConsumer {

    /**
     * Accepts one record. {@code buffer[off, off + len)} is valid only during this call: copy what you need and do
     * not write to {@code buffer}. Must not throw; if it does, the exception propagates out of
     * {@link RingBuffer#drain} and the same record is handed over again by the next drain.
     */
    void accept(byte[] buffer, int off, int len, LogLevel level);
}
