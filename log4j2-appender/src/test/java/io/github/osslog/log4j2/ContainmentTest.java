package io.github.osslog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.testkit.OssTestServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An Error from a layout never reaches the application's thread, even with ignoreExceptions="false". */
@Timeout(60)
class ContainmentTest {
    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK")
            .bucket(OssConfig.BUCKET));

    @TempDir
    Path dir;

    @Test
    void errorsWhileAppendingAreCountedAndReportedOnceAMinute() throws Exception {
        try (StatusCapture status = StatusCapture.start();
                TestContext ctx = OssConfig.forServer(oss.server()).layout("<ThrowingLayout/>")
                        .set("ignoreExceptions", "false").start(dir)) {
            OssAppender appender = ctx.oss();
            assertNotNull(appender, status.all());
            for (String error : new String[] {"NoClassDefFoundError", "IllegalAccessError", "StackOverflowError"}) {
                ctx.logger("app").info(error); // returns: nothing reaches this thread
            }
            ctx.logger("app").info("fine");

            assertEquals(3L, appender.getMetrics().getEventsDroppedByReason().get(DropReason.INTERNAL_ERROR.text()));
            List<String> reports = status.atLeast(Level.ERROR).stream()
                    .filter(e -> e.contains("appending to [oss] failed")).collect(Collectors.toList());
            assertEquals(1, reports.size(), reports::toString);
            assertTrue(reports.get(0).contains("failed with java.lang.NoClassDefFoundError"), reports.get(0));
            assertTrue(appender.flush(Duration.ofSeconds(20)));
            assertEquals(List.of("fine"), oss.server().landed(OssConfig.BUCKET, "app/").lines());
        }
    }
}
