package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 8 producers hammer a 64 KiB ring with random-length events (producer, seq, payload, CRC-32) through both publish
 * paths while one consumer verifies every byte, per-producer order, and that the books balance exactly.
 */
class RingBufferConcurrencyTest {
    private static final int PRODUCERS = 8;
    private static final int EVENTS = 20_000;
    private static final int FIXED = 12; // producer, seq, payload length
    private static final int CRC = 4;

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void everyPublishedByteArrivesOnceInOrderOrIsCountedAsDropped(OverflowPolicy policy) throws Exception {
        RingBuffer ring = RingBuffer.builder().capacityBytes(64 << 10).overflowPolicy(policy)
                .blockTimeout(Duration.ofSeconds(30)).build();
        Verifier verifier = new Verifier();
        AtomicBoolean producersDone = new AtomicBoolean();
        Thread consumer = new Thread(() -> consume(ring, verifier, producersDone), "consumer");
        consumer.start();

        CountDownLatch start = new CountDownLatch(1);
        List<Producer> producers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            Producer producer = new Producer(ring, p, start);
            producers.add(producer);
            Thread t = new Thread(producer, "producer-" + p);
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            TestThreads.join(t);
        }
        producersDone.set(true);
        TestThreads.join(consumer);

        assertNull(verifier.failure.get());
        long published = 0;
        long droppedByResult = 0;
        long lostOldest = 0;
        for (int p = 0; p < PRODUCERS; p++) {
            Producer producer = producers.get(p);
            BitSet consumed = verifier.consumed[p];
            BitSet notConsumed = (BitSet) producer.published.clone();
            notConsumed.andNot(consumed);
            BitSet unexpected = (BitSet) consumed.clone();
            unexpected.andNot(producer.published);
            assertTrue(unexpected.isEmpty(), "producer " + p + " records consumed but never published");
            published += producer.published.cardinality();
            droppedByResult += producer.dropped;
            lostOldest += notConsumed.cardinality();
            assertEquals(EVENTS, producer.published.cardinality() + producer.dropped);
        }
        DropCounters drops = ring.drops();
        assertEquals(published - lostOldest, verifier.records);
        assertEquals(droppedByResult, drops.droppedNewest() + drops.blockTimeouts() + drops.levelDiscards());
        assertEquals(lostOldest, drops.droppedOldest(), "every published record was consumed or counted as oldest");
        switch (policy) {
            case DROP_NEWEST:
                assertTrue(drops.droppedNewest() > 0, "the consumer's stalls must have filled the ring");
                assertEquals(0, drops.droppedOldest());
                break;
            case DROP_OLDEST:
                assertTrue(drops.droppedOldest() > 0, "the consumer's stalls must have filled the ring");
                break;
            default:
                assertEquals(0, drops.totalDropped(), "blocked producers waited instead of dropping");
        }
        assertEquals(0, ring.usedBytes());
    }

    private static void consume(RingBuffer ring, Verifier verifier, AtomicBoolean producersDone) {
        try {
            for (int round = 0; ; round++) {
                boolean finished = producersDone.get();
                if (round % 16 == 0) {
                    // Stall now and then until the ring is half full so overflow policies really kick in.
                    while (ring.usedBytes() < ring.capacity() / 2 && !producersDone.get()) {
                        Thread.yield();
                    }
                }
                ring.awaitData(TimeUnit.MILLISECONDS.toNanos(1));
                int drained = ring.drain(verifier, Integer.MAX_VALUE);
                if (finished && drained == 0 && ring.usedBytes() == 0) {
                    return;
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            verifier.failure.compareAndSet(null, e.toString());
        }
    }

    /** Publishes EVENTS random events and remembers each outcome. */
    private static final class Producer implements Runnable {
        final BitSet published = new BitSet(EVENTS);
        long dropped;
        private final RingBuffer ring;
        private final int id;
        private final CountDownLatch start;
        private final byte[] scratch = new byte[8192 + FIXED + CRC];

        Producer(RingBuffer ring, int id, CountDownLatch start) {
            this.ring = ring;
            this.id = id;
            this.start = start;
        }

        @Override
        public void run() {
            Random random = new Random(id);
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int seq = 0; seq < EVENTS; seq++) {
                int payload = random.nextInt(32) == 0 ? random.nextInt(8192) : random.nextInt(1500);
                int len = encode(scratch, id, seq, payload);
                PublishResult result = ring.publish(scratch, 0, len, LogLevel.INFO);
                if (result == PublishResult.PUBLISHED) {
                    published.set(seq);
                } else {
                    assertEquals(PublishResult.DROPPED, result);
                    dropped++;
                }
            }
        }
    }

    static int encode(byte[] out, int producer, int seq, int payload) {
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(producer).putInt(seq).putInt(payload);
        for (int i = 0; i < payload; i++) {
            b.put(payloadByte(producer, seq, i));
        }
        CRC32 crc = new CRC32();
        crc.update(out, 0, b.position());
        b.putInt((int) crc.getValue());
        return b.position();
    }

    static byte payloadByte(int producer, int seq, int i) {
        return (byte) (producer * 131 + seq * 31 + i * 7);
    }

    /** Checks each record on the consumer thread; records the first problem instead of throwing into drain. */
    private static final class Verifier implements RecordConsumer {
        final AtomicReference<String> failure = new AtomicReference<>();
        final BitSet[] consumed = new BitSet[PRODUCERS];
        final int[] lastSeq = new int[PRODUCERS];
        long records;

        Verifier() {
            for (int p = 0; p < PRODUCERS; p++) {
                consumed[p] = new BitSet(EVENTS);
                lastSeq[p] = -1;
            }
        }

        @Override
        public void accept(byte[] buffer, int off, int len, LogLevel level) {
            records++;
            ByteBuffer b = ByteBuffer.wrap(buffer, off, len);
            int producer = b.getInt();
            int seq = b.getInt();
            int payload = b.getInt();
            if (producer < 0 || producer >= PRODUCERS || len != FIXED + payload + CRC || level != LogLevel.INFO) {
                fail("malformed record: producer " + producer + " seq " + seq + " len " + len + " level " + level);
                return;
            }
            for (int i = 0; i < payload; i++) {
                if (b.get() != payloadByte(producer, seq, i)) {
                    fail("producer " + producer + " seq " + seq + ": byte " + i + " differs");
                    return;
                }
            }
            CRC32 crc = new CRC32();
            crc.update(buffer, off, len - CRC);
            if (b.getInt() != (int) crc.getValue()) {
                fail("producer " + producer + " seq " + seq + ": CRC mismatch");
            }
            if (seq <= lastSeq[producer]) {
                fail("producer " + producer + ": seq " + seq + " after " + lastSeq[producer]);
            }
            lastSeq[producer] = seq;
            consumed[producer].set(seq);
        }

        private void fail(String message) {
            failure.compareAndSet(null, message);
        }
    }
}
