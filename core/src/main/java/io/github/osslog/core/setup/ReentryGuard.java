package io.github.osslog.core.setup;

/**
 * Stops an appender from re-entering itself on one thread: an encoder or layout that logs while an event is being
 * appended would otherwise recurse without end. Thread-safe (one flag per thread); no allocation after a thread's
 * first use.
 */
public final class ReentryGuard {
    /** The drop reason counted for events refused by the guard. */
    public static final String DROP_REASON = "logged while appending (re-entrant)";

    private final ThreadLocal<boolean[]> inside = ThreadLocal.withInitial(() -> new boolean[1]);

    /** Enters the guarded section; false when this thread is already inside it (the caller must then not append). */
    public boolean enter() {
        boolean[] flag = inside.get();
        if (flag[0]) {
            return false;
        }
        flag[0] = true;
        return true;
    }

    /** Leaves the guarded section; call in a finally block after a successful {@link #enter()}. */
    public void exit() {
        inside.get()[0] = false;
    }
}
