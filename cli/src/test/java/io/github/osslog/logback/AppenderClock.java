package io.github.osslog.logback;

import java.time.Clock;

/** Test access to the Logback appender's clock (key dates and signing), which has no public setter. */
public final class AppenderClock {
    private AppenderClock() {
    }

    /** Makes {@code appender} date its keys by {@code clock}; call before {@code start()}. */
    public static void set(OssAppender appender, Clock clock) {
        appender.settings.clock(clock);
    }
}
