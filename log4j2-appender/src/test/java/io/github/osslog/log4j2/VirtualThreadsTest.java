package io.github.osslog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.OssTestServerExtension;
import io.github.osslog.testkit.RequestMatcher;
import io.github.osslog.testkit.VirtualThreads;
import io.github.osslog.testkit.lines.ShippedLines;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of virtual threads log through a small BLOCK buffer into a slow store: they all finish (blocked producers
 * wait on a lock condition, which does not pin carriers) and every line lands exactly once, in order per thread.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21 or later")
@Timeout(180)
class VirtualThreadsTest {
    private static final int THREADS = 2000;
    private static final int LINES = 10;

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK")
            .bucket(OssConfig.BUCKET));

    @TempDir
    Path dir;

    @AfterEach
    void clearFaults() {
        oss.server().faults().clear();
    }

    @Test
    void thousandsOfVirtualThreadsLogUnderBlockWithASlowStore() throws InterruptedException {
        oss.server().faults().always(Fault.latency(Duration.ofMillis(20)), RequestMatcher.any());
        try (TestContext ctx = OssConfig.forServer(oss.server()).set("bufferSize", "16KB")
                .set("batchMaxBytes", "4KB").set("maxEventSize", "1KB").set("flushInterval", "10 milliseconds")
                .set("overflowPolicy", "BLOCK").set("blockTimeout", "1 minute").start(dir)) {
            OssAppender appender = ctx.oss();
            assertNotNull(appender);
            Logger logger = ctx.logger("app");

            assertTrue(VirtualThreads.runAll(THREADS, t -> {
                for (int i = 0; i < LINES; i++) {
                    logger.info("t{} {}", t, i);
                }
            }, Duration.ofMinutes(2)), "virtual threads still blocked after 2 minutes");
            assertTrue(appender.flush(Duration.ofSeconds(60)), String.valueOf(appender.getMetrics()));

            assertEquals(0L, appender.getMetrics().getEventsDropped(), String.valueOf(appender.getMetrics()));
            ShippedLines.assertEachThreadInOrder(oss.server().landed(OssConfig.BUCKET, "app/").lines(), THREADS, LINES);
        }
    }
}
