package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RingBufferFifoTest {

    private static byte[] randomBytes(Random random, int len) {
        byte[] b = new byte[len];
        random.nextBytes(b);
        return b;
    }

    @Test
    void everySizeComesOutInOrderAndByteExactAcrossWrapArounds() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        Random random = new Random(42);
        RecordingConsumer out = new RecordingConsumer();
        List<byte[]> expected = new ArrayList<>();
        // Every length from 0 to maxEventBytes, several times, so records start at every aligned offset and
        // padding appears at every possible distance from the end of the array.
        for (int round = 0; round < 3; round++) {
            for (int len = 0; len <= ring.maxEventBytes(); len++) {
                byte[] e = randomBytes(random, len);
                assertEquals(PublishResult.PUBLISHED, ring.publish(e, 0, len, LogLevel.INFO));
                expected.add(e);
                if (random.nextInt(3) == 0) {
                    out.drainAll(ring);
                }
                if (ring.usedBytes() > ring.capacity() / 2) {
                    out.drainAll(ring);
                }
            }
        }
        out.drainAll(ring);
        assertEquals(expected.size(), out.records.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), out.records.get(i), "record " + i);
        }
        assertEquals(0, ring.usedBytes());
        assertEquals(0, ring.drops().totalDropped());
    }

    @Test
    void publishCopiesTheRequestedSliceSoTheCallerMayReuseItsArray() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        byte[] reused = "xxhelloxx".getBytes();
        ring.publish(reused, 2, 5, LogLevel.WARN);
        reused[3] = 'E';
        ring.publish(reused, 2, 5, LogLevel.ERROR);
        RecordingConsumer out = new RecordingConsumer().drainAll(ring);
        assertEquals(List.of("hello", "hEllo"), List.of(out.text(0), out.text(1)));
        assertEquals(List.of(LogLevel.WARN, LogLevel.ERROR), out.levels);
    }

    @Test
    void nullAndEmptyEventsAreZeroByteRecordsAndNullLevelIsInfo() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        assertEquals(PublishResult.PUBLISHED, ring.publish(null, 5, 7, LogLevel.DEBUG));
        assertEquals(PublishResult.PUBLISHED, ring.publish(new byte[0], 0, 0, null));
        RecordingConsumer out = new RecordingConsumer().drainAll(ring);
        assertEquals(2, out.records.size());
        assertEquals(0, out.records.get(0).length);
        assertEquals(0, out.records.get(1).length);
        assertEquals(List.of(LogLevel.DEBUG, LogLevel.INFO), out.levels);
    }

    @Test
    void inconsistentBoundsAreRejected() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        assertThrows(IndexOutOfBoundsException.class, () -> ring.publish(new byte[4], 2, 3, LogLevel.INFO));
        assertThrows(IndexOutOfBoundsException.class, () -> ring.publish(new byte[4], -1, 1, LogLevel.INFO));
        assertEquals(0, ring.usedBytes());
    }

    @Test
    void drainStopsBeforeExceedingMaxBytesAndKeepsTheRestInOrder() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        for (int i = 0; i < 5; i++) {
            byte[] e = new byte[100];
            e[0] = (byte) i;
            ring.publish(e, 0, e.length, LogLevel.INFO);
        }
        RecordingConsumer out = new RecordingConsumer();
        assertEquals(2, ring.drain(out, 299));
        assertEquals(0, ring.drain(out, 99), "a record larger than maxBytes stays in the ring");
        assertEquals(3, ring.drain(out, 300));
        assertEquals(0, ring.drain(out, Integer.MAX_VALUE));
        for (int i = 0; i < 5; i++) {
            assertEquals(i, out.records.get(i)[0]);
        }
    }

    @Test
    void usedBytesCountsHeadersAndAlignmentAndDrainFreesThem() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        ring.publish(new byte[1], 0, 1, LogLevel.INFO);
        ring.publish(new byte[8], 0, 8, LogLevel.INFO);
        assertEquals(16 + 16, ring.usedBytes());
        new RecordingConsumer().drainAll(ring);
        assertEquals(0, ring.usedBytes());
    }

    @Test
    void capacityIsRoundedUpToAPowerOfTwo() {
        assertEquals(8192, RingBuffer.builder().capacityBytes(5000).build().capacity());
        assertEquals(4096, RingBuffer.builder().capacityBytes(4096).build().capacity());
    }
}
