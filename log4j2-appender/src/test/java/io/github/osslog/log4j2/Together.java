package io.github.osslog.log4j2;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;

/** Runs a body on several threads released at once, for tests of concurrent logging. */
final class Together {
    private Together() {
    }

    /**
     * Runs {@code body} (given the thread's number) on {@code threads} threads named {@code name + n}, released
     * together, and fails when one has not finished within {@code wait}.
     */
    static void run(int threads, String name, Duration wait, IntConsumer body) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int number = t;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                body.accept(number);
            }, name + t);
            thread.start();
            started.add(thread);
        }
        go.countDown();
        for (Thread thread : started) {
            thread.join(wait.toMillis());
            assertFalse(thread.isAlive(), thread.getName() + " is stuck");
        }
    }
}
