package io.github.osslog.core.internal.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KnownObjectsTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-24T00:00:00Z"));

    @Test
    void forgetsIdleKeys() {
        KnownObjects states = new KnownObjects(10, Duration.ofMinutes(5), clock);
        ObjectState a = ObjectState.fresh("a");
        states.put(a);
        clock.advance(Duration.ofMinutes(4));
        assertSame(a, states.get("a"));
        clock.advance(Duration.ofMinutes(4));
        assertSame(a, states.get("a"), "access renewed the idle time");
        clock.advance(Duration.ofMinutes(6));
        assertNull(states.get("a"));
    }

    @Test
    void isBounded() {
        KnownObjects states = new KnownObjects(3, Duration.ofHours(1), clock);
        for (int i = 0; i < 50; i++) {
            states.put(ObjectState.fresh("k" + i));
        }
        assertTrue(states.size() <= 3, "size " + states.size());
    }

    @Test
    void forgetRemoves() {
        KnownObjects states = new KnownObjects(3, Duration.ofHours(1), clock);
        states.put(ObjectState.fresh("k"));
        states.forget("k");
        assertNull(states.get("k"));
        assertEquals(0, states.size());
    }
}
