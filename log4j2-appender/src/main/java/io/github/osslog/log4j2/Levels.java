package io.github.osslog.log4j2;

import io.github.osslog.core.LogLevel;
import org.apache.logging.log4j.Level;

/**
 * Maps Log4j2 levels, custom ones included, to the core's {@link LogLevel} by {@link Level#intLevel()}: a level
 * counts as the most severe standard level it is at least as severe as (FATAL is ERROR). Stateless.
 */
final class Levels {
    private Levels() {
    }

    static LogLevel of(Level level) {
        int severity = level.intLevel(); // smaller is more severe
        if (severity <= Level.ERROR.intLevel()) {
            return LogLevel.ERROR;
        }
        if (severity <= Level.WARN.intLevel()) {
            return LogLevel.WARN;
        }
        if (severity <= Level.INFO.intLevel()) {
            return LogLevel.INFO;
        }
        if (severity <= Level.DEBUG.intLevel()) {
            return LogLevel.DEBUG;
        }
        return LogLevel.TRACE;
    }
}
