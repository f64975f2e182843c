package io.github.osslog.compat;

import java.util.ArrayList;
import java.util.List;

/**
 * What every matrix application logs, whatever its logging API: threads logging numbered lines with a request id in
 * the MDC, then on the main thread an exception with a cause, non-ASCII text and a multi-line message. Not
 * thread-safe; one per application run.
 */
final class AppScript {
    /** The first line of the single-threaded tail; the test compares everything from here on in order. */
    static final String TAIL_START = "tail starts";
    static final String NON_ASCII = "Grüße, 日志, ✓, 😀";

    /** The logging API of one framework, as the script uses it. */
    interface Api {
        void info(String message);

        void error(String message, Throwable error);

        void putRequestId(String requestId);

        void clearRequestId();
    }

    private final Api api;

    AppScript(Api api) {
        this.api = api;
    }

    /** args: threads, lines per thread. Returns without stopping the framework: its exit hooks must ship. */
    void run(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        int linesPerThread = Integer.parseInt(args[1]);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(new Thread(() -> logLines(thread, linesPerThread), "worker-" + t));
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        api.info(TAIL_START);
        api.error("request failed", new IllegalStateException("outer " + NON_ASCII,
                new java.io.IOException("inner cause")));
        api.info("non-ASCII " + NON_ASCII);
        api.info("two\nlines");
        api.info("tail ends");
    }

    private void logLines(int thread, int lines) {
        for (int i = 0; i < lines; i++) {
            api.putRequestId("req-" + thread + "-" + i);
            api.info("line " + i + " from worker " + thread + " " + NON_ASCII);
        }
        api.clearRequestId();
    }
}
