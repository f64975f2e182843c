package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.StatusListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A host that shows no Logback WARN statuses (Spring Boot 2.7) still learns why osslog does not ship. */
class InactiveReminderTest {
    private final LoggerContext context = new LoggerContext();
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        context.stop();
    }

    private OssAppender misconfigured() {
        OssAppender appender = new OssAppender();
        appender.setContext(context);
        appender.setName("OSS");
        appender.setBucket("logs"); // no endpoint
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return appender;
    }

    @Test
    void theFirstEventToAnAppenderThatDidNotStartPrintsWhyOnce() {
        OssAppender appender = misconfigured();
        assertFalse(appender.isStarted());
        System.setErr(new PrintStream(err, true));

        Logger app = context.getLogger("app");
        app.info("one");
        app.info("two");

        List<String> lines = err.toString(UTF_8).lines().filter(l -> l.contains("osslog")).collect(Collectors.toList());
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("osslog WARN: appender [OSS] is not started")
                && lines.get(0).contains("endpoint"), lines.get(0));
    }

    @Test
    void aStatusListenerShowsTheStatusesInstead() {
        StatusListener listener = status -> { };
        context.getStatusManager().add(listener);
        misconfigured();
        System.setErr(new PrintStream(err, true));

        context.getLogger("app").info("one");

        assertFalse(err.toString(UTF_8).contains("osslog"), err.toString(UTF_8));
    }
}
