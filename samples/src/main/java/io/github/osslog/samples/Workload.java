package io.github.osslog.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * A realistic mix for both samples: several threads, every level, a request id in the MDC / thread context, and an
 * exception with a cause and a stack trace. Framework-neutral: each sample supplies a {@link Sink}.
 */
final class Workload {
    static final int THREADS = 4;
    static final int EVENTS_PER_THREAD = 25;

    /** What a sample's logging framework does with one event of the workload. */
    interface Sink {
        void log(Level level, String requestId, String message, Throwable error);
    }

    enum Level { DEBUG, INFO, WARN, ERROR }

    private Workload() {
    }

    /** Logs the workload and returns the messages it logged, for checking what landed. */
    static List<String> run(Sink sink) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                messages.add(message(t, i));
            }
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int worker = t;
            Thread thread = new Thread(() -> work(sink, worker), "worker-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return messages;
    }

    private static void work(Sink sink, int worker) {
        for (int i = 0; i < EVENTS_PER_THREAD; i++) {
            String requestId = "req-" + worker + "-" + (i / 5);
            Level level = i % 10 == 9 ? Level.WARN : i % 4 == 0 ? Level.DEBUG : Level.INFO;
            Throwable error = null;
            if (i == EVENTS_PER_THREAD - 1) {
                level = Level.ERROR;
                error = new IllegalStateException("payment declined for order " + worker,
                        new java.io.IOException("gateway timed out"));
            }
            sink.log(level, requestId, message(worker, i), error);
        }
    }

    static String message(int worker, int i) {
        return "order " + worker + "/" + i + " processed";
    }
}
