package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.osslog.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DropReportTest {
    private static final byte[] EVENT = new byte[504];
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void reportCountsDropsByReasonBetweenTakesWithFirstAndLastTime() {
        FakeClock clock = new FakeClock(T0);
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).discardBelow(LogLevel.INFO, 0.9).clock(clock)
                .build();
        assertNull(ring.takeDropReport());
        for (int i = 0; i < 8; i++) {
            ring.publish(EVENT, 0, EVENT.length, LogLevel.INFO);
        }
        clock.set(T0.plusSeconds(1));
        ring.publish(EVENT, 0, EVENT.length, LogLevel.INFO);
        clock.set(T0.plusSeconds(2));
        ring.publish(EVENT, 0, EVENT.length, LogLevel.DEBUG);
        clock.set(T0.plusSeconds(3));
        ring.publish(EVENT, 0, EVENT.length, LogLevel.WARN);

        DropReport report = ring.takeDropReport();
        assertEquals(2, report.counts().droppedNewest());
        assertEquals(1, report.counts().levelDiscards());
        assertEquals(0, report.counts().droppedOldest());
        assertEquals(0, report.counts().blockTimeouts());
        assertEquals(3, report.total());
        assertEquals(T0.plusSeconds(1), report.firstDrop());
        assertEquals(T0.plusSeconds(3), report.lastDrop());
        assertEquals("osslog dropped 3 events between 2024-05-01T10:00:01Z and 2024-05-01T10:00:03Z"
                + " (buffer full: 2, level discard: 1)", report.message());
        assertNull(ring.takeDropReport(), "a take resets the window");

        clock.set(T0.plusSeconds(60));
        ring.publish(EVENT, 0, EVENT.length, LogLevel.ERROR);
        DropReport next = ring.takeDropReport();
        assertEquals(1, next.total());
        assertEquals(T0.plusSeconds(60), next.firstDrop());
        assertEquals(T0.plusSeconds(60), next.lastDrop());
        assertEquals("osslog dropped 1 event between 2024-05-01T10:01:00Z and 2024-05-01T10:01:00Z"
                + " (buffer full: 1)", next.message());

        DropCounters totals = ring.drops();
        assertEquals(3, totals.droppedNewest());
        assertEquals(1, totals.levelDiscards());
        assertEquals(4, totals.totalDropped());
    }

    @Test
    void oldestAndBlockTimeoutDropsAreReportedUnderTheirOwnReason() {
        FakeClock clock = new FakeClock(T0);
        RingBuffer oldest = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.DROP_OLDEST)
                .clock(clock).build();
        RingBuffer block = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ZERO).clock(clock).build();
        for (int i = 0; i < 10; i++) {
            oldest.publish(EVENT, 0, EVENT.length, LogLevel.INFO);
            block.publish(EVENT, 0, EVENT.length, LogLevel.INFO);
        }
        DropReport o = oldest.takeDropReport();
        assertEquals(2, o.counts().droppedOldest());
        assertEquals(2, o.total());
        assertEquals("osslog dropped 2 events between 2024-05-01T10:00:00Z and 2024-05-01T10:00:00Z"
                + " (oldest discarded: 2)", o.message());
        DropReport b = block.takeDropReport();
        assertEquals(2, b.counts().blockTimeouts());
        assertEquals(2, b.total());
        assertEquals(2, block.drops().blockTimeouts());
    }
}
