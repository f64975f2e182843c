package io.github.osslog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.OssTestServerExtension;
import io.github.osslog.testkit.lines.ShippedLines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Reconfiguration as {@code monitorInterval} does it, while threads keep logging. */
class ReconfigurationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int THREADS = 4;

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK")
            .bucket(OssConfig.BUCKET));

    @TempDir
    Path dir;

    private TestContext ctx;

    @AfterEach
    void tearDown() {
        if (ctx != null) {
            ctx.close();
        }
    }

    @Test
    void theSameSettingsKeepTheRunningManagerAndLoseNothing() throws Exception {
        ctx = OssConfig.forServer(oss.server()).set("overflowPolicy", "BLOCK").set("blockTimeout", "30 seconds")
                .start(dir);
        OssAppender first = ctx.oss();
        OssManager manager = first.getManager();

        LoggingThreads logging = new LoggingThreads(ctx.logger("app"));
        logging.awaitStarted();
        for (int i = 0; i < 3; i++) {
            ctx.reconfigure();
        }
        int[] counts = logging.stopAfterTheyLoggedAgain();

        OssAppender current = ctx.oss();
        assertNotSame(first, current, "the configuration was not reloaded");
        assertFalse(first.isStarted());
        assertSame(manager, current.getManager());
        assertTrue(current.flush(WAIT), current.getMetrics().toString());
        ShippedLines.assertEachThreadInOrder(oss.server().landed(OssConfig.BUCKET, "app/").lines(), counts);
        assertEquals(0, current.getMetrics().getEventsDropped(), current.getMetrics().toString());
    }

    @Test
    void changedSettingsStartANewManagerAndStopTheOldOneAfterItShipped() throws Exception {
        OssConfig config = OssConfig.forServer(oss.server()).set("objectKeyPattern", "old/%i.log");
        ctx = config.start(dir);
        OssManager old = ctx.oss().getManager();

        LoggingThreads logging = new LoggingThreads(ctx.logger("app"));
        logging.awaitStarted();
        config.set("objectKeyPattern", "new/%i.log").rewrite(ctx);
        ctx.reconfigure();
        int[] counts = logging.stopAfterTheyLoggedAgain();

        OssAppender current = ctx.oss();
        assertNotNull(current);
        assertNotSame(old, current.getManager());
        assertFalse(AbstractManager.hasManager(old.getName()), "the old manager was not released");
        assertTrue(current.flush(WAIT), current.getMetrics().toString());
        // Each thread's events go to the old objects until it sees the new configuration, then to the new ones.
        List<String> lines = new ArrayList<>(oss.server().landed(OssConfig.BUCKET, "old/").lines());
        lines.addAll(oss.server().landed(OssConfig.BUCKET, "new/").lines());
        ShippedLines.assertEachThreadInOrder(lines, counts);
        assertFalse(oss.server().landed(OssConfig.BUCKET, "new/").lines().isEmpty(), "nothing logged after the change");
    }

    /**
     * {@link #THREADS} threads logging numbered lines without pause until stopped, so that reconfigurations happen
     * while they log.
     */
    private static final class LoggingThreads {
        private static final int WARM_UP = 200;

        private final CountDownLatch started = new CountDownLatch(THREADS);
        private final CountDownLatch loggedAgain = new CountDownLatch(THREADS);
        private final AtomicIntegerArray counts = new AtomicIntegerArray(THREADS);
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean reconfigured;
        private volatile boolean stop;

        LoggingThreads(Logger logger) {
            for (int t = 0; t < THREADS; t++) {
                int index = t;
                Thread thread = new Thread(() -> {
                    boolean seen = false;
                    for (int i = 0; !stop; i++) {
                        boolean after = reconfigured;
                        logger.info("t{} {}", index, i);
                        counts.set(index, i + 1);
                        if (i == WARM_UP) {
                            started.countDown();
                        }
                        if (after && !seen) {
                            seen = true;
                            loggedAgain.countDown();
                        }
                    }
                }, "logger-t" + t);
                thread.start();
                threads.add(thread);
            }
        }

        void awaitStarted() throws InterruptedException {
            assertTrue(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "loggers did not get going");
        }

        /** Lets each thread log once more after the reconfiguration, stops them and returns their counts. */
        int[] stopAfterTheyLoggedAgain() throws InterruptedException {
            reconfigured = true;
            assertTrue(loggedAgain.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "loggers stalled");
            stop = true;
            int[] result = new int[THREADS];
            for (int t = 0; t < THREADS; t++) {
                Thread thread = threads.get(t);
                thread.join(WAIT.toMillis());
                assertFalse(thread.isAlive(), thread.getName() + " is stuck");
                result[t] = counts.get(t);
            }
            return result;
        }
    }
}
