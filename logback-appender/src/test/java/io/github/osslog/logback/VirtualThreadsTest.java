package io.github.osslog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.OssTestServerExtension;
import io.github.osslog.testkit.RequestMatcher;
import io.github.osslog.testkit.VirtualThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of virtual threads log through a small BLOCK buffer into a slow store: they all finish (blocked producers
 * wait on a lock condition, which does not pin carriers) and every line lands exactly once.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21 or later")
@Timeout(180)
class VirtualThreadsTest {
    private static final int THREADS = 2000;
    private static final int LINES = 10;

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    private LogbackConfig config;

    @AfterEach
    void stop() {
        oss.server().faults().clear();
        if (config != null) {
            config.stop();
        }
    }

    @Test
    void thousandsOfVirtualThreadsLogUnderBlockWithASlowStore() throws InterruptedException {
        oss.server().faults().always(Fault.latency(Duration.ofMillis(20)), RequestMatcher.any());
        config = new LogbackConfig(LogbackConfig.withRoot(
                "<appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                        + "<endpoint>${endpoint}</endpoint><region>${region}</region><bucket>logs</bucket>\n"
                        + "<accessKeyId>AK</accessKeyId><accessKeySecret>SK</accessKeySecret>\n"
                        + "<objectKeyPattern>app/%i.log</objectKeyPattern>\n"
                        + "<bufferSize>16KB</bufferSize><batchMaxBytes>4KB</batchMaxBytes>"
                        + "<maxEventSize>1KB</maxEventSize><flushInterval>10 milliseconds</flushInterval>\n"
                        + "<overflowPolicy>BLOCK</overflowPolicy><blockTimeout>1 minute</blockTimeout>\n"
                        + "<encoder><pattern>%msg%n</pattern></encoder>\n</appender>\n", "OSS"),
                LogbackConfig.serverProperties(oss.server()));
        OssAppender appender = config.oss("OSS");
        assertTrue(appender.isStarted(), () -> "errors: " + config.errors());

        assertTrue(VirtualThreads.runAll(THREADS, t -> {
            for (int i = 0; i < LINES; i++) {
                config.logger("app").info("v{} {}", t, i);
            }
        }, Duration.ofMinutes(2)), "virtual threads still blocked after 2 minutes");
        assertTrue(appender.flush(Duration.ofSeconds(60)), String.valueOf(appender.getMetrics()));

        assertEquals(0L, appender.getMetrics().getEventsDropped(), String.valueOf(appender.getMetrics()));
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < LINES; i++) {
                expected.add("v" + t + " " + i);
            }
        }
        List<String> shipped = new ArrayList<>(oss.server().landed("logs", "app/").lines());
        shipped.sort(null);
        expected.sort(null);
        assertEquals(expected, shipped);
    }
}
