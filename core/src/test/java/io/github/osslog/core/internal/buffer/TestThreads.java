package io.github.osslog.core.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;

/** Helpers for tests that coordinate threads without sleeping. */
final class TestThreads {
    private TestThreads() {
    }

    /** Waits (spinning, no sleep) until {@code thread} is parked or waiting, i.e. blocked inside the ring. */
    static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return;
            }
            if (state == Thread.State.TERMINATED || System.nanoTime() > deadline) {
                fail("thread " + thread.getName() + " did not park, state " + state);
            }
            Thread.yield();
        }
    }

    /** Joins {@code thread} and fails the test if it is still alive after 10 seconds. */
    static void join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(thread.isAlive(), "thread " + thread.getName() + " still running");
    }
}
