package io.github.osslog.logback;

/**
 * A JVM shutdown hook that stops an appender, so buffered events ship at exit even when the configuration has no
 * {@code <shutdownHook/>}. Harmless next to Logback's own hook: stopping twice does nothing the second time.
 * Thread-safe.
 */
final class ExitHook {
    private final Thread thread;

    private ExitHook(Thread thread) {
        this.thread = thread;
    }

    /** Registers a hook that runs {@code stop}; null when the JVM is already exiting. */
    static ExitHook register(String name, Runnable stop) {
        Thread thread = new Thread(stop, "osslog-exit-" + name);
        try {
            Runtime.getRuntime().addShutdownHook(thread);
            return new ExitHook(thread);
        } catch (IllegalStateException shuttingDown) {
            return null;
        }
    }

    /** Deregisters the hook, unless it is the caller or the JVM is exiting (then it runs or ran already). */
    void remove() {
        if (thread == Thread.currentThread()) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) and finds the appender stopped
        }
    }

    Thread thread() {
        return thread;
    }
}
