package io.github.osslog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.MarkerFilter;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.spi.SequenceNumberGenerator;
import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.testkit.OssTestServerExtension;
import io.github.osslog.testkit.lines.ShippedLines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The early drop ({@link EarlyDrop}): with the buffer full during an outage, a call whose only destination is the
 * OSS appender is dropped before Logback builds an event, and counted; a call that goes anywhere else is not.
 * Events built are counted with a sequence-number generator, which Logback calls once per event it creates.
 */
@Timeout(60)
class EarlyDropTest {
    private static final int LOGGED = 2_000;
    private static final String FILLER = "x".repeat(100);

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    private final List<LogbackConfig> configs = new ArrayList<>();
    private final AtomicLong built = new AtomicLong();

    /** Stops every context so far (LogbackConfig.stop checks that no shipper thread outlives its context). */
    @AfterEach
    void stopContexts() {
        oss.server().faults().clear();
        configs.forEach(LogbackConfig::stop);
        configs.clear();
    }

    /** OSS (a 4 KB buffer, with {@code ossExtra}) on the root logger, and {@code loggers} as XML; OSS is down. */
    private LogbackConfig configure(String ossExtra, String loggers) {
        return configure(ossExtra, loggers, "", "");
    }

    /** As above, with {@code first} (XML) before the appenders and {@code last} after the root logger. */
    private LogbackConfig configure(String ossExtra, String loggers, String first, String last) {
        oss.server().faults().outage(Duration.ofMinutes(5));
        String xml = "<configuration>\n" + first
                + "<appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                + "<endpoint>${endpoint}</endpoint><region>${region}</region><bucket>logs</bucket>\n"
                + "<accessKeyId>AK</accessKeyId><accessKeySecret>SK</accessKeySecret>\n"
                + "<objectKeyPattern>app/%i.log</objectKeyPattern><encoder><pattern>%msg%n</pattern></encoder>\n"
                + "<bufferSize>4KB</bufferSize><batchMaxBytes>2KB</batchMaxBytes><maxEventSize>1KB</maxEventSize>\n"
                + "<initialBackoff>1 millisecond</initialBackoff><maxBackoff>20 milliseconds</maxBackoff>\n"
                + "<flushInterval>10 milliseconds</flushInterval>\n" + ossExtra + "</appender>\n"
                + "<appender name=\"LIST\" class=\"ch.qos.logback.core.read.ListAppender\"/>\n"
                + loggers
                + "<root level=\"INFO\"><appender-ref ref=\"OSS\"/></root>\n" + last + "</configuration>\n";
        LogbackConfig config = new LogbackConfig(xml, LogbackConfig.serverProperties(oss.server()));
        configs.add(config);
        assertTrue(config.oss("OSS").isStarted(), () -> "errors: " + config.errors());
        config.context.setSequenceNumberGenerator(new CountingSequence());
        return config;
    }

    /** Counts the events Logback builds. */
    private final class CountingSequence extends ContextAwareBase implements SequenceNumberGenerator {
        @Override
        public long nextSequenceNumber() {
            return built.incrementAndGet();
        }
    }

    private static void logMany(Logger logger) {
        for (int i = 0; i < LOGGED; i++) {
            logger.info("event {} {}", i, FILLER);
        }
    }

    /**
     * Leaves the buffer refusing events from now on: the shipper is stuck retrying its first batch (it drains
     * nothing more during the outage) and the buffer is filled until it drops one.
     */
    private static void stuckFull(LogbackConfig config) {
        OssAppender appender = config.oss("OSS");
        config.logger("shop").info("first {} {}", 0, FILLER);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (appender.getMetrics().getFailuresByCode().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the shipper never tried to ship");
            appender.flush(Duration.ofMillis(10)); // asks it to ship now; false during the outage
        }
        long dropped = appender.getMetrics().getEventsDropped();
        for (int i = 0; appender.getMetrics().getEventsDropped() == dropped; i++) {
            assertTrue(i < 10_000, "the buffer never filled");
            config.logger("shop").info("event {} {}", i, FILLER);
        }
    }

    @SuppressWarnings("unchecked")
    private static ListAppender<ILoggingEvent> list(LogbackConfig config) {
        return (ListAppender<ILoggingEvent>) config.context.getLogger("app").getAppender("LIST");
    }

