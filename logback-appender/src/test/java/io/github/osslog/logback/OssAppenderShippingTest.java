package io.github.osslog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.testkit.OssTestServerExtension;
import io.github.osslog.testkit.lines.ShippedLines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The appender end to end through the testkit: events land exactly once and in order; stop is bounded. */
@Timeout(60)
class OssAppenderShippingTest {
    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    private final List<LogbackConfig> configs = new ArrayList<>();

    @AfterEach
    void stopContexts() {
        oss.server().faults().clear();
        configs.forEach(LogbackConfig::stop);
    }

    /** A context whose root logger writes to OSS (with {@code extra} settings) and a ListAppender. */
    private LogbackConfig configure(String extra) {
        return configure(extra, OssAppender.class);
    }

    private LogbackConfig configure(String extra, Class<? extends OssAppender> appender) {
        String xml = LogbackConfig.withRoot(
                "<appender name=\"OSS\" class=\"" + appender.getName() + "\">\n"
                        + "<endpoint>${endpoint}</endpoint><region>${region}</region><bucket>logs</bucket>\n"
                        + "<accessKeyId>AK</accessKeyId><accessKeySecret>SK</accessKeySecret>\n"
                        + "<objectKeyPattern>app/%i.log</objectKeyPattern>\n"
                        + "<initialBackoff>1 millisecond</initialBackoff><maxBackoff>20 milliseconds</maxBackoff>\n"
                        + extra + "</appender>\n"
                        + "<appender name=\"LIST\" class=\"ch.qos.logback.core.read.ListAppender\"/>\n",
                "OSS", "LIST");
        LogbackConfig config = new LogbackConfig(xml, LogbackConfig.serverProperties(oss.server()));
        configs.add(config);
        assertTrue(config.oss("OSS").isStarted(), () -> "errors: " + config.errors());
        return config;
    }

    private static final String MESSAGE_ONLY = "<encoder><pattern>%msg%n</pattern></encoder>\n";

    /** The lines of app/0.log, app/1.log, ... */
    private List<String> shippedLines() {
        return oss.server().landed("logs", "app/").lines();
    }

    @SuppressWarnings("unchecked")
    private static ListAppender<ILoggingEvent> list(LogbackConfig config) {
        return (ListAppender<ILoggingEvent>) config.context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("LIST");
    }

    @Test
    void eventsFromSeveralThreadsLandExactlyOnceInOrderPerThread() throws InterruptedException {
        LogbackConfig config = configure(MESSAGE_ONLY + "<flushInterval>20 milliseconds</flushInterval>"
                + "<batchMaxBytes>4KB</batchMaxBytes><maxEventSize>1KB</maxEventSize>");
        logFromThreads(config, 4, 1000);
        config.oss("OSS").stop();

        ShippedLines.assertEachThreadInOrder(shippedLines(), 4, 1000);
    }

    @Test
    void statefulEncoderIsNeverCalledConcurrently() throws InterruptedException {
        LogbackConfig config = configure("<encoder class=\"io.github.osslog.logback.StatefulEncoder\"/>");
        StatefulEncoder encoder = (StatefulEncoder) config.oss("OSS").getEncoder();
        logFromThreads(config, 8, 500);
        config.oss("OSS").stop();

        assertEquals(0, encoder.overlaps.get());
        ShippedLines.assertEachThreadInOrder(shippedLines(), 8, 500);
    }

