package io.github.osslog.core.buffer;

import java.util.concurrent.TimeUnit;

/**
 * Parks producers of a BLOCK ring until the consumer frees room or their timeout passes. Only the full-ring path
 * takes the monitor; the consumer pays one volatile read per drain that freed bytes. Thread-safe.
 */
final class BlockedProducers {
    private final Object monitor = new Object();
    private volatile int waiting;

    /** Claims {@code span} bytes, waiting at most {@code timeoutNanos}; -1 on timeout or interrupt. */
    int claim(RingCursors ring, int span, long timeoutNanos) {
        long start = System.nanoTime();
        synchronized (monitor) {
            // Written before each re-check of the head: pairs with the consumer's fenced head store in signal().
            waiting++;
            try {
                while (true) {
                    int index = ring.tryClaim(span);
                    if (index >= 0) {
                        return index;
                    }
                    long remaining = timeoutNanos - (System.nanoTime() - start);
                    if (remaining <= 0) {
                        return -1;
                    }
                    TimeUnit.NANOSECONDS.timedWait(monitor, remaining);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            } finally {
                waiting--;
            }
        }
    }

    /** Consumer, after a sequentially consistent head store: wakes waiting producers, if any. */
    void signal() {
        if (waiting > 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
