package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The application-thread path must not allocate per event: measured with HotSpot's per-thread allocation counter. */
class ProducerAllocationTest {
    private static final int EVENTS = 200_000;

    @Test
    void publishingAllocatesNothingPerEvent() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RingBuffer ring = RingBuffer.builder().capacityBytes(1 << 20).build();
        byte[] event = new byte[100];
        RecordConsumer discard = (buffer, off, len, level) -> { };
        publishAndDrain(ring, event, discard); // warm up: class loading, JIT
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        publishAndDrain(ring, event, discard);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        // A single allocation per event would be at least 16 bytes x 200,000 publishes; allow for stray JIT/OSR noise.
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for " + EVENTS + " publishes");
    }

    private static void publishAndDrain(RingBuffer ring, byte[] event, RecordConsumer sink) {
        for (int i = 0; i < EVENTS; i++) {
            ring.publish(event, 0, event.length, LogLevel.INFO);
            if ((i & 1023) == 0) {
                ring.drain(sink, Integer.MAX_VALUE);
            }
        }
        ring.drain(sink, Integer.MAX_VALUE);
    }
}
