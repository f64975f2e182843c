package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.store.ErrorKind;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Retry delays: exponential with full jitter, capped at the maximum; throttling starts four times higher and
 * keeps at least half its cap; configuration errors, and credentials the store refuses after refreshing them, wait
 * about the maximum each time. Thread-safe if the random
 * source is.
 */
final class Backoff {
    private static final int THROTTLE_FACTOR = 4;
    private final long initialNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    /** @param random returns values in [0, 1) */
    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /**
     * The delay before retry number {@code failures} (1 for the first retry) after an error of {@code kind}
     * ({@code null} for an ambiguous I/O failure).
     */
    long delayNanos(int failures, ErrorKind kind) {
        if (kind == ErrorKind.CONFIGURATION || kind == ErrorKind.CREDENTIALS) {
            return halfJitter(maxNanos);
        }
        long base = kind == ErrorKind.THROTTLED ? initialNanos * THROTTLE_FACTOR : initialNanos;
        int doublings = Math.min(Math.max(failures - 1, 0), 62);
        long cap = base > (maxNanos >> doublings) ? maxNanos : Math.min(maxNanos, base << doublings);
        return kind == ErrorKind.THROTTLED ? halfJitter(cap) : (long) (random.getAsDouble() * cap);
    }

    private long halfJitter(long cap) {
        return cap / 2 + (long) (random.getAsDouble() * (cap - cap / 2));
    }
}
