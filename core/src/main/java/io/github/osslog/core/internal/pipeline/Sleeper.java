package io.github.osslog.core.internal.pipeline;

/** Waits between retries; {@link #wake()} cuts a wait short (for example when the pipeline is told to stop). */
public interface Sleeper {
    /** Waits up to {@code nanos}, returning early when woken. */
    void sleep(long nanos) throws InterruptedException;

    /** Ends the current wait, if any. */
    void wake();
}
