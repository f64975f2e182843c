package io.github.osslog.log4j2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.OssTestServerExtension;
import io.github.osslog.testkit.RequestMatcher;
import io.github.osslog.testkit.lines.ShippedLines;
import io.github.osslog.testkit.pipeline.SkippingTicker;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javax.management.ObjectName;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.appender.AppenderLoggingException;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code <Oss>} end to end through the testkit's OSS wire protocol. */
class OssAppenderEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK")
            .bucket(OssConfig.BUCKET));

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        TestLayouts.ChattyLayout.reenter = null;
        oss.server().faults().clear();
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private TestContext start(OssConfig config) {
        TestContext ctx = config.start(dir);
        closeables.add(ctx);
        assertNotNull(ctx.oss(), "appender not built");
        return ctx;
    }

    private StatusCapture status() {
        StatusCapture status = StatusCapture.start();
        closeables.add(status);
        return status;
    }

    @Test
    void eventsFromSeveralThreadsLandExactlyOnceAndInOrder() throws Exception {
        TestContext ctx = start(OssConfig.forServer(oss.server()).set("batchMaxBytes", "8KB").set("maxEventSize", "4KB"));
        logFromThreads(ctx.logger("app"), 4, 500);

        OssAppender appender = ctx.oss();
        assertTrue(appender.flush(WAIT), appender.getMetrics().toString());
        ShippedLines.assertEachThreadInOrder(oss.server().landed(OssConfig.BUCKET, "app/").lines(), 4, 500);
        assertEquals(2000, appender.getMetrics().getEventsShipped());
        assertTrue(appender.getMetrics().getAppends() > 1, "batches are cut at batchMaxBytes");

        Object viaJmx = ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("io.github.osslog:type=Pipeline,name=oss"), "EventsShipped");
        assertEquals(2000L, viaJmx);
    }

    @Test
    void theDefaultLayoutWritesTimeLevelThreadLoggerAndMessage() {
        TestContext ctx = start(OssConfig.forServer(oss.server()).layout(""));
        ctx.logger("com.example.Shop").warn("low stock", new IllegalStateException("boom"));
        assertTrue(ctx.oss().flush(WAIT));

        String text = String.join("\n", oss.server().landed(OssConfig.BUCKET, "app/").lines());
        assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) WARN  \\["
                + Thread.currentThread().getName() + "] com\\.example\\.Shop - low stock\n"
                + "java\\.lang\\.IllegalStateException: boom\n\\s+at .*"), text);
    }

    @Test
    void eventsLargerThanTheReusedEncodeBufferAndNonAsciiTextLandWhole() {
        TestContext ctx = start(OssConfig.forServer(oss.server()));
        Logger app = ctx.logger("app");
        String large = "x".repeat(100_000);
        app.info("before");
        app.info(large);
        app.info("größe 日志 ✓");
        app.info("after");
        assertTrue(ctx.oss().flush(WAIT));
        assertEquals(List.of("before", large, "größe 日志 ✓", "after"), oss.server().landed(OssConfig.BUCKET, "app/").lines());
    }

    @Test
    void aPatternLayoutInAnotherCharsetShipsItsOwnBytes() {
        TestContext ctx = start(OssConfig.forServer(oss.server())
                .layout("<PatternLayout pattern=\"%m%n\" charset=\"ISO-8859-1\"/>"));
        ctx.logger("app").info("größe");
        assertTrue(ctx.oss().flush(WAIT));
        assertArrayEquals("größe\n".getBytes(StandardCharsets.ISO_8859_1),
                oss.server().content(OssConfig.BUCKET, "app/0.log").orElseThrow());
    }

    @Test
    void nestedPropertiesFillTheObjectKeyPattern() {
        TestContext ctx = start(OssConfig.forServer(oss.server()).set("objectKeyPattern", "%{app}/%{team}-%i.log")
                .layout("<PatternLayout pattern=\"%m%n\"/><Property name=\"app\" value=\"shop\"/>"
                        + "<Property name=\"team\">pay ments</Property>"));
        ctx.logger("app").info("t0 0");
        assertTrue(ctx.oss().flush(WAIT));
        assertEquals(List.of("t0 0"), oss.server().landed(OssConfig.BUCKET, "shop/pay_ments-").lines());
    }

    @Test
    void aLayoutThatLogsNeitherLoopsNorDeadlocks() throws Exception {
        TestContext ctx = start(OssConfig.forServer(oss.server()).layout("<ChattyLayout/>"));
        logFromThreads(ctx.logger("app"), 2, 100);

        OssAppender appender = ctx.oss();
        assertTrue(appender.flush(WAIT), appender.getMetrics().toString());
        List<String> lines = oss.server().landed(OssConfig.BUCKET, "app/").lines();
        ShippedLines.assertEachThreadInOrder(lines, 2, 100);
        assertEquals(200, lines.size(), "the layout's own events must not be shipped: " + lines);
    }

    @Test
    void anEventAppendedFromInsideTheLayoutIsRefusedAndCounted() {
        TestContext ctx = start(OssConfig.forServer(oss.server()).layout("<ChattyLayout/>"));
        OssAppender appender = ctx.oss();
        TestLayouts.ChattyLayout.reenter = appender;
        ctx.logger("app").info("t0 0");
        TestLayouts.ChattyLayout.reenter = null;

        assertTrue(appender.flush(WAIT));
        assertEquals(List.of("t0 0"), oss.server().landed(OssConfig.BUCKET, "app/").lines());
        assertEquals(1L, appender.getMetrics().getEventsDroppedByReason().get(DropReason.REENTRANT.text()),
                appender.getMetrics().toString());
    }

    @Test
    void okHttpLoggingRoutedAtTheAppenderNeitherLoopsNorDeadlocks() throws Exception {
        TestContext ctx = start(OssConfig.forServer(oss.server()).set("overflowPolicy", "BLOCK"));
        AtomicInteger forwarded = new AtomicInteger();
        java.util.logging.Logger okhttp = java.util.logging.Logger.getLogger("okhttp3");
        Handler toLog4j = new Handler() {
            @Override
            public void publish(LogRecord record) {
                forwarded.incrementAndGet();
                ctx.logger(record.getLoggerName()).log(Level.DEBUG, record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        okhttp.setLevel(java.util.logging.Level.FINE);
        okhttp.addHandler(toLog4j);
        closeables.add(() -> {
            okhttp.removeHandler(toLog4j);
            okhttp.setLevel(null);
        });

        Logger app = ctx.logger("app");
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 20; i++) {
                app.info("t0 {}", round * 20 + i);
            }
            assertTrue(ctx.oss().flush(WAIT), ctx.oss().getMetrics().toString());
        }

        assertTrue(forwarded.get() > 0, "OkHttp logged nothing at FINE: the test would prove nothing");
        // Events of osslog's own OkHttp are refused, whatever thread logs them: shipping them would make more of
        // them, and under BLOCK the shipper thread would wait for room only it can make.
        Long refused = ctx.oss().getMetrics().getEventsDroppedByReason()
                .get(DropReason.OWN_HTTP_CLIENT.text());
        assertTrue(refused != null && refused > 0, ctx.oss().getMetrics().toString());
        ShippedLines.assertEachThreadInOrder(oss.server().landed(OssConfig.BUCKET, "app/").lines(), 1, 100);
    }

    /** LogManager.shutdown() stops the context with ContextSelector.DEFAULT_STOP_TIMEOUT, 50 ms. */
    @Test
    void logManagerShutdownsShortTimeoutDoesNotCutOffABatchInFlight() {
        TestContext ctx = start(OssConfig.forServer(oss.server()));
        oss.server().faults().always(Fault.latency(Duration.ofMillis(300)), RequestMatcher.any());
        for (int i = 0; i < 50; i++) {
            ctx.logger("app").info("t0 {}", i);
        }

        ctx.stop(50, java.util.concurrent.TimeUnit.MILLISECONDS);

        oss.server().faults().clear();
        List<String> landed = oss.server().landed(OssConfig.BUCKET, "app/").lines();
        assertEquals(50, landed.size(), landed::toString);
    }

    /**
     * The stop budget runs on the pipeline's clock, here one that skips retry waits: a minute's budget passes after
     * a few refused attempts, so the test checks the budget without waiting it out.
     */
    @Test
    void stopDuringAnOutageReturnsWhenItsBudgetHasPassedAndReportsWhatWasNotShipped() {
        StatusCapture status = status();
        oss.server().faults().outage(Duration.ofMinutes(5));
        SkippingTicker ticker = new SkippingTicker();
        OssAppender.Builder<?> builder = OssAppender.newBuilder();
        builder.setName("stop-budget").setConfiguration(new DefaultConfiguration())
                .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build());
        builder.setEndpoint(oss.server().endpoint()).setRegion(oss.server().region()).setBucket(OssConfig.BUCKET)
                .setAccessKeyId("AK").setAccessKeySecret("SK").setObjectKeyPattern("app/%i.log")
                .setFlushInterval("10 milliseconds").setShutdownTimeout("1 minute");
        builder.ticker = ticker;
        OssAppender appender = builder.build();
        appender.start();
        for (int i = 0; i < 50; i++) {
            appender.append(Log4jLogEvent.newBuilder().setLoggerName("app").setLevel(Level.INFO)
                    .setMessage(new SimpleMessage("t0 " + i)).build());
        }

        long start = System.nanoTime();
        long pipelineStart = ticker.nanoTime();
        appender.stop(10, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Duration pipelineTook = Duration.ofNanos(ticker.nanoTime() - pipelineStart);

        assertTrue(pipelineTook.compareTo(Duration.ofMinutes(1)) >= 0, "the stop gave up early: " + pipelineTook);
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "stop took " + took);
        List<String> warnings = status.atLeast(Level.WARN);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("stopped with 50 events not shipped (budget PT1M)")),
                warnings.toString());
        assertTrue(oss.server().landed(OssConfig.BUCKET, "app/").lines().isEmpty());
    }

    @Test
    void aFullBufferDropsAndCountsEventsWithoutThrowingEvenWhenExceptionsAreNotIgnored() {
        TestContext ctx = start(OssConfig.forServer(oss.server()).set("ignoreExceptions", "false")
                .set("bufferSize", "4KB").set("batchMaxBytes", "1KB").set("maxEventSize", "1KB"));
        oss.server().faults().outage(Duration.ofMinutes(5));
        Logger app = ctx.logger("app");
        for (int i = 0; i < 200; i++) {
            app.info("t0 {} {}", i, "x".repeat(100));
        }
        assertTrue(ctx.oss().getMetrics().getEventsDropped() > 0, ctx.oss().getMetrics().toString());
    }

    @Test
    void aFullBufferDropsEventsBeforeEncodingThemAndTheObjectSaysHowMany() {
        TestContext ctx = start(OssConfig.forServer(oss.server()).layout("<CountingLayout/>")
                .set("bufferSize", "4KB").set("batchMaxBytes", "1KB").set("maxEventSize", "1KB"));
        oss.server().faults().outage(Duration.ofMinutes(5));
        TestLayouts.CountingLayout.CALLS.set(0);
        int logged = 2_000;
        for (int i = 0; i < logged; i++) {
            ctx.logger("app").info("event {} {}", i, "x".repeat(100));
        }
        PipelineMXBean metrics = ctx.oss().getMetrics();
        long accepted = metrics.getEventsAccepted();
        assertEquals(logged - accepted, metrics.getEventsDropped());
        int formatted = TestLayouts.CountingLayout.CALLS.get();
        assertTrue(formatted < logged / 2, formatted + " events formatted of " + logged);

        oss.server().faults().clear();
        assertTrue(ctx.oss().flush(WAIT));
        List<String> lines = oss.server().landed(OssConfig.BUCKET, "app/").lines();
        assertEquals(accepted, lines.stream().filter(l -> l.startsWith("event ")).count());
        long noted = ShippedLines.dropLineTotal(lines);
        assertEquals(logged - accepted, noted, "the drop lines in the object add up to the drops");
    }

    @Test
    void aFailingLayoutReachesTheApplicationOnlyWhenExceptionsAreNotIgnored() {
        TestContext quiet = start(OssConfig.forServer(oss.server()).layout("<FailingLayout/>"));
        quiet.logger("app").info("swallowed and reported");
        assertEquals(List.of("swallowed and reported"),
                quiet.<CollectingAppender>appender("other").messages());
        assertEquals(1L, quiet.oss().getMetrics().getEventsDroppedByReason().get(DropReason.ENCODER_FAILED.text()),
                "the lost event is counted, as in the Logback adapter");
        quiet.close();

        TestContext strict = start(OssConfig.forServer(oss.server()).layout("<FailingLayout/>")
                .set("ignoreExceptions", "false"));
        AppenderLoggingException e = assertThrows(AppenderLoggingException.class,
                () -> strict.logger("app").info("thrown"));
        assertTrue(String.valueOf(e.getCause()).contains("layout failed on purpose"), String.valueOf(e));
    }

    @Test
    void customLevelsMapBySeverity() {
        assertEquals(io.github.osslog.core.LogLevel.ERROR, Levels.of(Level.FATAL));
        assertEquals(io.github.osslog.core.LogLevel.ERROR, Levels.of(Level.ERROR));
        assertEquals(io.github.osslog.core.LogLevel.INFO, Levels.of(Level.forName("NOTICE", 350)));
        assertEquals(io.github.osslog.core.LogLevel.INFO, Levels.of(Level.INFO));
        assertEquals(io.github.osslog.core.LogLevel.DEBUG, Levels.of(Level.forName("VERBOSE", 450)));
        assertEquals(io.github.osslog.core.LogLevel.TRACE, Levels.of(Level.TRACE));
        assertEquals(io.github.osslog.core.LogLevel.TRACE, Levels.of(Level.ALL));
    }

    /** Logs {@code "t<n> <seq>"} lines from {@code threads} threads started together. */
    static void logFromThreads(Logger logger, int threads, int perThread) throws InterruptedException {
        Together.run(threads, "logger-t", WAIT, t -> {
            String name = "t" + t;
            for (int i = 0; i < perThread; i++) {
                logger.info("{} {}", name, i);
            }
        });
    }
}
