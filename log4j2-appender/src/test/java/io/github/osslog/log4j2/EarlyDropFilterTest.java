package io.github.osslog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.osslog.testkit.OssTestServerExtension;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.CompositeFilter;
import org.apache.logging.log4j.core.filter.ThresholdFilter;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EarlyDropFilter} against {@code early-drop-template.xml}: with the buffer full (OSS down, the shipper stuck
 * retrying one batch), calls whose only destination is osslog are dropped before Log4j2 builds an event, and every
 * drop is counted exactly once, as the appender would have.
 */
class EarlyDropFilterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FORMAT = "event {}";
    private static final int N = 50;
    private static final Marker SKIP = MarkerManager.getMarker("SKIP");

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK")
            .bucket(OssConfig.BUCKET));

    @TempDir
    Path dir;

    private TestContext ctx;

    @AfterEach
    void tearDown() {
        oss.server().faults().clear();
        if (ctx != null) {
            ctx.close();
        }
    }

    @Test
    void aFullBufferDeniesEventsWhoseOnlyDestinationIsOssBeforeTheyAreBuilt() {
        startFull();
        Counted argument = new Counted();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger("solo").info(FORMAT, argument);
        }
        assertEquals(0, argument.calls(), "an event was built");
        assertEquals(before + N, dropped(), ctx.oss().getMetrics().toString());
    }

    @Test
    void aDeniedCallAllocatesNothing() {
        startFull();
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Logger solo = ctx.logger("solo");
        Counted argument = new Counted();
        int calls = 100_000;
        for (int i = 0; i < calls; i++) { // warm up: class loading and linking allocate once
            solo.info(FORMAT, argument);
        }
        long id = Thread.currentThread().getId();
        long before = dropped();
        long allocated = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            solo.info(FORMAT, argument);
        }
        allocated = threads.getThreadAllocatedBytes(id) - allocated;
        assertEquals(before + calls, dropped());
        assertEquals(0, argument.calls());
        assertTrue(allocated < calls, allocated + " bytes allocated by " + calls + " denied calls");
    }

    @Test
    void everyKindOfLogCallIsDeniedAndCountedOnce() {
        startFull();
        Counted a = new Counted();
        CountingMessage message = new CountingMessage();
        AtomicInteger supplied = new AtomicInteger();
        Supplier<Object> supplier = () -> supplied.incrementAndGet();
        List<Consumer<Logger>> calls = List.of(
                l -> l.info(FORMAT, a),
                l -> l.info("{} {}", a, a),
                l -> l.info("{} {} {} {} {} {} {} {} {} {}", a, a, a, a, a, a, a, a, a, a),
                l -> l.info("{} {} {} {} {} {} {} {} {} {} {}", a, a, a, a, a, a, a, a, a, a, a),
                l -> l.info("no parameters"),
                l -> l.info((Object) a),
                l -> l.info(message),
                l -> l.info(supplier),
                l -> l.error("failed {}", a, new IllegalStateException("on purpose")),
                l -> l.info(MarkerManager.getMarker("M"), FORMAT, a),
                l -> l.atInfo().log(FORMAT, a),
                l -> l.log(Level.forName("NOTICE", 350), FORMAT, a));
        for (String name : List.of("solo", "solo.child")) {
            for (int i = 0; i < calls.size(); i++) {
                long before = dropped();
                calls.get(i).accept(ctx.logger(name));
                assertEquals(before + 1, dropped(), name + " call " + i);
                assertEquals(0, a.calls() + message.calls() + supplied.get(), name + " call " + i + " built");
            }
        }
        assertEquals(0, a.calls() + message.calls() + supplied.get(), "an event was built");
    }

    @Test
    void concurrentCallsAreEachCountedOnce() throws InterruptedException {
        startFull();
        Counted argument = new Counted();
        long before = dropped();
        Together.run(4, "early-drop-", WAIT, t -> {
            for (int i = 0; i < 500; i++) {
                ctx.logger("solo").info(FORMAT, argument);
            }
        });
        // a new thread's first event has no previous length to go by: the appender, not the filter, may take it
        assertEquals(before + 2000, dropped(), ctx.oss().getMetrics().toString());
    }

    @Test
    void withASecondDestinationEveryEventIsBuiltAndDeliveredAndOsslogCountsItsOwnDrops() {
        startFull();
        CollectingAppender other = ctx.appender("other");
        int seen = other.messages().size();
        Counted argument = new Counted();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger("shared").info(FORMAT, argument);
        }
        assertEquals(N, other.messages().size() - seen);
        assertTrue(argument.calls() >= N, "events were built: " + argument.calls());
        assertEquals(before + N, dropped(), ctx.oss().getMetrics().toString());
    }

    @Test
    void anEventOssReceivesTwiceIsCountedTwice() {
        startFull();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger("twice").info(FORMAT, new Counted()); // its own logger config and the root's
        }
        assertEquals(before + 2 * N, dropped(), ctx.oss().getMetrics().toString());
    }

    @Test
    void aLoggerThatDoesNotReachOssDeliversEverythingAndCountsNothing() {
        startFull();
        CollectingAppender other = ctx.appender("other");
        int seen = other.messages().size();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger("elsewhere").info(FORMAT, new Counted());
        }
        assertEquals(N, other.messages().size() - seen);
        assertEquals(before, dropped());
    }

    @ParameterizedTest
    @ValueSource(strings = {"refLevel", "filtered"})
    void eventsLog4j2WouldNotDeliverToOssAreNotCounted(String logger) {
        startFull();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger(logger).info(FORMAT, new Counted()); // an AppenderRef level, a LoggerConfig filter: ERROR
        }
        assertEquals(before, dropped());
    }

    @Test
    void aLevelBelowTheLoggersIsNotCounted() {
        startFull();
        Counted argument = new Counted();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger("solo").debug(FORMAT, argument);
            ctx.logger("solo").trace("{}", argument);
        }
        assertEquals(before, dropped());
        assertEquals(0, argument.calls());
    }

    @Test
    void levelChecksAreNotDeniedAndCountNothing() {
        startFull();
        Logger solo = ctx.logger("solo");
        long before = dropped();
        assertTrue(solo.isInfoEnabled());
        assertTrue(solo.isEnabled(Level.INFO));
        assertTrue(solo.isEnabled(Level.ERROR, MarkerManager.getMarker("M")));
        assertTrue(solo.isWarnEnabled(MarkerManager.getMarker("M")));
        assertFalse(solo.isDebugEnabled());
        assertEquals(before, dropped());
    }

    @Test
    void aConfigurationFilterAddedAfterItKeepsItNeutral() {
        startFull();
        Configuration configuration = ctx.context().getConfiguration();
        configuration.addFilter(ThresholdFilter.createFilter(Level.ERROR, Filter.Result.NEUTRAL, Filter.Result.DENY));
        Counted argument = new Counted();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger("solo").info(FORMAT, argument); // the later filter denies these: not osslog's drops
        }
        assertEquals(before, dropped());
        for (int i = 0; i < N; i++) {
            ctx.logger("solo").error(FORMAT, argument); // these reach the appender, which counts them
        }
        assertEquals(before + N, dropped());
        assertTrue(argument.calls() >= N, "events were built: " + argument.calls());
    }

    @Test
    void aConfigurationFilterBeforeItRunsFirst() {
        startFull(small(), "early-drop-filtered-template.xml");
        Counted argument = new Counted();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger("solo").info(SKIP, FORMAT, argument); // denied by the configuration's MarkerFilter
            ctx.logger("solo").info(FORMAT, argument);
        }
        assertEquals(before + N, dropped());
        assertEquals(0, argument.calls());
    }

    @Test
    void anAppenderWithAFilterGetsEveryEvent() {
        startFull(small().layout("<PatternLayout pattern=\"%m%n\"/>"
                + "<MarkerFilter marker=\"SKIP\" onMatch=\"DENY\" onMismatch=\"NEUTRAL\"/>"),
                "early-drop-template.xml");
        Counted argument = new Counted();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger("solo").info(SKIP, FORMAT, argument); // the appender's filter takes these: no drop
        }
        assertEquals(before, dropped());
        for (int i = 0; i < N; i++) {
            ctx.logger("solo").info(FORMAT, argument); // built, then dropped and counted by the appender
        }
        assertEquals(before + N, dropped());
        assertTrue(argument.calls() >= N, "events were built: " + argument.calls());
    }

    @Test
    void anAppenderAddedAtRuntimeReceivesEveryLaterEvent() {
        startFull();
        Logger solo = ctx.logger("solo");
        Counted denied = new Counted();
        long before = dropped();
        solo.info(FORMAT, denied);
        assertEquals(0, denied.calls(), "oss alone: denied");

        CollectingAppender late = CollectingAppender.create("late");
        late.start();
        LoggerConfig config = ctx.context().getConfiguration().getLoggerConfig("solo");
        config.addAppender(late, null, null);
        for (int i = 0; i < N; i++) {
            solo.info(FORMAT, new Counted());
        }
        assertEquals(N, late.messages().size());
        assertEquals(before + 1 + N, dropped());

        config.removeAppender("late");
        solo.info(FORMAT, denied);
        assertEquals(0, denied.calls(), "oss alone again: denied");
        assertEquals(N, late.messages().size());
        assertEquals(before + 2 + N, dropped());
    }

    @Test
    void stoppingTheAppenderTakesItsFilterOutAndTheNewOneCountsEachDropOnce() {
        startFull();
        Configuration first = ctx.context().getConfiguration();
        OssAppender old = ctx.oss();
        assertEquals(1, earlyDropFilters(first));

        ctx.reconfigure();
        Configuration second = ctx.context().getConfiguration();
        assertNotSame(first, second);
        assertNotSame(old, ctx.oss());
        assertSame(old.getManager(), ctx.oss().getManager(), "the same settings keep the full buffer");
        assertEquals(0, earlyDropFilters(first), "the stopped appender's filter is gone");
        assertEquals(1, earlyDropFilters(second));
        Counted argument = new Counted();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger("solo").info(FORMAT, argument);
        }
        assertEquals(0, argument.calls());
        assertEquals(before + N, dropped());

        ctx.close();
        ctx = null;
        assertEquals(0, earlyDropFilters(second));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLOCK", "DROP_OLDEST"})
    void aBufferThatNeverRefusesInstallsNoFilter(String policy) {
        start(small().set("overflowPolicy", policy));
        assertEquals(0, earlyDropFilters(ctx.context().getConfiguration()));
        ctx.close();
        ctx = null;
        start(small().set("overflowPolicy", policy).set("discardLevel", "INFO"));
        assertEquals(1, earlyDropFilters(ctx.context().getConfiguration()), "a discard level refuses events");
    }

    @Test
    void earlyDropFalseInstallsNoFilterAndTheAppenderStillCountsEveryDrop() {
        start(small().set("earlyDrop", "false"));
        assertEquals(0, earlyDropFilters(ctx.context().getConfiguration()));
        ctx.close();
        ctx = null;
        startFull(small().set("earlyDrop", "false"), "early-drop-template.xml");
        Counted argument = new Counted();
        long before = dropped();
        for (int i = 0; i < N; i++) {
            ctx.logger("solo").info(FORMAT, argument);
        }
        assertEquals(before + N, dropped(), "dropped and counted in append");
        assertEquals(N, argument.calls(), "Log4j2 built each event (and formatted its message) before append");
    }

    private OssConfig small() {
        return OssConfig.forServer(oss.server()).set("bufferSize", "4KB").set("batchMaxBytes", "1KB")
                .set("maxEventSize", "1KB");
    }

    private void start(OssConfig config) {
        start(config, "early-drop-template.xml");
    }

    private void start(OssConfig config, String template) {
        ctx = config.start(dir, template);
        assertNotNull(ctx.oss(), "appender not built");
    }

    private void startFull() {
        // OSS stays down: nothing can ship, so a short stop budget loses nothing to test
        startFull(small().set("shutdownTimeout", "100 milliseconds"), "early-drop-template.xml");
    }

    /**
     * Starts a context whose buffer refuses events of {@link #FORMAT}'s length from now on: OSS is down, the shipper
     * is stuck retrying its first batch and drains nothing more, and the buffer is filled until it refuses one.
     */
    private void startFull(OssConfig config, String template) {
        start(config, template);
        OssAppender appender = ctx.oss();
        oss.server().faults().outage(Duration.ofMinutes(5));
        Logger solo = ctx.logger("solo");
        Counted first = new Counted();
        solo.info(FORMAT, first);
        assertTrue(first.calls() > 0, "with room, an event is built and encoded");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (appender.getMetrics().getFailuresByCode().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the shipper never tried to ship");
            appender.flush(Duration.ofMillis(10)); // asks it to ship now; returns false during the outage
        }
        long dropped = dropped();
        for (int i = 0; dropped() == dropped; i++) {
            assertTrue(i < 10_000, "the buffer never filled");
            solo.info(FORMAT, new Counted());
        }
    }

    private long dropped() {
        return ctx.oss().getMetrics().getEventsDropped();
    }

    private static int earlyDropFilters(Configuration configuration) {
        Filter filter = configuration.getFilter();
        Filter[] filters = filter instanceof CompositeFilter ? ((CompositeFilter) filter).getFiltersArray()
                : new Filter[] {filter};
        int n = 0;
        for (Filter f : filters) {
            n += f instanceof EarlyDropFilter ? 1 : 0;
        }
        return n;
    }

    /** A log parameter that counts how often it is formatted; always 8 characters. */
    private static final class Counted {
        private final AtomicInteger calls = new AtomicInteger();

        int calls() {
            return calls.get();
        }

        @Override
        public String toString() {
            calls.incrementAndGet();
            return "xxxxxxxx";
        }
    }

    /**
     * A message that counts the reads that building an event makes (Log4j2's API itself reads
     * {@code getThrowable()} before it asks the filter).
     */
    private static final class CountingMessage implements Message {
        private final AtomicInteger calls = new AtomicInteger();

        int calls() {
            return calls.get();
        }

        @Override
        public String getFormattedMessage() {
            calls.incrementAndGet();
            return "event xxxxxxxx";
        }

        @Override
        public String getFormat() {
            calls.incrementAndGet();
            return "event xxxxxxxx";
        }

        @Override
        public Object[] getParameters() {
            calls.incrementAndGet();
            return null;
        }

        @Override
        public Throwable getThrowable() {
            return null;
        }
    }
}
