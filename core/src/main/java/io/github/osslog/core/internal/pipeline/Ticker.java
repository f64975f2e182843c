package io.github.osslog.core.internal.pipeline;

/**
 * The pipeline's monotonic time and how it waits out a retry backoff. {@link #SYSTEM} is the real one; tests pass a
 * ticker whose waits return at once and count as elapsed, so backoffs and stop budgets pass without waiting them
 * out in real seconds.
 */
public interface Ticker {
    /** {@link System#nanoTime()}, and waits that a stop or flush cuts short. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Sleeper newSleeper() {
            return new WakeableSleeper();
        }

        @Override
        public String toString() {
            return "Ticker.SYSTEM";
        }
    };

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** The sleeper for one pipeline's waits; the time it waits passes on {@link #nanoTime()}. */
    Sleeper newSleeper();
}
