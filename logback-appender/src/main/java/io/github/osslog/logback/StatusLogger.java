package io.github.osslog.logback;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.spi.ContextAware;
import io.github.osslog.core.InternalLogger;
import java.io.PrintStream;

/**
 * Reports the core's messages as statuses of the appender ({@code addInfo}/{@code addWarn}/{@code addError}), so
 * they reach Logback's {@code StatusManager} and never an appender; a shipper handed to the appender of a new
 * configuration reports through that one ({@link #retarget}). Logback prints statuses only while it configures, so
 * an error reported later (a credential the store keeps refusing, say) would reach nobody: when no status listener
 * is registered, errors are also printed to stderr, as Logback's own {@code OnConsoleStatusListener} would print
 * them. The core paces its errors (once per episode, at most every {@code maxBackoff}) and redacts them before they
 * get here. Thread-safe, as the status manager is.
 */
final class StatusLogger implements InternalLogger {
    private final PrintStream console;
    private volatile ContextAware target;

    StatusLogger(ContextAware target) {
        this(target, System.err);
    }

    StatusLogger(ContextAware target, PrintStream console) {
        this.target = target;
        this.console = console;
    }

    void retarget(ContextAware newTarget) {
        target = newTarget;
    }

    @Override
    public void info(String message) {
        target.addInfo(message);
    }

    @Override
    public void warn(String message, Throwable cause) {
        target.addWarn(message, cause);
    }

    @Override
    public void error(String message, Throwable cause) {
        ContextAware to = target;
        to.addError(message, cause);
        Context context = to.getContext();
        if (context != null && context.getStatusManager().getCopyOfStatusListenerList().isEmpty()) {
            console.println("osslog ERROR: " + message + (cause == null ? "" : " (" + cause + ")"));
        }
    }
}
