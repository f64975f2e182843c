package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.core.config.Setting;
import io.github.osslog.testkit.OssTestServerExtension;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** logback.xml-driven configuration: good values start the appender; each kind of bad value is reported by name. */
class OssAppenderConfigTest {
    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    private final List<LogbackConfig> configs = new ArrayList<>();

    @AfterEach
    void stopContexts() {
        configs.forEach(LogbackConfig::stop);
    }

    private LogbackConfig configure(String ossProperties) {
        String xml = LogbackConfig.withRoot(
                "<appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n" + ossProperties
                        + "</appender>\n"
                        + "<appender name=\"LIST\" class=\"ch.qos.logback.core.read.ListAppender\"/>\n",
                "OSS", "LIST");
        LogbackConfig config = new LogbackConfig(xml, LogbackConfig.serverProperties(oss.server()));
        configs.add(config);
        return config;
    }

    private static final String VALID = "<endpoint>${endpoint}</endpoint><region>${region}</region>"
            + "<bucket>logs</bucket><accessKeyId>AK</accessKeyId><accessKeySecret>SK</accessKeySecret>\n";

    @Test
    void startsWithLogbackSizesAndDurations() throws Exception {
        LogbackConfig config = configure(VALID + "<bufferSize>8MB</bufferSize><maxEventSize>64KB</maxEventSize>"
                + "<batchMaxBytes>1MB</batchMaxBytes><maxObjectSize>512MB</maxObjectSize>"
                + "<flushInterval>2 seconds</flushInterval><shutdownTimeout>3 seconds</shutdownTimeout>"
                + "<blockTimeout>250 milliseconds</blockTimeout><overflowPolicy>BLOCK</overflowPolicy>"
                + "<discardLevel>DEBUG</discardLevel><discardThreshold>80%</discardThreshold>"
                + "<sendContentMd5>true</sendContentMd5><keyValue>app=web</keyValue>"
                + "<objectKeyPattern>%{app}/%{context}/%i.log</objectKeyPattern>");
        OssAppender appender = config.oss("OSS");

        assertTrue(appender.isStarted(), () -> "errors: " + config.errors());
        assertEquals(List.of(), config.errors());
        assertNotNull(appender.getMetrics());
        assertTrue(ManagementFactory.getPlatformMBeanServer()
                .isRegistered(new ObjectName("io.github.osslog:type=Pipeline,name=OSS")));
        assertEquals(OssAppender.DEFAULT_PATTERN,
                ((ch.qos.logback.classic.encoder.PatternLayoutEncoder) appender.getEncoder()).getPattern());

        config.logger("app").info("keyed");
        appender.stop();
        String shipped = new String(oss.server().content("logs", "web/shop/0.log").orElseThrow(), UTF_8);
        assertTrue(shipped.endsWith(" - keyed\n"), shipped);
    }

    @Test
    void encoderWithoutClassIsAPatternEncoder() {
        LogbackConfig config = configure(VALID + "<encoder><pattern>%msg%n</pattern></encoder>");

        assertTrue(config.oss("OSS").isStarted(), () -> "errors: " + config.errors());
        assertEquals("%msg%n", ((ch.qos.logback.classic.encoder.PatternLayoutEncoder) config.oss("OSS")
                .getEncoder()).getPattern());
    }

    @Test
    void missingBucketAndEndpoint() {
        assertRejected(configure("<region>cn-hangzhou</region>"), "bucket", "endpoint");
    }

    @Test
    void unknownOverflowPolicy() {
        assertRejected(configure(VALID + "<overflowPolicy>WAIT_FOREVER</overflowPolicy>"), "overflowPolicy");
    }

    @Test
    void unparsableSizeThroughJoran() {
        assertRejected(configure(VALID + "<bufferSize>lots</bufferSize>"), "bufferSize");
    }

    @Test
    void unparsableDurationThroughJoran() {
        assertRejected(configure(VALID + "<flushInterval>soon</flushInterval>"), "flushInterval");
    }

    @Test
    void sizeOutOfRange() {
        assertRejected(configure(VALID + "<bufferSize>1KB</bufferSize>"), "bufferSize");
    }

    @Test
    void objectKeyPatternWithUnknownToken() {
        assertRejected(configure(VALID + "<objectKeyPattern>logs/%level/%i.log</objectKeyPattern>"),
                "objectKeyPattern");
    }

    @Test
    void keyValueWithoutName() {
        assertRejected(configure(VALID + "<keyValue>shop</keyValue>"), "objectKeyPattern");
    }

    @Test
    void regionMissingForV4() {
        assertRejected(configure("<endpoint>${endpoint}</endpoint><bucket>logs</bucket>"
                + "<accessKeyId>AK</accessKeyId><accessKeySecret>SK</accessKeySecret>"), "region");
    }

