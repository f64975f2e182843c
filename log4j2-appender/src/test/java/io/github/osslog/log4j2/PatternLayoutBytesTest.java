package io.github.osslog.log4j2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.log4j2.fuzz.XmlContext;
import io.github.osslog.testkit.OssTestServerExtension;
import io.github.osslog.testkit.fuzz.FuzzMessages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A PatternLayout's events land byte for byte as the layout writes them, through the testkit, for hostile text (lone
 * surrogates, controls, every UTF-8 length, lines longer than Log4j2's 2,048-char encoding chunk) and stack traces,
 * against a twin layout given the same events. For UTF-8 the appender renders the text ({@code serialize}) and
 * encodes it with the JDK's encoder: the reference is the layout's {@code toByteArray}, i.e. {@code
 * String.getBytes}. (The layout's own {@code encode} differs from both where a surrogate pair straddles one of its
 * chunks: it writes {@code ?} for the pair, or drops a lone surrogate; docs/log4j2-adapter.md.) Other charsets go
 * through the layout's {@code encode}, which is then the reference.
 */
@Timeout(120)
class PatternLayoutBytesTest {
    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());
    private static final int EVENTS = 500;

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    private LoggerContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "%-5level %logger %m%n|UTF-8",
        "[%level] %m %ex{short}%n|UTF-8",
        "%replace{%m}{[0-9]+}{#}%n%throwable|UTF-8",
        "%-5level %logger %m%n|ISO-8859-1"})
    void landsAsThePatternLayoutWritesIt(String pattern, String charset) {
        Random random = new Random(SEED + pattern.hashCode());
        boolean utf8 = charset.equals("UTF-8");
        String where = "seed " + SEED + ", pattern " + pattern + ", " + charset;
        context = XmlContext.start("pattern-bytes", XmlContext.xml("endpoint=\"" + oss.server().endpoint()
                + "\" region=\"" + oss.server().region() + "\" bucket=\"logs\" accessKeyId=\"AK\""
                + " accessKeySecret=\"SK\" objectKeyPattern=\"p/%i.log\" flushInterval=\"50ms\""
                + " overflowPolicy=\"BLOCK\" blockTimeout=\"1 minute\"",
                "<PatternLayout pattern=\"" + pattern + "\" charset=\"" + charset + "\"/>"));
        OssAppender appender = context.getConfiguration().getAppender("oss");
        assertNotNull(appender, where);
        PatternLayout twin = PatternLayout.newBuilder().withPattern(pattern).withCharset(Charset.forName(charset))
                .withConfiguration(new DefaultConfiguration()).build();
        Logger logger = context.getLogger("app");
        FuzzMessages messages = new FuzzMessages(random);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Level[] levels = {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG};
        for (int i = 0; i < EVENTS; i++) {
            String message = messages.next();
            Level level = levels[random.nextInt(levels.length)];
            Throwable error = random.nextInt(10) == 0 ? failure(random, messages) : null;
            logger.log(level, message, error);
            Log4jLogEvent event = Log4jLogEvent.newBuilder().setLoggerName("app").setLevel(level)
                    .setMessage(new SimpleMessage(message)).setThrown(error).build();
            expected.writeBytes(utf8 ? twin.toByteArray(event) : encode(twin, event));
        }
        assertTrue(appender.flush(Duration.ofSeconds(60)), where + ": not shipped: " + appender.getMetrics());
        byte[] landed = oss.server().content("logs", "p/0.log").orElse(new byte[0]);
        assertArrayEquals(expected.toByteArray(), landed, where);
    }

    private static Throwable failure(Random random, FuzzMessages messages) {
        IllegalStateException e = new IllegalStateException(messages.next());
        if (random.nextBoolean()) {
            e.initCause(new java.io.IOException(messages.next()));
        }
        return e;
    }

    /** The layout's own encode, the path the appender takes for other charsets, into the appender's buffer. */
    private static byte[] encode(PatternLayout layout, Log4jLogEvent event) {
        EncodeBuffer buffer = new EncodeBuffer();
        layout.encode(event, buffer);
        return Arrays.copyOf(buffer.array(), buffer.length());
    }
}
