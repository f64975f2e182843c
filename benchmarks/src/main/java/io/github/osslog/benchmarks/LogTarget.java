package io.github.osslog.benchmarks;

import io.github.osslog.core.metrics.PipelineMXBean;

/**
 * One logging setup under test (a framework, its appenders, and for osslog the local OSS it ships to), configured
 * programmatically in its own logger context. {@link #log} is thread-safe; the rest is called by one thread.
 */
interface LogTarget extends AutoCloseable {
    /** Logs {@code event} through the framework's logger API, as an application would. */
    void log(EventMix.Event event);

    /**
     * Waits until everything logged so far is at its destination: the file closed (in the OS page cache, no
     * fsync), or every event shipped into the local OSS. Call once, after the last {@link #log}.
     *
     * @throws IllegalStateException when that did not happen in time
     */
    Landed finish();

    /**
     * After {@link #finish()}: the events at the destination, counted there (osslog's shipped counter, checked
     * against the stored bytes; the file's lines that start with a timestamp). Slow for big files.
     */
    long eventsLanded();

    /** osslog's counters, or {@code null} for the baselines. */
    PipelineMXBean metrics();

    /** Stops the framework context and deletes what it stored in the local OSS; idempotent. */
    @Override
    void close();
}
