package io.github.osslog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StackTraceText} writes what an option-free {@link ThrowableProxyConverter} returns, for every shape. */
class StackTraceTextTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("shop.Payments");

    @Test
    void writesTheConvertersTextForCausesSuppressedCommonFramesCyclesAndNoException() {
        ThrowableProxyConverter converter = new ThrowableProxyConverter();
        converter.setContext(context);
        converter.start();
        List<Throwable> twice = new ArrayList<>(throwables());
        twice.addAll(twice); // the second round takes the frames' texts from the cache
        twice.addAll(throwables()); // equal frames of other Throwables, too
        StackTraceText text = new StackTraceText();
        for (Throwable error : twice) {
            LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.ERROR, "failed", error, null);
            StringBuilder out = new StringBuilder("line|");
            text.write(out, event);
            assertEquals("line|" + converter.convert(event), out.toString(), String.valueOf(error));
        }
    }

    private static List<Throwable> throwables() {
        List<Throwable> all = new ArrayList<>();
        all.add(null);
        all.add(new IllegalStateException("plain é \uD800"));
        all.add(new IllegalStateException()); // null message
        all.add(new RuntimeException("outer", new UncheckedIOException("middle", new IOException("root"))));
        IllegalArgumentException withSuppressed = new IllegalArgumentException("closing");
        withSuppressed.addSuppressed(new IOException("first close", new IllegalStateException("why")));
        withSuppressed.addSuppressed(new IOException("second close"));
        all.add(new RuntimeException("wrapper", withSuppressed));
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b); // a cycle: Logback prints a circular reference line
        all.add(a);
        all.add(deep(40));
        return all;
    }

    private static Throwable deep(int depth) {
        if (depth == 0) {
            return new IllegalStateException("bottom");
        }
        try {
            throw new RuntimeException("level " + depth, deep(depth - 1));
        } catch (RuntimeException e) {
            assertTrue(e.getStackTrace().length > 0);
            return e;
        }
    }
}
