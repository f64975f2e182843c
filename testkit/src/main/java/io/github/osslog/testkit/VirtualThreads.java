package io.github.osslog.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs tasks on virtual threads for tests of JDK 21+ behaviour from code compiled for Java 11: the executor is looked
 * up reflectively ({@code Executors.newVirtualThreadPerTaskExecutor}). Stateless; thread-safe.
 */
public final class VirtualThreads {
    private VirtualThreads() {
    }

    /**
     * Runs {@code task(0)} ... {@code task(threads - 1)}, each on its own virtual thread, and waits for all of them at
     * most {@code timeout}; returns whether all finished in time, and rethrows the first failure of a task.
     *
     * @throws UnsupportedOperationException on a JDK without virtual threads
     */
    public static boolean runAll(int threads, IntConsumer task, Duration timeout) throws InterruptedException {
        ExecutorService executor;
        try {
            executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later", e);
        }
        CountDownLatch done = new CountDownLatch(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            for (int i = 0; i < threads; i++) {
                int n = i;
                executor.execute(() -> {
                    try {
                        task.accept(n);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        done.countDown();
                    }
                });
            }
            boolean finished = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (failure.get() != null) {
                throw new AssertionError("a virtual thread failed", failure.get());
            }
            return finished;
        } finally {
            executor.shutdownNow();
        }
    }
}
