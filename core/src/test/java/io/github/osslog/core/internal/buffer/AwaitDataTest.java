package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AwaitDataTest {
    private static final long LONG_WAIT = TimeUnit.SECONDS.toNanos(30);

    /** Runs awaitData(LONG_WAIT) on a consumer thread and records what it returned or threw. */
    private static Thread awaitOnConsumerThread(RingBuffer ring, AtomicReference<Object> outcome) {
        return awaitOnConsumerThread(ring, 0, outcome);
    }

    /** Runs awaitBytes(minBytes, LONG_WAIT) (0: awaitData) on a consumer thread; records what it returned or threw. */
    private static Thread awaitOnConsumerThread(RingBuffer ring, long minBytes, AtomicReference<Object> outcome) {
        Thread consumer = new Thread(() -> {
            try {
                outcome.set(minBytes == 0 ? ring.awaitData(LONG_WAIT) : ring.awaitBytes(minBytes, LONG_WAIT));
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        }, "consumer");
        consumer.start();
        return consumer;
    }

    @Test
    void returnsAtOnceWhenDataIsThere() throws InterruptedException {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        ring.publish(new byte[3], 0, 3, LogLevel.INFO);
        assertTrue(ring.awaitData(LONG_WAIT));
    }

    @Test
    void sleepingConsumerWakesOnPublish() throws InterruptedException {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread consumer = awaitOnConsumerThread(ring, outcome);
        TestThreads.awaitParked(consumer);
        ring.publish(new byte[3], 0, 3, LogLevel.INFO);
        TestThreads.join(consumer);
        assertEquals(Boolean.TRUE, outcome.get());
    }

    @Test
    void wakeConsumerEndsTheWaitWithoutData() throws InterruptedException {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread consumer = awaitOnConsumerThread(ring, outcome);
        TestThreads.awaitParked(consumer);
        ring.wakeConsumer();
        TestThreads.join(consumer);
        assertEquals(Boolean.FALSE, outcome.get());
    }

    @Test
    void wakeBeforeTheWaitIsNotLostAndIsConsumedOnce() throws InterruptedException {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        ring.wakeConsumer();
        assertFalse(ring.awaitData(LONG_WAIT));
        assertFalse(ring.awaitData(TimeUnit.MILLISECONDS.toNanos(1)), "the wake-up was used up");
    }

    @Test
    void timesOutWithoutData() throws InterruptedException {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        long start = System.nanoTime();
        assertFalse(ring.awaitData(TimeUnit.MILLISECONDS.toNanos(5)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(5));
        assertFalse(ring.awaitData(0));
    }

    @Test
    void hasDataLeavesAPendingWakeForTheNextWait() throws InterruptedException {
        // The shipper peeks with hasData() while filling a batch; a flush's wake-up must survive that peek.
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        ring.wakeConsumer();
        assertFalse(ring.hasData());
        long start = System.nanoTime();
        assertFalse(ring.awaitData(LONG_WAIT), "woken, no data");
        assertTrue(System.nanoTime() - start < LONG_WAIT / 2, "the wake-up was kept");
        ring.publish(new byte[] {1}, 0, 1, LogLevel.INFO);
        assertTrue(ring.hasData());
    }

    @Test
    void interruptEndsTheWait() throws InterruptedException {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread consumer = awaitOnConsumerThread(ring, outcome);
        TestThreads.awaitParked(consumer);
        consumer.interrupt();
        TestThreads.join(consumer);
        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> ring.awaitData(LONG_WAIT));
    }

    @Test
    void awaitBytesSleepsThroughSmallEventsAndWakesOnceEnoughIsBuffered() throws InterruptedException {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread consumer = awaitOnConsumerThread(ring, 1024, outcome);
        TestThreads.awaitParked(consumer);
        for (int i = 0; i < 7; i++) {
            ring.publish(new byte[120], 0, 120, LogLevel.INFO); // 128-byte records: 896 bytes in use
        }
        assertTrue(ring.usedBytes() < 1024);
        TestThreads.awaitParked(consumer);
        assertEquals(null, outcome.get(), "below the threshold the consumer sleeps on");
        ring.publish(new byte[120], 0, 120, LogLevel.INFO);
        TestThreads.join(consumer);
        assertEquals(Boolean.TRUE, outcome.get());
    }

    @Test
    void awaitBytesTimesOutBelowItsThresholdAndWakeStillEndsIt() throws InterruptedException {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        ring.publish(new byte[3], 0, 3, LogLevel.INFO);
        assertFalse(ring.awaitBytes(1024, TimeUnit.MILLISECONDS.toNanos(20)), "one small record is not enough");
        assertTrue(ring.awaitBytes(8, LONG_WAIT), "one record of 16 bytes is");
        ring.wakeConsumer();
        assertTrue(ring.awaitBytes(1024, LONG_WAIT), "a wake-up ends the wait; a record is there to drain");
    }
}
