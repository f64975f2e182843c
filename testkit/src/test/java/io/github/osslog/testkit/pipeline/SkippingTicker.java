package io.github.osslog.testkit.pipeline;

import io.github.osslog.core.internal.pipeline.Sleeper;
import io.github.osslog.core.internal.pipeline.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pipeline time for tests: real time plus every wait skipped. A retry wait returns at once and moves this
 * ticker's time on by what it would have waited, so a stop budget of a minute passes after a few failed attempts
 * instead of a minute. Thread-safe.
 */
public final class SkippingTicker implements Ticker {
    private final AtomicLong skipped = new AtomicLong();

    @Override
    public long nanoTime() {
        return System.nanoTime() + skipped.get();
    }

    @Override
    public Sleeper newSleeper() {
        return new Sleeper() {
            @Override
            public void sleep(long nanos) {
                skipped.addAndGet(Math.max(0, nanos));
                Thread.yield(); // let the threads a real wait would have let run take their turn
            }

            @Override
            public void wake() {
                // nothing waits
            }
        };
    }

    /** The waits skipped so far. */
    public Duration skipped() {
        return Duration.ofNanos(skipped.get());
    }
}
