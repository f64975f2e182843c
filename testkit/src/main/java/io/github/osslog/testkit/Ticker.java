package io.github.osslog.testkit;

/** A source of nanoseconds for fault windows, so tests can move time without sleeping. Must be thread-safe. */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds from an arbitrary origin. */
    long read();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
