package io.github.osslog.logback;

import ch.qos.logback.core.spi.ContextAware;
import io.github.osslog.core.InternalLogger;

/**
 * Reports the core's messages as statuses of the appender ({@code addInfo}/{@code addWarn}/{@code addError}), so
 * they reach Logback's {@code StatusManager} and never an appender; a shipper handed to the appender of a new
 * configuration reports through that one ({@link #retarget}). Thread-safe, as the status manager is.
 */
final class StatusLogger implements InternalLogger {
    private volatile ContextAware target;

    StatusLogger(ContextAware target) {
        this.target = target;
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
        target.addError(message, cause);
    }
}
