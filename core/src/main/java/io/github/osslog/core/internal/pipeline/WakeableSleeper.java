package io.github.osslog.core.internal.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The real {@link Sleeper}: a timed wait on a condition that {@link #wake()} signals. Thread-safe. */
final class WakeableSleeper implements Sleeper {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private long wakeups;

    @Override
    public void sleep(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long seen = wakeups;
            long remaining = nanos;
            while (remaining > 0 && wakeups == seen) {
                remaining = woken.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wake() {
        lock.lock();
        try {
            wakeups++;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
