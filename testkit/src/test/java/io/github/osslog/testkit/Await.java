package io.github.osslog.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that a background thread makes true (a store's first answer, a status), checking every
 * 10 ms up to a deadline: on a loaded machine that answer can come later than a test's own short flush.
 */
public final class Await {
    private Await() {
    }

    /** Returns as soon as {@code condition} holds, or after {@code atMost}; whether it holds. */
    public static boolean until(BooleanSupplier condition, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        return true;
    }
}
