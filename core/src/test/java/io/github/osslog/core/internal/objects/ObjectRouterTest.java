package io.github.osslog.core.internal.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ObjectRouterTest {
    private final ObjectRouter router = new ObjectRouter(
            KeyPattern.compile("%d{yyyy-MM-dd}/%i.log", ZoneOffset.UTC, Collections.<String, String>emptyMap()));
    private final Instant day1 = Instant.parse("2026-11-24T23:59:59Z");
    private final Instant day2 = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void rollsWithinADayAndRestartsTheIndexOnANewDay() {
        assertEquals("2026-11-24/0.log", router.keyFor(day1));
        assertEquals("2026-11-24/1.log", router.roll(day1));
        assertEquals("2026-11-24/2.log", router.roll(day1));
        assertEquals("2026-11-24/2.log", router.keyFor(day1));
        assertEquals("2026-11-24/3.log", router.peekNext(day1));
        assertEquals(2, router.index(), "peeking does not move");
        assertEquals("2026-11-25/0.log", router.keyFor(day2));
        assertEquals(0, router.index());
        assertEquals("2026-11-25/1.log", router.roll(day2));
    }
}
