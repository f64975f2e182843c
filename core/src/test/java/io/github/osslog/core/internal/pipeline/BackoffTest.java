package io.github.osslog.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.store.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final long MS = 1_000_000L;

    @Test
    void doublesUpToTheCapWithFullJitter() {
        Backoff top = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999);
        assertEquals(100 * MS, top.delayNanos(1, ErrorKind.RETRYABLE), 1 * MS);
        assertEquals(200 * MS, top.delayNanos(2, null), 1 * MS);
        assertEquals(800 * MS, top.delayNanos(4, null), 1 * MS);
        assertEquals(1000 * MS, top.delayNanos(5, null), 1 * MS);
        assertEquals(1000 * MS, top.delayNanos(10_000, null), 1 * MS, "no overflow after many failures");
        Backoff bottom = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
        assertEquals(0, bottom.delayNanos(3, null), "full jitter reaches down to zero");
    }

    @Test
    void throttlingWaitsLongerAndNeverNearZero() {
        Backoff bottom = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.0);
        assertEquals(200 * MS, bottom.delayNanos(1, ErrorKind.THROTTLED));
        assertEquals(400 * MS, bottom.delayNanos(2, ErrorKind.THROTTLED));
    }

    @Test
    void configurationErrorsRetryAboutEveryMaxBackoff() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.0);
        assertEquals(15_000 * MS, b.delayNanos(1, ErrorKind.CONFIGURATION));
        Backoff top = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.999999);
        assertTrue(top.delayNanos(1, ErrorKind.CONFIGURATION) <= 30_000 * MS);
    }
}