    @Test
    void everyProblemInOnePassAndNoSecretEchoed() {
        LogbackConfig config = configure("<accessKeyId>AK</accessKeyId><accessKeySecret>TopSecret-42</accessKeySecret>"
                + "<overflowPolicy>nope</overflowPolicy><maxEventSize>big</maxEventSize>"
                + "<connectTimeout>forever</connectTimeout>");

        assertRejected(config, "bucket", "endpoint", "overflowPolicy", "maxEventSize", "connectTimeout");
        for (String s : config.statuses(Status.INFO)) {
            assertFalse(s.contains("TopSecret-42"), s);
        }
    }

    /** Under strictConfiguration the same problems are errors, so that Spring Boot fails start-up on them. */
    @Test
    void strictConfigurationReportsProblemsAsErrors() {
        LogbackConfig config = configure("<strictConfiguration>true</strictConfiguration><region>cn-hangzhou</region>");

        assertFalse(config.oss("OSS").isStarted());
        List<String> errors = config.errors();
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("osslog: bucket is missing")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("appender [OSS] not started")), errors::toString);
    }

    /**
     * The appender stays stopped, each property gets an "osslog: <property>" warning and osslog adds no error status
     * (Spring Boot fails start-up on any), nothing was thrown, and the other appender on the same logger still
     * receives events.
     */
    private static void assertRejected(LogbackConfig config, String... properties) {
        OssAppender appender = config.oss("OSS");
        assertFalse(appender.isStarted());
        assertNull(appender.getMetrics());
        // (Logback's own converter reports a value it cannot parse, e.g. <bufferSize>lots</bufferSize>, as an error)
        assertEquals(List.of(), config.errors().stream().filter(e -> e.startsWith("osslog"))
                .collect(java.util.stream.Collectors.toList()));
        List<String> errors = config.statuses(Status.WARN);
        for (String property : properties) {
            assertTrue(errors.stream().anyMatch(e -> e.startsWith("osslog: " + property)),
                    () -> property + " not reported in " + errors);
        }
        assertTrue(errors.stream().anyMatch(e -> e.contains("appender [OSS] not started")), errors::toString);

        config.logger("app").info("still logging");
        @SuppressWarnings("unchecked")
        ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) config.context
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("LIST");
        assertEquals(1, list.list.size());
        assertEquals("still logging", list.list.get(0).getFormattedMessage());
    }

    /** The setters and the catalogue agree both ways: a setting without a setter, or a setter without one, fails. */
    @Test
    void everySettingHasASetterOfItsLogbackTypeAndNoSetterIsExtra() throws NoSuchMethodException {
        Set<String> settings = new TreeSet<>();
        for (Setting setting : Setting.values()) {
            settings.add(setting.property());
            String name = "set" + Character.toUpperCase(setting.property().charAt(0)) + setting.property().substring(1);
            Method setter = setting.kind() == Setting.Kind.SIZE ? OssAppender.class.getMethod(name, FileSize.class)
                    : setting.kind() == Setting.Kind.DURATION ? OssAppender.class.getMethod(name, Duration.class)
                    : setterOf(name, setting.kind() == Setting.Kind.BOOLEAN);
            assertEquals(void.class, setter.getReturnType(), setting.property());
        }
        Set<String> setters = new TreeSet<>();
        for (Method m : OssAppenderBase.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getName().startsWith("set")) {
                setters.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        assertEquals(settings, setters);
    }

    /** A String setter, or for a boolean setting a {@code boolean} one (Joran then rejects other words itself). */
    private static Method setterOf(String name, boolean mayBeBoolean) throws NoSuchMethodException {
        try {
            return OssAppender.class.getMethod(name, String.class);
        } catch (NoSuchMethodException e) {
            if (!mayBeBoolean) {
                throw e;
            }
            return OssAppender.class.getMethod(name, boolean.class);
        }
    }

    @Test
    void levelsMapOntoTheCoreLevels() {
        assertEquals(LogLevel.TRACE, OssAppender.level(ch.qos.logback.classic.Level.TRACE));
        assertEquals(LogLevel.DEBUG, OssAppender.level(ch.qos.logback.classic.Level.DEBUG));
        assertEquals(LogLevel.INFO, OssAppender.level(ch.qos.logback.classic.Level.INFO));
        assertEquals(LogLevel.WARN, OssAppender.level(ch.qos.logback.classic.Level.WARN));
        assertEquals(LogLevel.ERROR, OssAppender.level(ch.qos.logback.classic.Level.ERROR));
    }

    @Test
    void countersAreHandedOutReadOnly() throws Exception {
        // the recording methods stay with the pipeline: an application can read the counters, not change them
        assertEquals(PipelineMXBean.class, OssAppender.class.getMethod("getMetrics").getReturnType());
    }
}
