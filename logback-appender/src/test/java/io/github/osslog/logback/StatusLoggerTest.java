package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLoggerTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ContextBase context = new ContextBase();
    private final ContextAwareBase appender = new ContextAwareBase();
    private final StatusLogger logger;

    StatusLoggerTest() {
        appender.setContext(context);
        logger = new StatusLogger(appender, new PrintStream(console, true));
    }

    @Test
    void withoutAStatusListenerAnErrorAlsoReachesTheConsole() {
        logger.error("the store keeps refusing the credentials", new IllegalStateException("InvalidSecurityToken"));
        logger.warn("a warning stays a status");
        logger.info("so does information");

        assertEquals("osslog ERROR: the store keeps refusing the credentials"
                + " (java.lang.IllegalStateException: InvalidSecurityToken)" + System.lineSeparator(),
                console.toString(UTF_8));
        assertEquals(3, context.getStatusManager().getCount());
    }

    @Test
    void aRegisteredStatusListenerIsTheOnlyChannel() {
        List<Status> heard = new ArrayList<>();
        StatusListener listener = heard::add;
        context.getStatusManager().add(listener);

        logger.error("the store keeps refusing the credentials", null);

        assertEquals("", console.toString(UTF_8));
        assertTrue(heard.stream().anyMatch(s -> s.getLevel() == Status.ERROR));
    }
}
