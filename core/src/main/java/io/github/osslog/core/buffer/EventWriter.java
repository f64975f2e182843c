package io.github.osslog.core.buffer;

import java.nio.ByteBuffer;

/**
 * Encodes one event straight into space claimed in the ring, so the producer needs no intermediate array.
 * Implementations are called on the publishing thread only while {@link RingBuffer#publish(EventWriter, int,
 * LogLevel)} runs.
 */
@FunctionalInterface
public interface EventWriter {

    /**
     * Writes the event into {@code target} between its position and its limit, with relative puts (or absolute
     * puts inside that window), and returns how many bytes it wrote. {@code target} is a view that the ring reuses
     * for the next event: do not keep it, and do not touch bytes outside the window. The consumer cannot pass this
     * record until the call returns, so encode without blocking, and never publish to the same ring from here.
     *
     * @return the number of bytes written, from 0 to {@code target.remaining()} as it was on entry
     */
    int write(ByteBuffer target);
}
