package io.github.osslog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.pattern.Converter;
import io.github.osslog.core.sink.Containment;
import java.io.IOException;

/**
 * Decides, when an appender starts, whether a stand-in ({@link MessageText}, {@link StackTraceText}) may replace the
 * Logback converter it copies: it runs both on a sample event (arguments with SLF4J's escapes, an exception with a
 * cause, a suppressed exception, a null message, non-ASCII text) and accepts the stand-in only when it writes the
 * same text without throwing. The stand-ins call into Logback ({@code ThrowableProxyUtil.subjoinExceptionMessage} is
 * private before Logback 1.5.22: calling it there throws {@link IllegalAccessError}), so on a Logback where one does
 * not fit, the converter itself stays in the chain. Stateless apart from the test switch; thread-safe.
 */
final class StandInCheck {
    /** Tests set this to act as on a Logback where no stand-in fits. */
    static volatile boolean refuseAllForTest;

    private StandInCheck() {
    }

    /** Null when {@code standIn} writes what {@code real} writes on the sample event; else why it may not. */
    static String mismatch(Converter<ILoggingEvent> standIn, Converter<ILoggingEvent> real) {
        if (refuseAllForTest) {
            return "switched off for a test";
        }
        try {
            ILoggingEvent sample = sample();
            StringBuilder ours = new StringBuilder("x");
            standIn.write(ours, sample);
            StringBuilder theirs = new StringBuilder("x");
            real.write(theirs, sample);
            return ours.toString().equals(theirs.toString()) ? null : "its text differs from Logback's";
        } catch (Throwable t) {
            Containment.rethrowIfFatal(t);
            return t.getClass().getName() + ": " + t.getMessage();
        }
    }

    private static ILoggingEvent sample() {
        IllegalStateException cause = new IllegalStateException("caus\u00e9 \u65e5\u672c");
        RuntimeException top = new RuntimeException("first line\n\tsecond line", cause);
        top.addSuppressed(new IOException());
        LoggingEvent event = new LoggingEvent();
        event.setLevel(Level.ERROR);
        event.setLoggerName(StandInCheck.class.getName());
        event.setThreadName("osslog-check");
        event.setTimeStamp(0L);
        event.setMessage("a {} b \\{} c \\\\{} d {} e {} f {}");
        event.setArgumentArray(new Object[] {1, "\u00fc", null, 2.5d, 'c'});
        event.setThrowableProxy(new ThrowableProxy(top));
        return event;
    }
}
