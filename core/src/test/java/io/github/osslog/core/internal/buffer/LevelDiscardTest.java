package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LevelDiscardTest {
    private static final byte[] EVENT = new byte[504]; // 512-byte records: 8 fill a 4 KiB ring

    @Test
    void lowLevelsAreDiscardedOnlyAboveTheThreshold() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).discardBelow(LogLevel.INFO, 0.5).build();
        for (int i = 0; i < 4; i++) {
            assertEquals(PublishResult.PUBLISHED, ring.publish(EVENT, 0, EVENT.length, LogLevel.TRACE));
        }
        assertEquals(2048, ring.usedBytes(), "exactly 50% is not above the threshold");
        assertEquals(PublishResult.PUBLISHED, ring.publish(EVENT, 0, EVENT.length, LogLevel.DEBUG));

        assertEquals(PublishResult.DROPPED, ring.publish(EVENT, 0, EVENT.length, LogLevel.DEBUG));
        assertEquals(PublishResult.DROPPED, ring.publish(EVENT, 0, 10, LogLevel.TRACE));
        assertEquals(PublishResult.PUBLISHED, ring.publish(EVENT, 0, EVENT.length, LogLevel.INFO));
        assertEquals(PublishResult.PUBLISHED, ring.publish(EVENT, 0, EVENT.length, LogLevel.ERROR));
        assertEquals(2, ring.drops().levelDiscards());
        assertEquals(2, ring.drops().totalDropped());

        new RecordingConsumer().drainAll(ring);
        assertEquals(PublishResult.PUBLISHED, ring.publish(EVENT, 0, EVENT.length, LogLevel.DEBUG), "drained");
    }

    @Test
    void withoutDiscardBelowEveryLevelFillsTheRing() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        for (int i = 0; i < 8; i++) {
            assertEquals(PublishResult.PUBLISHED, ring.publish(EVENT, 0, EVENT.length, LogLevel.TRACE));
        }
        assertEquals(PublishResult.DROPPED, ring.publish(EVENT, 0, EVENT.length, LogLevel.TRACE));
        assertEquals(0, ring.drops().levelDiscards());
        assertEquals(1, ring.drops().droppedNewest());
    }
}
