package io.github.osslog.log4j2;

import io.github.osslog.core.InternalLogger;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Sends the core's reports to Log4j2's {@link StatusLogger}, which writes to the status listeners (the console by
 * default) and never to appenders, so nothing the core says can re-enter osslog. Thread-safe.
 */
final class StatusLoggerBridge implements InternalLogger {
    static final InternalLogger INSTANCE = new StatusLoggerBridge();

    private static final Logger STATUS = StatusLogger.getLogger();

    private StatusLoggerBridge() {
    }

    @Override
    public void info(String message) {
        STATUS.info(message);
    }

    @Override
    public void warn(String message, Throwable cause) {
        STATUS.warn(message, cause);
    }

    @Override
    public void error(String message, Throwable cause) {
        STATUS.error(message, cause);
    }
}
