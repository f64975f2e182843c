package io.github.osslog.core.internal.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A Sleeper that only moves a fake monotonic time and records each wait. Thread-safe. */
final class FakeSleeper implements Sleeper {
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

    long nanoTime() {
        return nanos.get();
    }

    synchronized List<Long> sleeps() {
        return new ArrayList<>(sleeps);
    }
}
