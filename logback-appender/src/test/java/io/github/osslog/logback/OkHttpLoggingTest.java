package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.testkit.OssTestServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OkHttp's own JUL logging, at FINE and bridged into the Logback logger of the same name (as jul-to-slf4j does),
 * routed at the appender: no deadlock, no self-sustaining traffic, the application's events still shipped.
 */
@Timeout(60)
class OkHttpLoggingTest {
    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    /** Held strongly: JUL forgets loggers nobody references, and with them their level and handlers. */
    private final Logger okhttp = Logger.getLogger("okhttp3");
    private final AtomicInteger routed = new AtomicInteger();
    private LogbackConfig config;
    private final Handler bridge = new Handler() {
        @Override
        public void publish(LogRecord record) {
            routed.incrementAndGet();
            config.logger(record.getLoggerName()).info(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void tearDown() {
        okhttp.removeHandler(bridge);
        okhttp.setLevel(null);
        if (config != null) {
            config.stop();
        }
    }

    @Test
    void okHttpLogsRoutedAtTheAppenderAreDroppedNotShipped() {
        String xml = LogbackConfig.withRoot(
                "<appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                        + "<endpoint>${endpoint}</endpoint><region>${region}</region><bucket>logs</bucket>\n"
                        + "<accessKeyId>AK</accessKeyId><accessKeySecret>SK</accessKeySecret>\n"
                        + "<objectKeyPattern>app/%i.log</objectKeyPattern><overflowPolicy>BLOCK</overflowPolicy>\n"
                        + "<flushInterval>5 milliseconds</flushInterval><batchMaxBytes>1KB</batchMaxBytes>\n"
                        + "<maxEventSize>1KB</maxEventSize>\n"
                        + "<encoder><pattern>%logger %msg%n</pattern></encoder></appender>\n", "OSS");
        config = new LogbackConfig(xml, LogbackConfig.serverProperties(oss.server()));
        okhttp.setLevel(Level.FINE);
        okhttp.addHandler(bridge);
        OssAppender appender = config.oss("OSS");
        PipelineMXBean metrics = appender.getMetrics();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            config.logger("app").info("event {}", i);
            expected.add("app event " + i);
            if (i % 100 == 99) {
                assertTrue(appender.flush(Duration.ofSeconds(20)), "flush timed out: the shipper is stuck");
            }
        }
        long dropped = metrics.getEventsDroppedByReason().getOrDefault(io.github.osslog.core.internal.buffer.DropReason.OWN_HTTP_CLIENT.text(), 0L);
        appender.stop();

        assertTrue(routed.get() > 0, "OkHttp logged nothing at FINE: the test proves nothing");
        assertTrue(dropped > 0, metrics.getEventsDroppedByReason()::toString);
        assertEquals(300, metrics.getEventsAccepted());
        String shipped = new String(oss.server().content("logs", "app/0.log").orElseThrow(), UTF_8);
        assertEquals(expected, List.of(shipped.split("\n")));
    }
}
