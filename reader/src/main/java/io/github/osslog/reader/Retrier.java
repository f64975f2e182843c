package io.github.osslog.reader;

import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Retries transient failures (5xx, 429, timeouts, resets, refused connections) with exponential backoff and full
 * jitter, from 100 ms up to 5 s between attempts, until a time budget is spent (never, for following). Thread-safe.
 */
final class Retrier {
    private static final long FIRST_DELAY_MILLIS = 100;
    private static final long MAX_DELAY_MILLIS = 5_000;

    /** One attempt. */
    interface Call<T> {
        T run() throws IOException;
    }

    /** Waits between attempts; followers wake it early to stop. */
    interface Pause {
        /** Sleeps about {@code millis}; throws {@link InterruptedIOException} when the caller should stop. */
        void sleep(long millis) throws InterruptedIOException;
    }

    private final Duration budget;
    private final Pause pause;
    private final Consumer<String> notes;

    /** @param budget how long to keep retrying one call, or {@code null} for ever */
    Retrier(Duration budget, Pause pause, Consumer<String> notes) {
        this.budget = budget;
        this.pause = pause;
        this.notes = notes;
    }

    static Pause threadSleep() {
        return millis -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry");
            }
        };
    }

    /** Whether trying the same request again later may succeed. */
    static boolean isTransient(IOException e) {
        if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
            return false;
        }
        if (e instanceof CorruptObjectException || e instanceof GaveUpException) {
            return false;
        }
        if (e instanceof StoreException) {
            StoreException s = (StoreException) e;
            return s.kind().isTransient() || s.status() >= 500 || s.status() == 429;
        }
        return true;
    }

    <T> T call(String what, Call<T> call) throws IOException {
        long start = System.nanoTime();
        for (int failures = 1; ; failures++) {
            try {
                return call.run();
            } catch (IOException e) {
                failed(what, e, failures, start);
            }
        }
    }

    /**
     * Handles the {@code failures}-th consecutive failure of an operation begun at {@code startNanos}: rethrows a
     * permanent error or an exhausted budget, else notes it and waits.
     */
    void failed(String what, IOException e, int failures, long startNanos) throws IOException {
        if (!isTransient(e)) {
            throw e;
        }
        long elapsed = System.nanoTime() - startNanos;
        if (budget != null && elapsed >= budget.toNanos()) {
            throw new GaveUpException("gave up on " + what + " after retrying for " + budget.getSeconds()
                    + " s: " + e.getMessage() + " (raise --retry-for to wait longer)", e);
        }
        long cap = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(failures - 1, 10));
        long delay = 1 + (long) (ThreadLocalRandom.current().nextDouble() * cap);
        notes.accept("retrying " + what + " in " + delay + " ms after: " + describe(e));
        pause.sleep(delay);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A transient failure lasted longer than the retry budget. */
    static final class GaveUpException extends IOException {
        private static final long serialVersionUID = 1L;

        GaveUpException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
