package io.github.osslog.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WakeableSleeperTest {

    @Test
    void wakeEndsALongSleep() throws InterruptedException {
        WakeableSleeper sleeper = new WakeableSleeper();
        CountDownLatch done = new CountDownLatch(1);
        Thread sleeping = new Thread(() -> {
            try {
                sleeper.sleep(TimeUnit.HOURS.toNanos(1));
            } catch (InterruptedException e) {
                return;
            }
            done.countDown();
        });
        sleeping.start();
        while (!done.await(10, TimeUnit.MILLISECONDS)) {
            sleeper.wake();
        }
        sleeping.join(5_000);
        assertFalse(sleeping.isAlive());
    }

    @Test
    void shortSleepsEndOnTheirOwn() throws InterruptedException {
        long before = System.nanoTime();
        new WakeableSleeper().sleep(TimeUnit.MILLISECONDS.toNanos(5));
        assertTrue(System.nanoTime() - before >= TimeUnit.MILLISECONDS.toNanos(5));
    }
}
