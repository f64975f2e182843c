package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.status.Status;
import io.github.osslog.testkit.OssTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19: a key id, secret or STS token with a stray byte (a trailing newline from a file-backed secret, an
 * embedded carriage return), in the appender's settings and in the environment, V1 and V4. A trailing newline is
 * cleaned and every event lands; an embedded control character refuses the configuration up front, naming the
 * setting or variable. Either way the value appears in no status, stack trace, metric, JMX value or stderr line.
 */
@Timeout(120)
class StrayCredentialBytesTest {
    private static final String KEY_ID = "STS.strayLogbackKeyId";
    private static final String SECRET = "strayLogbackSecretQx7";
    private static final String TOKEN = "strayLogbackTokenZr9";
    private static final String[] SETTINGS = {"accessKeyId", "accessKeySecret", "securityToken"};
    private static final String[] VARIABLES = {"OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN"};

    @TempDir
    Path dir;

    private OssTestServer server;
    private final List<LogbackConfig> configs = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void start() throws IOException {
        server = OssTestServer.builder().stsCredentials(KEY_ID, SECRET, TOKEN).bucket("logs").start();
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, UTF_8));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (LogbackConfig config : configs) {
            recordJmx();
            config.stop();
            for (Status status : config.context.getStatusManager().getCopyOfStatusList()) {
                seen.add(status.toString());
                if (status.getThrowable() != null) {
                    StringWriter trace = new StringWriter();
                    status.getThrowable().printStackTrace(new PrintWriter(trace));
                    seen.add(trace.toString());
                }
            }
        }
        System.setErr(originalErr);
        seen.add(stderr.toString(UTF_8));
        server.close();
        assertNoValueIn(seen);
    }

    /** Neither the values nor their parts around the stray character appear anywhere. */
    private static void assertNoValueIn(List<String> texts) {
        for (String text : texts) {
            for (String value : new String[] {KEY_ID, SECRET, TOKEN, "strayLogback"}) {
                assertFalse(text.contains(value), () -> "a credential leaked: " + text);
            }
        }
    }

    private void recordJmx() throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : mbeans.queryNames(new ObjectName("io.github.osslog:*"), null)) {
            for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
                seen.add(attribute.getName() + "=" + mbeans.getAttribute(name, attribute.getName()));
            }
        }
    }

    private static String[] values(int which, String stray, boolean embedded) {
        String[] values = {KEY_ID, SECRET, TOKEN};
        String v = values[which];
        values[which] = embedded ? v.substring(0, 8) + stray + v.substring(8) : v + stray;
        return values;
    }

    private LogbackConfig configure(String version, String[] values) {
        String xml = LogbackConfig.withRoot(
                "<appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                        + "<endpoint>${endpoint}</endpoint><region>${region}</region><bucket>logs</bucket>\n"
                        + "<accessKeyId>" + xml(values[0]) + "</accessKeyId>\n"
                        + "<accessKeySecret>" + xml(values[1]) + "</accessKeySecret>\n"
                        + "<securityToken>" + xml(values[2]) + "</securityToken>\n"
                        + "<signatureVersion>" + version + "</signatureVersion>\n"
                        + "<objectKeyPattern>app/%i.log</objectKeyPattern>\n"
                        + "<initialBackoff>1 millisecond</initialBackoff><maxBackoff>20 milliseconds</maxBackoff>\n"
                        + "<shutdownTimeout>2 seconds</shutdownTimeout>\n"
                        + "<encoder><pattern>%msg%n</pattern></encoder>\n"
                        + "</appender>\n", "OSS");
        // written into the XML, not substituted: Logback's own INFO status shows every substituted value
        LogbackConfig config = new LogbackConfig(xml, LogbackConfig.serverProperties(server));
        configs.add(config);
        return config;
    }

    /** Control characters as character references, which XML keeps in element text. */
    private static String xml(String value) {
        return value.replace("\r", "&#13;").replace("\n", "&#10;");
    }

    private void record(LogbackConfig config) {
        OssAppender appender = config.oss("OSS");
        seen.add(String.valueOf(appender));
        if (appender.getMetrics() != null) {
            seen.add(String.valueOf(appender.getMetrics()));
            seen.add(appender.getMetrics().getLastError());
            seen.add(String.valueOf(appender.getMetrics().getFailuresByCode()));
        }
    }

    @ParameterizedTest
    @CsvSource({"0, V1", "1, V1", "2, V1", "0, V4", "1, V4", "2, V4"})
    void aTrailingNewlineInASettingIsCleanedAndEveryEventLands(int which, String version) {
        LogbackConfig config = configure(version, values(which, "\n", false));
        assertTrue(config.oss("OSS").isStarted(), config.errors()::toString);

        for (int i = 0; i < 5; i++) {
            config.logger("app").info("event " + i);
        }

        assertTrue(config.oss("OSS").flush(Duration.ofSeconds(20)), String.valueOf(config.oss("OSS").getMetrics()));
        record(config);
        assertEquals("event 0\nevent 1\nevent 2\nevent 3\nevent 4\n",
                new String(server.content("logs", "app/0.log").orElseThrow(), UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"0, V1", "1, V1", "2, V1", "0, V4", "1, V4", "2, V4"})
    void anEmbeddedCarriageReturnInASettingRefusesTheConfigurationByName(int which, String version) {
        LogbackConfig config = configure(version, values(which, "\r", true));

        config.logger("app").info("never accepted");

        assertFalse(config.oss("OSS").isStarted());
        record(config);
        // a configuration problem is a WARN status (docs/configuration-errors.md), so a host such as Spring Boot starts
        List<String> problems = config.statuses(Status.WARN);
        assertTrue(problems.stream().anyMatch(e -> e.contains(SETTINGS[which] + " contains the character"
                + " U+000D")), problems::toString);
        assertTrue(server.content("logs", "app/0.log").isEmpty());
    }

    /** One child JVM per case: the environment cannot be changed inside a JVM. Each runs a V1 and a V4 appender. */
    @ParameterizedTest
    @ValueSource(strings = {"trailing", "0", "1", "2"})
    void theSameThroughEnvironmentVariables(String variant) throws Exception {
        boolean trailing = variant.equals("trailing");
        String[] values = trailing ? new String[] {KEY_ID + "\n", SECRET + "\r\n", TOKEN + "\n"}
                : values(Integer.parseInt(variant), "\r", true);
        String output = runChild(values);
        seen.add(output);

        for (String version : new String[] {"V1", "V4"}) {
            assertTrue(output.contains("started " + version + " " + trailing), output);
            if (trailing) {
                assertTrue(output.contains("flushed " + version + " true"), output);
                assertEquals("event 0\nevent 1\nevent 2\nevent 3\nevent 4\n", new String(server.content("logs",
                        version + "/0.log").orElseThrow(), UTF_8));
            } else {
                assertTrue(server.content("logs", version + "/0.log").isEmpty());
            }
        }
        if (!trailing) {
            assertTrue(output.contains("environment variable " + VARIABLES[Integer.parseInt(variant)]
                    + " contains the character U+000D"), output);
        }
    }

    private String runChild(String[] env) throws Exception {
        StringBuilder appenders = new StringBuilder();
        for (String version : new String[] {"V1", "V4"}) {
            appenders.append("<appender name=\"").append(version)
                    .append("\" class=\"io.github.osslog.logback.OssAppender\">\n")
                    .append("<endpoint>").append(server.endpoint()).append("</endpoint><region>")
                    .append(server.region()).append("</region><bucket>logs</bucket>\n")
                    .append("<signatureVersion>").append(version).append("</signatureVersion>\n")
                    .append("<objectKeyPattern>").append(version).append("/%i.log</objectKeyPattern>\n")
                    .append("<initialBackoff>1 millisecond</initialBackoff><maxBackoff>20 milliseconds</maxBackoff>\n")
                    .append("<encoder><pattern>%msg%n</pattern></encoder>\n</appender>\n");
        }
        Path config = dir.resolve("logback.xml");
        Files.write(config, LogbackConfig.withRoot(appenders.toString(), "V1", "V4").getBytes(UTF_8));
        Path output = dir.resolve("child.out");
        ProcessBuilder child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + config, "-cp", System.getProperty("java.class.path"),
                EnvCredentialsApp.class.getName(), "V1", "V4")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        child.environment().keySet().removeIf(name -> name.startsWith("OSS_") || name.startsWith("ALIBABA_CLOUD_"));
        for (int i = 0; i < VARIABLES.length; i++) {
            child.environment().put(VARIABLES[i], env[i]);
        }
        Process process = child.start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the child did not end");
        return new String(Files.readAllBytes(output), UTF_8);
    }
}
