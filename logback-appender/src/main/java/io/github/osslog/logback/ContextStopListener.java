package io.github.osslog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.Context;

/**
 * Makes {@code LoggerContext.stop()} stop, before it returns, the shippers its reset released: Logback stops
 * appenders inside {@code reset()}, where an {@link OssAppender} only releases its shipper (a reset may be a
 * reconfiguration that takes it over), and tells listeners about the stop right after. One per context; it survives
 * resets and goes with the context's stop. Thread-safe.
 */
final class ContextStopListener implements LoggerContextListener {
    private ContextStopListener() {
    }

    /** Adds the listener to {@code context} unless it has one. */
    static void ensure(Context context) {
        if (!(context instanceof LoggerContext)) {
            return;
        }
        LoggerContext loggerContext = (LoggerContext) context;
        for (LoggerContextListener l : loggerContext.getCopyOfListenerList()) {
            if (l instanceof ContextStopListener) {
                return;
            }
        }
        loggerContext.addListener(new ContextStopListener());
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onStart(LoggerContext context) {
    }

    @Override
    public void onReset(LoggerContext context) {
    }

    @Override
    public void onStop(LoggerContext context) {
        SharedSinks.stopReleasedBy(context);
    }

    @Override
    public void onLevelChange(ch.qos.logback.classic.Logger logger, Level level) {
    }
}
