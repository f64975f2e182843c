package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OverflowPolicyTest {
    private static final int EVENT = 504; // a 512-byte record: eight fill a 4 KiB ring exactly

    private static byte[] event(int id) {
        byte[] e = new byte[EVENT];
        e[0] = (byte) id;
        return e;
    }

    private static void fill(RingBuffer ring) {
        for (int i = 0; i < 8; i++) {
            assertEquals(PublishResult.PUBLISHED, ring.publish(event(i), 0, EVENT, LogLevel.INFO));
        }
        assertEquals(ring.capacity(), ring.usedBytes());
    }

    @Test
    void dropNewestRejectsTheNewEventAndKeepsTheOldOnes() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        assertEquals(OverflowPolicy.DROP_NEWEST, ring.overflowPolicy());
        fill(ring);
        assertEquals(PublishResult.DROPPED, ring.publish(event(8), 0, EVENT, LogLevel.INFO));
        assertEquals(PublishResult.DROPPED, ring.publish(new byte[0], 0, 0, LogLevel.ERROR));
        RecordingConsumer out = new RecordingConsumer().drainAll(ring);
        assertEquals(8, out.records.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(i, out.records.get(i)[0]);
        }
        assertEquals(2, ring.drops().droppedNewest());
        assertEquals(2, ring.drops().totalDropped());
        assertEquals(PublishResult.PUBLISHED, ring.publish(event(9), 0, EVENT, LogLevel.INFO), "room again");
    }

    @Test
    void dropOldestDiscardsJustEnoughOfTheOldestRecords() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.DROP_OLDEST).build();
        fill(ring);
        assertEquals(PublishResult.PUBLISHED, ring.publish(event(8), 0, EVENT, LogLevel.INFO));
        byte[] big = new byte[1000];
        big[0] = 9;
        assertEquals(PublishResult.PUBLISHED, ring.publish(big, 0, big.length, LogLevel.INFO));
        RecordingConsumer out = new RecordingConsumer().drainAll(ring);
        // 8 replaced 0; the 1000-byte event needed two slots: 1 and 2 went.
        int[] expected = {3, 4, 5, 6, 7, 8, 9};
        assertEquals(expected.length, out.records.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out.records.get(i)[0]);
        }
        assertEquals(3, ring.drops().droppedOldest());
        assertEquals(0, ring.drops().droppedNewest());
    }

    @Test
    void dropOldestAcrossTheWrapDiscardsTheRecordsInTheWay() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.DROP_OLDEST).build();
        fill(ring);
        RecordingConsumer out = new RecordingConsumer();
        assertEquals(7, ring.drain(out, 7 * EVENT));
        for (int i = 8; i < 15; i++) {
            ring.publish(event(i), 0, EVENT, LogLevel.INFO); // full again: 7 at the end, 8..14 from index 0
        }
        // 1008 bytes do not fit in the 512 before the end: padding plus the record need 1520, so 7, 8 and 9 go.
        byte[] big = new byte[1000];
        big[0] = 15;
        assertEquals(PublishResult.PUBLISHED, ring.publish(big, 0, big.length, LogLevel.INFO));
        out.records.clear();
        out.drainAll(ring);
        int[] expected = {10, 11, 12, 13, 14, 15};
        assertEquals(expected.length, out.records.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out.records.get(i)[0]);
        }
        assertEquals(1000, out.records.get(5).length);
        assertEquals(3, ring.drops().droppedOldest());
    }

    @Test
    void dropOldestFallsBackToDropNewestWhileTheOldestRecordIsStillBeingWritten() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.DROP_OLDEST).build();
        // a producer that has claimed the first record and is still copying its bytes
        int oldest = ring.tryClaim(RecordLayout.span(EVENT));
        for (int i = 1; i < 8; i++) {
            assertEquals(PublishResult.PUBLISHED, ring.publish(event(i), 0, EVENT, LogLevel.INFO));
        }
        assertEquals(PublishResult.DROPPED, ring.publish(event(8), 0, EVENT, LogLevel.INFO));
        assertEquals(1, ring.drops().droppedNewest());
        assertEquals(0, ring.drops().droppedOldest());
        ring.buffer[oldest + RecordLayout.HEADER] = 100;
        RecordLayout.commit(ring.buffer, oldest, EVENT, LogLevel.INFO.ordinal());
        RecordingConsumer out = new RecordingConsumer().drainAll(ring);
        assertEquals(8, out.records.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(i == 0 ? 100 : i, out.records.get(i)[0]);
        }
    }

    @Test
    void blockDropsAfterTheTimeoutAndCountsIt() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofMillis(20)).build();
        fill(ring);
        long start = System.nanoTime();
        assertEquals(PublishResult.DROPPED, ring.publish(event(8), 0, EVENT, LogLevel.INFO));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(20).toNanos(), "waited the block timeout");
        assertEquals(1, ring.drops().blockTimeouts());
        assertEquals(1, ring.drops().totalDropped());
    }

    @Test
    void blockedProducerResumesWhenTheConsumerDrains() throws InterruptedException {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30)).build();
        fill(ring);
        AtomicReference<PublishResult> result = new AtomicReference<>();
        Thread producer = new Thread(() -> result.set(ring.publish(event(8), 0, EVENT, LogLevel.INFO)), "producer");
        producer.start();
        TestThreads.awaitParked(producer);
        RecordingConsumer out = new RecordingConsumer();
        assertEquals(1, ring.drain(out, EVENT));
        TestThreads.join(producer);
        assertEquals(PublishResult.PUBLISHED, result.get());
        out.drainAll(ring);
        assertEquals(9, out.records.size());
        assertEquals(8, out.records.get(8)[0]);
        assertEquals(0, ring.drops().totalDropped());
    }

    @Test
    void interruptedBlockedProducerDropsAndKeepsItsInterruptFlag() throws InterruptedException {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30)).build();
        fill(ring);
        AtomicReference<PublishResult> result = new AtomicReference<>();
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            result.set(ring.publish(event(8), 0, EVENT, LogLevel.INFO));
            interrupted.set(Thread.currentThread().isInterrupted());
        }, "producer");
        producer.start();
        TestThreads.awaitParked(producer);
        producer.interrupt();
        TestThreads.join(producer);
        assertEquals(PublishResult.DROPPED, result.get());
        assertEquals(Boolean.TRUE, interrupted.get());
        assertEquals(1, ring.drops().blockTimeouts());
    }
}
