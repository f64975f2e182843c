package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The reused-buffer path writes exactly the bytes the encoder it stands in for would have returned. */
class PatternWriterTest {
    private static final String[] PATTERNS = {
        OssAppender.DEFAULT_PATTERN,
        "%msg%n",
        "%d{HH:mm:ss.SSS} [%thread] %-5level %logger{20} %X{user} %mdc - %replace(%msg){'[0-9]', '#'}%n",
        "%date %level %caller{1} %marker %kvp %nopex%msg%n",
        "%-30(%d %thread) %.-3level %logger{0} %msg%n%rEx{3}",
        "",
    };
    /** SLF4J's own context, so that {@link MDC} feeds the events' MDC. */
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    /** Where PatternWriter says which path it takes. */
    private final ContextAwareBase owner = new ContextAwareBase();

    {
        owner.setContext(context);
    }

    @AfterEach
    void standInsBack() {
        StandInCheck.refuseAllForTest = false;
    }

    @Test
    void everyPatternWritesTheEncodersBytes() {
        everyPatternWritesTheEncodersBytes(true);
        List<String> refused = context.getStatusManager().getCopyOfStatusList().stream().map(Status::getMessage)
                .filter(m -> m.contains("does not fit") && !m.contains("switched off for a test"))
                .collect(Collectors.toList());
        assertEquals(List.of(), refused, "on the Logback this builds with, both stand-ins fit");
    }

    /**
     * On a Logback where the stand-ins do not fit (before 1.5.22, {@code StackTraceText} would throw
     * IllegalAccessError), Logback's own converters write the same bytes, and a status says so.
     */
    @Test
    void withoutTheStandInsEveryPatternStillWritesTheEncodersBytes() {
        StandInCheck.refuseAllForTest = true;
        everyPatternWritesTheEncodersBytes(false);
        List<String> said = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(st -> st.getLevel() == Status.INFO).map(Status::getMessage).collect(Collectors.toList());
        assertTrue(said.contains("osslog: writing stack traces with Logback's ThrowableProxyConverter:"
                + " StackTraceText does not fit this Logback (switched off for a test)"), said::toString);
    }

    private void everyPatternWritesTheEncodersBytes(boolean standIns) {
        Random random = new Random(11);
        List<ILoggingEvent> events = events(random);
        for (String pattern : PATTERNS) {
            PatternLayoutEncoder encoder = encoder(pattern, UTF_8);
            PatternWriter writer = PatternWriter.of(encoder, owner);
            if (pattern.isEmpty()) {
                assertNull(writer, "an empty pattern does not start: the encoder handles it");
                continue;
            }
            assertNotNull(writer, pattern);
            assertEquals(standIns, writer.usesStandIns(), pattern);
            StringBuilder text = new StringBuilder();
            for (ILoggingEvent event : events) {
                text.setLength(0);
                writer.write(event, text);
                // the sink's UTF-8 encoding equals String.getBytes (core's EventBytesTest)
                assertArrayEquals(encoder.encode(event), text.toString().getBytes(UTF_8),
                        "pattern " + pattern + ", message " + event.getMessage());
            }
        }
    }

    @Test
    void onlyAPlainUtf8PatternEncoderIsStoodInFor() {
        assertNull(PatternWriter.of(encoder("%msg%n", ISO_8859_1), owner));
        assertNull(PatternWriter.of(new CountingEncoder(), owner), "a subclass keeps its own encode");
        LayoutWrappingEncoder<ILoggingEvent> wrapping = new LayoutWrappingEncoder<>();
        wrapping.setContext(context);
        assertNull(PatternWriter.of(wrapping, owner));
        PatternLayoutEncoder notStarted = new PatternLayoutEncoder();
        notStarted.setPattern("%msg");
        assertNull(PatternWriter.of(notStarted, owner));
    }

    private PatternLayoutEncoder encoder(String pattern, java.nio.charset.Charset charset) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.setCharset(charset);
        encoder.start();
        return encoder;
    }

    private List<ILoggingEvent> events(Random random) {
        String[] messages = {
            "plain ascii {} and {}", "", "ünïcödé {} € 𝄞 emoji 😀", "lone high \uD800 then {}", "lone low \uDC00x",
            "ends high \uD83D", "control \u0000\u0001\t\r\n chars", "digits 12345 {}", "两个字节 {}",
        };
        List<ILoggingEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String message = messages[random.nextInt(messages.length)];
            Throwable error = random.nextInt(5) == 0 ? new IllegalStateException("bad \uD800 state " + i,
                    random.nextBoolean() ? new java.io.IOException("cause " + i) : null) : null;
            if (error != null && random.nextBoolean()) {
                error.addSuppressed(new UnsupportedOperationException("suppressed \u65e5\u672c " + i));
            }
            if (random.nextBoolean()) {
                MDC.put("user", "u" + random.nextInt(100));
            }
            events.add(event(Level.toLevel(10_000 * (1 + random.nextInt(4))), message,
                    new Object[] {random.nextInt(), "arg\u00e9" + i}, error));
            MDC.clear();
        }
        return events;
    }

    private ILoggingEvent event(Level level, String message, Object[] args, Throwable error) {
        Logger logger = context.getLogger("shop.checkout.OrderService");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, error, args);
        event.prepareForDeferredProcessing();
        event.getCallerData();
        return event;
    }
}