    /** Logs "t<thread> <n>" from {@code threads} threads at once. */
    private static void logFromThreads(LogbackConfig config, int threads, int perThread)
            throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                Logger logger = config.logger("worker." + id);
                for (int i = 0; i < perThread; i++) {
                    logger.info("t{} {}", id, i);
                }
            });
            workers.add(worker);
            worker.start();
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
    }

    @Test
    void defaultEncoderWritesTheProductionPattern() {
        LogbackConfig config = configure("");
        config.logger("com.shop.Checkout").warn("card declined", new IllegalStateException("insufficient funds"));
        config.oss("OSS").stop();

        String text = String.join("\n", shippedLines());
        assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z WARN  \\[[^]]+\\]"
                + " com\\.shop\\.Checkout - card declined\njava\\.lang\\.IllegalStateException: insufficient funds\n"
                + "\\tat .*"), text);
    }

    @Test
    void exitHookStopsTheAppenderAndShipsWhatIsBuffered() {
        LogbackConfig config = configure(MESSAGE_ONLY + "<flushInterval>1 hour</flushInterval>");
        OssAppender appender = config.oss("OSS");
        for (int i = 0; i < 100; i++) {
            config.logger("app").info("line {}", i);
        }
        Thread hook = appender.exitHook();
        assertNotNull(hook);
        assertTrue(shippedLines().isEmpty(), "nothing shipped before the hook ran");

        hook.run();

        assertFalse(appender.isStarted());
        assertNull(appender.getMetrics());
        assertNull(appender.exitHook());
        assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "stop deregisters the hook");
        List<String> lines = shippedLines();
        assertEquals(100, lines.size());
        assertEquals("line 99", lines.get(99));
        appender.stop();
        assertEquals(1, config.statuses(Status.INFO).stream().filter(s -> s.contains("[OSS] stopped")).count());
    }

    @Test
    void exitHookAndLogbacksOwnStopTogetherStopOnce() throws InterruptedException {
        LogbackConfig config = configure(MESSAGE_ONLY + "<flushInterval>1 hour</flushInterval>");
        OssAppender appender = config.oss("OSS");
        for (int i = 0; i < 100; i++) {
            config.logger("app").info("line {}", i);
        }
        Thread ours = new Thread(appender.exitHook());
        Thread logbacks = new Thread(config.context::stop); // what Logback's <shutdownHook/> does
        ours.start();
        logbacks.start();
        ours.join();
        logbacks.join();

        assertFalse(appender.isStarted());
        assertEquals(100, shippedLines().size());
        assertEquals(1, config.statuses(Status.INFO).stream().filter(s -> s.contains("[OSS] stopped")).count());
    }

    @Test
    void encoderThatLogsDoesNotLoopAndIsCounted() {
        LogbackConfig config = configure("<encoder class=\"io.github.osslog.logback.ChattyEncoder\"/>");
        OssAppender appender = config.oss("OSS");
        for (int i = 0; i < 20; i++) {
            config.logger("app").info("event {}", i);
        }
        PipelineMXBean metrics = appender.getMetrics();
        assertEquals(20L, metrics.getEventsDroppedByReason().get(DropReason.REENTRANT.text()));
        appender.stop();

        assertEquals(20, shippedLines().size());
        assertEquals(40, list(config).list.size(), "the other appender sees the events and the encoder's own");
    }

    @Test
    void brokenEncoderIsCountedAndReportedSparingly() {
        LogbackConfig config = configure("<encoder class=\"io.github.osslog.logback.ChattyEncoder\"/>");
        OssAppender appender = config.oss("OSS");
        for (int i = 0; i < 100; i++) {
            config.logger("app").info("boom {}", i);
        }
        config.logger("app").info("fine");
        PipelineMXBean metrics = appender.getMetrics();
        assertEquals(100L, metrics.getEventsDroppedByReason().get(DropReason.ENCODER_FAILED.text()));
        appender.stop();

        List<String> reports = config.errors().stream().filter(e -> e.contains("encoder of appender [OSS] failed"))
                .collect(Collectors.toList());
        assertEquals(7, reports.size(), reports::toString); // after the 1st, 2nd, 4th, ... 64th failure
        assertTrue(reports.get(6).contains("failed on 64 event(s)"), reports.get(6));
        assertEquals(List.of("fine"), shippedLines());
        assertEquals(102, list(config).list.size());
    }

    /**
     * The stop budget runs on the pipeline's clock, here one that skips retry waits: a minute's budget passes after
     * a few refused attempts, so the test checks the budget without waiting it out.
     */
    @Test
    void stopDuringAnOutageReturnsWhenItsBudgetHasPassedAndCountsWhatIsLost() {
        oss.server().faults().outage(Duration.ofMinutes(5));
        LogbackConfig config = configure(MESSAGE_ONLY + "<shutdownTimeout>1 minute</shutdownTimeout>"
                + "<maxBackoff>10 seconds</maxBackoff><flushInterval>10 milliseconds</flushInterval>",
                SkippingTimeOssAppender.class);
        for (int i = 0; i < 50; i++) {
            config.logger("app").info("lost {}", i);
        }
        SkippingTimeOssAppender appender = (SkippingTimeOssAppender) config.oss("OSS");
        long start = System.nanoTime();
        long pipelineStart = appender.ticker.nanoTime();
        appender.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Duration pipelineTook = Duration.ofNanos(appender.ticker.nanoTime() - pipelineStart);

        assertTrue(pipelineTook.compareTo(Duration.ofMinutes(1)) >= 0, "the stop gave up early: " + pipelineTook);
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "stop took " + took);
        List<String> warnings = config.statuses(Status.WARN);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("stopped with 50 events not shipped (budget PT1M)")),
                warnings::toString);
        assertFalse(appender.isStarted());
        assertTrue(shippedLines().isEmpty());
    }

    @Test
    void aFullBufferDropsEventsBeforeEncodingThemAndCountsEveryOne() {
        oss.server().faults().outage(Duration.ofMinutes(5));
        LogbackConfig config = configure("<encoder class=\"io.github.osslog.logback.CountingEncoder\">"
                + "<pattern>%msg%n</pattern></encoder><bufferSize>4KB</bufferSize><batchMaxBytes>2KB</batchMaxBytes><maxEventSize>1KB</maxEventSize>"
                + "<flushInterval>10 milliseconds</flushInterval>");
        CountingEncoder encoder = (CountingEncoder) config.oss("OSS").getEncoder();
        String filler = "x".repeat(100);
        int logged = 2_000;
        for (int i = 0; i < logged; i++) {
            config.logger("app").info("event {} {}", i, filler);
        }
        PipelineMXBean metrics = config.oss("OSS").getMetrics();
        long accepted = metrics.getEventsAccepted();
        assertTrue(accepted < 100, "a 4 KB buffer holds a few dozen events: " + accepted);
        assertEquals(logged - accepted, metrics.getEventsDropped());
        assertTrue(encoder.calls.get() < logged / 2, "refused events are not encoded: " + encoder.calls.get()
                + " encode calls for " + logged + " events");

        oss.server().faults().clear();
        assertTrue(config.oss("OSS").flush(Duration.ofSeconds(20)));
        List<String> lines = shippedLines();
        List<String> events = lines.stream().filter(l -> l.startsWith("event ")).collect(Collectors.toList());
        assertEquals(accepted, events.size());
        long noted = ShippedLines.dropLineTotal(lines);
        assertEquals(logged - accepted, noted, "the drop lines in the object add up to the drops");
    }
}