    @Test
    void aCallOnlyOsslogWouldTakeIsDroppedBeforeTheEventIsBuiltAndCounted() {
        LogbackConfig config = configure("", "");
        logMany(config.logger("shop.web.RequestLog"));

        PipelineMXBean metrics = config.oss("OSS").getMetrics();
        long accepted = metrics.getEventsAccepted();
        assertTrue(accepted < 100, "a 4 KB buffer holds a few dozen events: " + accepted);
        assertEquals(LOGGED - accepted, metrics.getEventsDropped(), "every call is kept or counted");
        assertTrue(built.get() < LOGGED / 10, "Logback built " + built.get() + " events for " + LOGGED + " calls");

        oss.server().faults().clear();
        assertTrue(config.oss("OSS").flush(Duration.ofSeconds(20)));
        List<String> lines = shippedLines();
        assertEquals(accepted, lines.stream().filter(l -> l.startsWith("event ")).count());
        long noted = ShippedLines.dropLineTotal(lines);
        assertEquals(LOGGED - accepted, noted, "the drop lines in the object add up to the early drops");
    }

    @Test
    void anotherAppenderOnTheWayStillGetsEveryEvent() {
        LogbackConfig config = configure("", "<logger name=\"app\"><appender-ref ref=\"LIST\"/></logger>\n");
        logMany(config.logger("app.orders"));

        assertEquals(LOGGED, list(config).list.size());
        assertEquals(LOGGED, built.get());
        PipelineMXBean metrics = config.oss("OSS").getMetrics();
        assertEquals(LOGGED, metrics.getEventsAccepted() + metrics.getEventsDropped());
    }

    @Test
    void aLoggerThatDoesNotReachOsslogIsNotCounted() {
        LogbackConfig config = configure("",
                "<logger name=\"app\" additivity=\"false\"><appender-ref ref=\"LIST\"/></logger>\n");
        logMany(config.logger("shop"));
        PipelineMXBean metrics = config.oss("OSS").getMetrics();
        long seen = metrics.getEventsAccepted() + metrics.getEventsDropped();
        assertEquals(LOGGED, seen);

        logMany(config.logger("app.orders"));
        assertEquals(LOGGED, list(config).list.size());
        assertEquals(seen, metrics.getEventsAccepted() + metrics.getEventsDropped(), "osslog never saw them");
    }

    @Test
    void anAppenderAttachedAtRunTimeGetsEveryLaterEvent() {
        LogbackConfig config = configure("", "");
        Logger app = config.logger("app.orders");
        logMany(app); // fills the buffer and lets the early drop learn the logger's lineage
        long before = built.get();
        assertTrue(before < LOGGED / 10, "built " + before);

        ListAppender<ILoggingEvent> late = new ListAppender<>();
        late.setContext(config.context);
        late.start();
        config.logger("app").addAppender(late);
        logMany(app);
        assertEquals(LOGGED, late.list.size());

        config.logger("app").detachAppender(late);
        logMany(app);
        assertTrue(built.get() - before - LOGGED < LOGGED / 10, "early drop again once it is gone");
    }

    @Test
    void aDropIsCountedUnderTheReasonTheAppenderWouldGive() {
        LogbackConfig config = configure("", "");
        stuckFull(config);
        PipelineMXBean metrics = config.oss("OSS").getMetrics();
        Map<String, Long> before = metrics.getEventsDroppedByReason();
        assertTrue(before.getOrDefault("buffer full", 0L) > 0, before::toString);
        long builtBefore = built.get();

        Logger httpClient = config.logger(okhttp3.OkHttpClient.class.getName());
        for (int i = 0; i < 100; i++) {
            httpClient.info("osslog's own HTTP client {}", i);
        }
        Map<String, Long> after = metrics.getEventsDroppedByReason();
        assertEquals(before.getOrDefault(DropReason.OWN_HTTP_CLIENT.text(), 0L) + 100,
                after.getOrDefault(DropReason.OWN_HTTP_CLIENT.text(), 0L), after::toString);
        assertEquals(before.get("buffer full"), after.get("buffer full"));
        assertEquals(builtBefore, built.get(), "dropped before they were built");
    }

