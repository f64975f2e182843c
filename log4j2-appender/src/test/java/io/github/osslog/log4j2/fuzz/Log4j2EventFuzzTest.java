package io.github.osslog.log4j2.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.osslog.testkit.fuzz.FuzzMessages;
import io.github.osslog.testkit.fuzz.LandedEvents;
import io.github.osslog.testkit.fuzz.FuzzThreads;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.log4j2.CollectingAppender;
import io.github.osslog.log4j2.OssAppender;
import io.github.osslog.log4j2.StatusCapture;
import io.github.osslog.testkit.OssTestServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile events end to end through the testkit, with the default pattern, a message-only one and a layout
 * emitting arbitrary bytes: logging never throws, and every event lands byte-exact and in order, or truncated with
 * the marker when above maxEventSize. Events per run: {@code -Dfuzz.events}; seed: {@code -Dfuzz.seed}.
 */
@Timeout(120)
class Log4j2EventFuzzTest {
    private static final int EVENTS = Integer.getInteger("fuzz.events", 300);
    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    private LoggerContext context;
    private StatusCapture status;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (status != null) {
            status.close();
        }
        FuzzThreads.assertNoShipperLeft("seed " + SEED);
    }

    static Stream<Arguments> layouts() {
        List<Arguments> cases = new ArrayList<>();
        for (String layout : new String[] {"<RecordingLayout pattern=\"" + OssAppender.DEFAULT_PATTERN + "\"/>",
                "<RecordingLayout pattern=\"%m%n\"/>", "<RecordingLayout/>"}) {
            cases.add(Arguments.of(layout, false));
            cases.add(Arguments.of(layout, true));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} truncating={1}")
    @MethodSource("layouts")
    void everyEventLandsByteExactOrVisiblyTruncated(String layout, boolean truncating) {
        long seed = SEED + layout.length() * 2L + (truncating ? 1 : 0);
        Random random = new Random(seed);
        int maxEventSize = truncating ? 256 + random.nextInt(4096) : 12 << 20;
        String where = "seed " + seed + ", layout " + layout + ", maxEventSize " + maxEventSize;
        status = StatusCapture.start();
        String sizes = truncating ? "maxEventSize=\"" + maxEventSize + "\" batchMaxBytes=\"64KB\" bufferSize=\"8MB\""
                : "maxEventSize=\"12MB\" batchMaxBytes=\"16MB\" bufferSize=\"64MB\"";
        context = XmlContext.start("fuzz", XmlContext.xml("endpoint=\"" + oss.server().endpoint() + "\" region=\""
                + oss.server().region() + "\" bucket=\"logs\" accessKeyId=\"AK\" accessKeySecret=\"SK\""
                + " objectKeyPattern=\"fuzz/%i.log\" flushInterval=\"50ms\" overflowPolicy=\"BLOCK\""
                + " blockTimeout=\"1 minute\" " + sizes, layout));
        OssAppender appender = context.getConfiguration().getAppender("oss");
        assertNotNull(appender, () -> where + ": " + status.all());
        Logger logger = context.getLogger("app");

        FuzzMessages messages = new FuzzMessages(random);
        int huge = random.nextInt(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            String message = i == huge ? messages.huge() : messages.next();
            try {
                switch (random.nextInt(4)) {
                    case 0: logger.warn(message); break;
                    case 1: logger.error("{}", message); break;
                    case 2: logger.debug(message, (Throwable) null); break;
                    default: logger.info(message); break;
                }
            } catch (RuntimeException e) {
                fail(where + ": event " + i + " threw to the application", e);
            }
        }
        assertTrue(appender.flush(Duration.ofSeconds(60)), where + ": not shipped: " + appender.getMetrics());

        PipelineMXBean metrics = appender.getMetrics();
        CollectingAppender other = context.getConfiguration().getAppender("other");
        assertEquals(EVENTS, other.messages().size(), where);
        List<byte[]> encoded = ((RecordingLayout) appender.getLayout()).produced().stream()
                .map(b -> b == null ? new byte[0] : b).collect(Collectors.toList());
        assertEquals(EVENTS, encoded.size(), where);
        byte[] landed = oss.server().landed("logs", "fuzz/").bytes();
        int truncated = LandedEvents.assertLanded(landed, encoded, maxEventSize, where);
        assertEquals(truncated, metrics.getEventsTruncated(), where);
        assertEquals(0, metrics.getEventsDropped(), () -> where + ": " + metrics);
        assertEquals(encoded.stream().filter(e -> e.length > 0).count(), metrics.getEventsAccepted(), where);
        assertEquals(List.of(), status.atLeast(Level.ERROR), where);
        assertTrue(truncating == truncated > 0, where + ": truncated " + truncated);
    }
}
