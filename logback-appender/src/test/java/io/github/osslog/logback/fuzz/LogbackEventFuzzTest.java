package io.github.osslog.logback.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.osslog.testkit.fuzz.FuzzMessages;
import io.github.osslog.testkit.fuzz.LandedEvents;
import io.github.osslog.testkit.fuzz.FuzzThreads;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.logback.OssAppender;
import io.github.osslog.testkit.OssTestServerExtension;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile events end to end through the testkit, with the default encoder, a message-only one and one emitting
 * arbitrary bytes: logging never throws, and every event lands byte-exact and in order, or truncated with the
 * marker when above maxEventSize. Events per run: {@code -Dfuzz.events}; seed: {@code -Dfuzz.seed}.
 */
@Timeout(120)
class LogbackEventFuzzTest {
    private static final int EVENTS = Integer.getInteger("fuzz.events", 300);
    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    private LoggerContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        FuzzThreads.assertNoShipperLeft("seed " + SEED);
    }

    static Stream<Arguments> encoders() {
        List<Arguments> cases = new ArrayList<>();
        for (String encoder : new String[] {"", "<encoder><pattern>%msg%n</pattern></encoder>",
                "<encoder class=\"io.github.osslog.logback.fuzz.RandomBytesEncoder\"/>"}) {
            cases.add(Arguments.of(encoder, false));
            cases.add(Arguments.of(encoder, true));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} truncating={1}")
    @MethodSource("encoders")
    void everyEventLandsByteExactOrVisiblyTruncated(String encoder, boolean truncating) throws Exception {
        long seed = SEED + encoder.length() * 2L + (truncating ? 1 : 0);
        Random random = new Random(seed);
        int maxEventSize = truncating ? 256 + random.nextInt(4096) : 12 << 20;
        String where = "seed " + seed + ", encoder [" + encoder + "], maxEventSize " + maxEventSize;
        Logger logger = configure(encoder, truncating
                ? "<maxEventSize>" + maxEventSize + "</maxEventSize><batchMaxBytes>64KB</batchMaxBytes>"
                        + "<bufferSize>8MB</bufferSize>"
                : "<maxEventSize>12MB</maxEventSize><batchMaxBytes>16MB</batchMaxBytes><bufferSize>64MB</bufferSize>");
        OssAppender appender = (OssAppender) logger.getAppender("OSS");
        assertTrue(appender.isStarted(), () -> where + ": " + errors());

        FuzzMessages messages = new FuzzMessages(random);
        int huge = random.nextInt(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            String message = i == huge ? messages.huge() : messages.next();
            try {
                switch (random.nextInt(4)) {
                    case 0: logger.warn(message); break;
                    case 1: logger.error("{}", message); break;
                    case 2: logger.debug(message, (Object) null); break;
                    default: logger.info(message); break;
                }
            } catch (RuntimeException e) {
                fail(where + ": event " + i + " threw to the application", e);
            }
        }
        assertTrue(appender.flush(Duration.ofSeconds(60)), where + ": not shipped: " + appender.getMetrics());

        PipelineMXBean metrics = appender.getMetrics();
        @SuppressWarnings("unchecked")
        ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) logger.getAppender("LIST");
        assertEquals(EVENTS, list.list.size(), where);
        List<byte[]> encoded = new ArrayList<>();
        Encoder<ILoggingEvent> oursEncoder = appender.getEncoder();
        for (ILoggingEvent event : list.list) {
            encoded.add(oursEncoder.encode(event)); // the same event encoded again: the bytes the appender got
        }
        byte[] landed = oss.server().landed("logs", "fuzz/").bytes();
        int truncated = LandedEvents.assertLanded(landed, encoded, maxEventSize, where);
        assertEquals(truncated, metrics.getEventsTruncated(), where);
        assertEquals(0, metrics.getEventsDropped(), () -> where + ": " + metrics);
        assertEquals(encoded.stream().filter(e -> e.length > 0).count(), metrics.getEventsAccepted(), where);
        assertEquals(List.of(), errors(), where);
        assertTrue(truncating == truncated > 0, where + ": truncated " + truncated);
    }

    private Logger configure(String encoder, String sizes) throws Exception {
        String xml = "<configuration>\n<appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                + "<endpoint>" + oss.server().endpoint() + "</endpoint><region>" + oss.server().region()
                + "</region><bucket>logs</bucket><accessKeyId>AK</accessKeyId><accessKeySecret>SK</accessKeySecret>\n"
                + "<objectKeyPattern>fuzz/%i.log</objectKeyPattern><flushInterval>50 milliseconds</flushInterval>\n"
                + "<overflowPolicy>BLOCK</overflowPolicy><blockTimeout>1 minute</blockTimeout>\n"
                + sizes + encoder + "</appender>\n"
                + "<appender name=\"LIST\" class=\"ch.qos.logback.core.read.ListAppender\"/>\n"
                + "<logger name=\"app\" level=\"TRACE\" additivity=\"false\"><appender-ref ref=\"OSS\"/>"
                + "<appender-ref ref=\"LIST\"/></logger>\n</configuration>\n";
        context = new LoggerContext();
        context.setName("fuzz");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(UTF_8)));
        return context.getLogger("app");
    }

    private List<String> errors() {
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() == Status.ERROR)
                .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : " / " + s.getThrowable()))
                .collect(Collectors.toList());
    }
}