    @Test
    void enabledChecksAndDisabledLevelsAreNeitherDeniedNorCounted() {
        LogbackConfig config = configure("", "");
        Logger logger = config.logger("shop");
        logMany(logger);
        PipelineMXBean metrics = config.oss("OSS").getMetrics();
        long dropped = metrics.getEventsDropped();
        assertTrue(dropped > 0);

        assertTrue(logger.isInfoEnabled(), "the buffer being full does not disable INFO");
        for (int i = 0; i < 100; i++) {
            logger.debug("below the root's INFO {}", i);
        }
        assertEquals(dropped, metrics.getEventsDropped());
    }

    @Test
    void anAppenderFilterOrALaterTurboFilterSeesEveryEvent() {
        LogbackConfig config = configure("<filter class=\"ch.qos.logback.classic.filter.ThresholdFilter\">"
                + "<level>INFO</level></filter>\n", "");
        logMany(config.logger("shop"));
        assertEquals(LOGGED, built.get(), "the appender's own filter decides on each event");

        stopContexts();
        LogbackConfig second = configure("", "");
        built.set(0);
        AtomicLong seen = new AtomicLong();
        TurboFilter later = new TurboFilter() {
            @Override
            public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                    Throwable t) {
                if (format != null) {
                    seen.incrementAndGet();
                }
                return FilterReply.NEUTRAL;
            }
        };
        later.start();
        second.context.addTurboFilter(later);
        logMany(second.logger("shop"));
        assertEquals(LOGGED, seen.get(), "a turbo filter after osslog's is never skipped");
        assertEquals(LOGGED, built.get());
    }

    @Test
    void turboFiltersFromTheXmlRunFirstWhereverTheyAreDeclared() {
        String audit = "<turboFilter class=\"ch.qos.logback.classic.turbo.MarkerFilter\"><Marker>AUDIT</Marker>"
                + "<OnMatch>ACCEPT</OnMatch></turboFilter>\n";
        for (boolean declaredFirst : new boolean[] {true, false}) {
            stopContexts();
            built.set(0);
            LogbackConfig config = declaredFirst ? configure("", "", audit, "") : configure("", "", "", audit);
            String where = declaredFirst ? "declared first" : "declared last";
            assertTrue(config.context.getTurboFilterList().get(0) instanceof MarkerFilter, where);
            logMany(config.logger("shop"));
            assertTrue(built.get() < LOGGED / 10, where + ": built " + built.get());

            long plain = built.get();
            Logger audited = config.logger("shop");
            for (int i = 0; i < 100; i++) {
                audited.info(MarkerFactory.getMarker("AUDIT"), "audited {}", i);
            }
            assertEquals(plain + 100, built.get(), where + ": the MarkerFilter accepted them before osslog's ran");
        }
    }

    @Test
    void theFilterIsThereOnlyWhileItCanDropAndGoesWithTheAppender() {
        LogbackConfig config = configure("", "");
        assertEquals(1, earlyDrops(config));
        config.oss("OSS").stop();
        assertEquals(0, earlyDrops(config));

        stopContexts();
        LogbackConfig blocking = configure("<overflowPolicy>BLOCK</overflowPolicy>", "");
        assertEquals(0, earlyDrops(blocking), "BLOCK never drops a new event");
        stopContexts();
        LogbackConfig discarding = configure("<overflowPolicy>DROP_OLDEST</overflowPolicy>"
                + "<discardLevel>DEBUG</discardLevel>", "");
        assertEquals(1, earlyDrops(discarding), "a discarded level is dropped under any policy");

        stopContexts();
        LogbackConfig off = configure("<earlyDrop>false</earlyDrop>", "");
        assertEquals(0, earlyDrops(off), "turned off");
        built.set(0);
        logMany(off.logger("shop"));
        assertEquals(LOGGED, built.get(), "every event built");
        PipelineMXBean metrics = off.oss("OSS").getMetrics();
        assertEquals(LOGGED, metrics.getEventsAccepted() + metrics.getEventsDropped(), "and every one counted");
    }

    private static long earlyDrops(LogbackConfig config) {
        return config.context.getTurboFilterList().stream().filter(f -> f instanceof EarlyDrop).count();
    }

    /** The lines of app/0.log, app/1.log, ... */
    private List<String> shippedLines() {
        return oss.server().landed("logs", "app/").lines();
    }
}
