package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RefuseBeforeEncodingTest {
    private static final byte[] EVENT = new byte[504]; // 512-byte records: 8 fill a 4 KiB ring
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void dropNewestRefusesAnEventTheFreeSpaceCannotHoldAndCountsIt() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        for (int i = 0; i < 7; i++) {
            assertFalse(ring.dropIfRefused(LogLevel.INFO, EVENT.length, NOW));
            assertEquals(PublishResult.PUBLISHED, ring.publish(EVENT, 0, EVENT.length, LogLevel.INFO));
        }
        assertFalse(ring.dropIfRefused(LogLevel.INFO, EVENT.length, NOW), "512 bytes are still free");
        assertTrue(ring.dropIfRefused(LogLevel.INFO, EVENT.length + 1, NOW), "a 513-byte record does not fit");
        assertEquals(1, ring.drops().droppedNewest());
        assertEquals(PublishResult.PUBLISHED, ring.publish(EVENT, 0, EVENT.length, LogLevel.INFO));

        assertTrue(ring.dropIfRefused(LogLevel.ERROR, 0, NOW), "full: not even an empty record fits");
        assertEquals(2, ring.drops().droppedNewest());
        DropReport report = ring.takeDropReport();
        assertEquals(2, report.counts().droppedNewest(), "refusals appear in the drop line like publish's own drops");

        new RecordingConsumer().drainAll(ring);
        assertFalse(ring.dropIfRefused(LogLevel.INFO, EVENT.length, NOW), "drained");
        assertEquals(2, ring.drops().totalDropped());
    }

    @Test
    void lengthsBeyondTheEventLimitAskOnlyForATruncatedEventsRoom() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).maxEventBytes(256).build();
        assertFalse(ring.dropIfRefused(LogLevel.INFO, 1 << 20, NOW), "a huge event is truncated to 256 bytes, which fit");
        assertFalse(ring.dropIfRefused(LogLevel.INFO, -5, NOW));
        assertEquals(0, ring.drops().totalDropped());
    }

    @Test
    void discardedLevelsAreRefusedUnderEveryPolicy() {
        for (OverflowPolicy policy : OverflowPolicy.values()) {
            RingBuffer ring = RingBuffer.builder().capacityBytes(4096).overflowPolicy(policy)
                    .discardBelow(LogLevel.INFO, 0.5).build();
            for (int i = 0; i < 5; i++) {
                ring.publish(EVENT, 0, EVENT.length, LogLevel.WARN);
            }
            assertTrue(ring.dropIfRefused(LogLevel.DEBUG, 10, NOW), policy.name());
            assertFalse(ring.dropIfRefused(LogLevel.INFO, 10, NOW), policy.name());
            assertEquals(1, ring.drops().levelDiscards(), policy.name());
        }
    }

    @Test
    void onlyDropNewestRefusesForLackOfRoom() {
        for (OverflowPolicy policy : new OverflowPolicy[] {OverflowPolicy.DROP_OLDEST, OverflowPolicy.BLOCK}) {
            RingBuffer ring = RingBuffer.builder().capacityBytes(4096).overflowPolicy(policy).build();
            for (int i = 0; i < 8; i++) {
                ring.publish(EVENT, 0, EVENT.length, LogLevel.INFO);
            }
            assertFalse(ring.dropIfRefused(LogLevel.INFO, EVENT.length, NOW), policy + " makes room or waits for it");
            assertEquals(0, ring.drops().totalDropped(), policy.name());
        }
    }

    @Test
    void refusedEventsStampTheDropWindowWithTheirOwnTimeOthersWithTheClock() {
        Instant clock = Instant.ofEpochMilli(NOW + 60_000);
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).clock(Clock.fixed(clock, ZoneOffset.UTC)).build();
        for (int i = 0; i < 8; i++) {
            ring.publish(EVENT, 0, EVENT.length, LogLevel.INFO);
        }
        assertTrue(ring.dropIfRefused(LogLevel.INFO, 10, NOW + 5));
        assertTrue(ring.dropIfRefused(LogLevel.WARN, 10, NOW + 9));
        assertTrue(ring.dropIfRefused(LogLevel.INFO, 10, NOW + 7));
        DropReport report = ring.takeDropReport();
        assertEquals(3, report.total());
        assertEquals(Instant.ofEpochMilli(NOW + 5), report.firstDrop());
        assertEquals(Instant.ofEpochMilli(NOW + 9), report.lastDrop(), "the latest event time, not the last call");

        assertEquals(PublishResult.DROPPED, ring.publish(EVENT, 0, EVENT.length, LogLevel.INFO));
        report = ring.takeDropReport();
        assertEquals(clock, report.firstDrop(), "publish's own drops read the clock");
        assertEquals(clock, report.lastDrop());
    }

    @Test
    void mayRefuseIsFalseWhileAnyEventFitsAndCountsNothing() {
        // 4 KiB ring, events up to 504 bytes (512-byte records)
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).maxEventBytes(EVENT.length)
                .discardBelow(LogLevel.INFO, 0.5).build();
        assertFalse(ring.mayRefuse(LogLevel.DEBUG), "empty");
        for (int i = 0; i < 5; i++) {
            ring.publish(EVENT, 0, EVENT.length, LogLevel.WARN);
        }
        assertTrue(ring.mayRefuse(LogLevel.DEBUG), "DEBUG is discarded above half full");
        assertFalse(ring.mayRefuse(LogLevel.INFO), "three records of the largest size still fit");
        ring.publish(EVENT, 0, EVENT.length, LogLevel.WARN);
        ring.publish(EVENT, 0, EVENT.length, LogLevel.WARN);
        assertFalse(ring.mayRefuse(LogLevel.INFO), "one largest record still fits");
        ring.publish(EVENT, 0, 100, LogLevel.WARN);
        assertTrue(ring.mayRefuse(LogLevel.INFO), "the largest event no longer fits");
        assertFalse(ring.dropIfRefused(LogLevel.INFO, 100, NOW), "a true answer promises nothing: a small event fits");
        assertEquals(0, ring.drops().totalDropped(), "asking counts nothing");

        RingBuffer blocking = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.BLOCK).build();
        for (int i = 0; i < 8; i++) {
            blocking.publish(EVENT, 0, EVENT.length, LogLevel.WARN);
        }
        assertFalse(blocking.mayRefuse(LogLevel.INFO), "BLOCK waits for room, it never refuses for lack of it");
    }

    @Test
    void aDropWithoutAnEventTimeReadsTheClockOnceAndEndsTheWindowAtTheReport() {
        MutableClock clock = new MutableClock(NOW);
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).clock(clock).build();
        for (int i = 0; i < 8; i++) {
            ring.publish(EVENT, 0, EVENT.length, LogLevel.INFO);
        }
        assertTrue(ring.dropIfRefused(LogLevel.INFO, 10, RingBuffer.NO_EVENT_TIME));
        clock.millis = NOW + 40;
        assertTrue(ring.dropIfRefused(LogLevel.INFO, 10, RingBuffer.NO_EVENT_TIME));
        assertTrue(ring.dropIfRefused(LogLevel.INFO, 10, NOW + 20), "an event time earlier than the report");
        clock.millis = NOW + 90;
        DropReport report = ring.takeDropReport();
        assertEquals(3, report.counts().droppedNewest());
        assertEquals(Instant.ofEpochMilli(NOW), report.firstDrop(), "the first drop read the clock");
        assertEquals(Instant.ofEpochMilli(NOW + 90), report.lastDrop(), "the window ends when it is reported");

        assertTrue(ring.dropIfRefused(LogLevel.INFO, 10, NOW + 95));
        clock.millis = NOW + 200;
        DropReport next = ring.takeDropReport();
        assertEquals(Instant.ofEpochMilli(NOW + 95), next.lastDrop(), "a window of timed drops ends at the last");
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
