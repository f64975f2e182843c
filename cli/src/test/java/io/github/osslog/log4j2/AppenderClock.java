package io.github.osslog.log4j2;

import java.time.Clock;

/** Test access to the Log4j2 appender's clock (key dates and signing), which has no attribute. */
public final class AppenderClock {
    private AppenderClock() {
    }

    /** Makes the appender {@code builder} builds date its keys by {@code clock}. */
    public static void set(OssAppender.Builder<?> builder, Clock clock) {
        builder.clock = clock;
    }
}
