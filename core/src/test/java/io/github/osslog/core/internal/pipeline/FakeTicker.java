package io.github.osslog.core.internal.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake monotonic time that moves only when its sleeper waits (it is its own sleeper), recording each wait; a
 * pipeline configured with it retries and stops on no real time. Thread-safe.
 */
final class FakeTicker implements Ticker, Sleeper {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Long> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(long duration) {
        sleeps.add(duration);
        nanos.addAndGet(duration);
    }

    @Override
    public void wake() {
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Sleeper newSleeper() {
        return this;
    }

    synchronized List<Long> sleeps() {
        return new ArrayList<>(sleeps);
    }
}
