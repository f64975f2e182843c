package io.github.osslog.core.internal.buffer;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parks producers of a BLOCK ring until the consumer frees room or their timeout passes. Only the full-ring path
 * takes the lock; the consumer pays one volatile read per drain that freed bytes. A {@link ReentrantLock} and its
 * {@link Condition} rather than a monitor's {@code wait}: a virtual thread waiting on a monitor pins its carrier on
 * JDK 21-23, and a few thousand blocked virtual threads would then starve every carrier. Thread-safe.
 */
final class BlockedProducers {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private volatile int waiting;

    /** Claims {@code span} bytes, waiting at most {@code timeoutNanos}; -1 on timeout or interrupt. */
    int claim(RingCursors ring, int span, long timeoutNanos) {
        long start = System.nanoTime();
        lock.lock();
        try {
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
                    room.awaitNanos(remaining);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            } finally {
                waiting--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Consumer, after a sequentially consistent head store: wakes waiting producers, if any. */
    void signal() {
        if (waiting > 0) {
            lock.lock();
            try {
                room.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
