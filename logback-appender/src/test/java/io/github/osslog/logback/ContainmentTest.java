package io.github.osslog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.status.Status;
import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.testkit.OssTestServerExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An Error from an encoder or from start never reaches the application's thread; the event is counted. */
@Timeout(60)
class ContainmentTest {
    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    private LogbackConfig config;

    @AfterEach
    void stop() {
        if (config != null) {
            config.stop();
        }
    }

    @Test
    void errorsWhileAppendingAreCountedAndReportedOnceAMinute() {
        config = new LogbackConfig(LogbackConfig.withRoot(
                "<appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                        + "<endpoint>${endpoint}</endpoint><region>${region}</region><bucket>logs</bucket>\n"
                        + "<accessKeyId>AK</accessKeyId><accessKeySecret>SK</accessKeySecret>\n"
                        + "<objectKeyPattern>app/%i.log</objectKeyPattern>\n"
                        + "<encoder class=\"io.github.osslog.logback.ThrowingEncoder\"/>\n</appender>\n", "OSS"),
                LogbackConfig.serverProperties(oss.server()));
        OssAppender appender = config.oss("OSS");
        assertTrue(appender.isStarted(), () -> "errors: " + config.errors());

        for (String error : new String[] {"NoClassDefFoundError", "IllegalAccessError", "StackOverflowError"}) {
            config.logger("app").info(error); // returns: nothing reaches this thread
        }
        config.logger("app").info("fine");

        assertEquals(3L, appender.getMetrics().getEventsDroppedByReason().get(DropReason.INTERNAL_ERROR.text()));
        List<String> reports = config.errors().stream().filter(e -> e.contains("appending to [OSS] failed"))
                .collect(Collectors.toList());
        assertEquals(1, reports.size(), reports::toString);
        assertTrue(reports.get(0).startsWith("osslog: appending to [OSS] failed with java.lang.NoClassDefFoundError"),
                reports.get(0));
        assertThrows(OutOfMemoryError.class, () -> config.logger("app").info("OutOfMemoryError"),
                "a failing JVM is not hidden");
        appender.stop();
        assertEquals(List.of("fine"), oss.server().landed("logs", "app/").lines());
    }

    @Test
    void aClassThatDoesNotLoadAtStartLeavesTheAppenderStoppedAndSaysWhatToDo() {
        ContextBase context = new ContextBase() {
            @Override
            public String getName() {
                throw new NoClassDefFoundError("kotlin/enums/EnumEntriesKt");
            }
        };
        OssAppender appender = new OssAppender();
        appender.setContext(context);
        appender.setName("OSS");
        appender.setEndpoint(oss.server().endpoint());
        appender.setRegion(oss.server().region());
        appender.setBucket("logs");

        appender.start(); // returns

        assertFalse(appender.isStarted());
        List<String> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.WARN).map(Status::getMessage).collect(Collectors.toList());
        assertEquals(1, errors.size(), errors::toString); // a warning: a Spring Boot application still starts
        assertTrue(errors.get(0).contains("kotlin/enums/EnumEntriesKt") && errors.get(0).contains("drop-in jar"),
                errors.get(0));
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("osslog-shipper-")), "no shipper left running");
    }
}
