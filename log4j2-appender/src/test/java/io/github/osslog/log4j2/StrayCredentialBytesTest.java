package io.github.osslog.log4j2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.OssTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19: a key id, secret or STS token with a stray byte (a trailing newline from a file-backed secret, an
 * embedded carriage return), as attributes and in the environment, V1 and V4. A trailing newline is cleaned and
 * every event lands; an embedded control character refuses the appender up front, naming the attribute or
 * variable. Either way the value appears in no status, stack trace, metric, JMX value or stderr line.
 */
@Timeout(120)
class StrayCredentialBytesTest {
    private static final String KEY_ID = "STS.strayLog4jKeyId";
    private static final String SECRET = "strayLog4jSecretQx7";
    private static final String TOKEN = "strayLog4jTokenZr9";
    private static final String[] SETTINGS = {"accessKeyId", "accessKeySecret", "securityToken"};
    private static final String[] VARIABLES = {"OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN"};

    @TempDir
    Path dir;

    private OssTestServer server;
    private TestContext ctx;
    private final List<String> seen = new ArrayList<>();
    private final List<StatusData> statuses = new CopyOnWriteArrayList<>();
    private final StatusListener listener = new StatusListener() {
        @Override
        public void log(StatusData data) {
            statuses.add(data);
        }

        @Override
        public Level getStatusLevel() {
            return Level.TRACE;
        }

        @Override
        public void close() {
        }
    };
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void start() throws IOException {
        server = OssTestServer.builder().stsCredentials(KEY_ID, SECRET, TOKEN).bucket(OssConfig.BUCKET).start();
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, UTF_8));
        StatusLogger.getLogger().registerListener(listener);
    }

    @AfterEach
    void tearDown() throws Exception {
        recordJmx();
        if (ctx != null) {
            ctx.close();
        }
        StatusLogger.getLogger().removeListener(listener);
        System.setErr(originalErr);
        seen.add(stderr.toString(UTF_8));
        server.close();
        for (StatusData data : statuses) {
            seen.add(data.getFormattedStatus());
            if (data.getThrowable() != null) {
                StringWriter trace = new StringWriter();
                data.getThrowable().printStackTrace(new PrintWriter(trace));
                seen.add(trace.toString());
            }
        }
        for (String text : seen) {
            for (String value : new String[] {KEY_ID, SECRET, TOKEN, "strayLog4j"}) {
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

    private TestContext start(String version, String[] values) {
        ctx = OssConfig.forServer(server).set("accessKeyId", values[0]).set("accessKeySecret", values[1])
                .set("securityToken", values[2]).set("signatureVersion", version).start(dir);
        return ctx;
    }

    private List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (StatusData data : statuses) {
            if (data.getLevel().isMoreSpecificThan(Level.ERROR)) {
                errors.add(data.getMessage().getFormattedMessage());
            }
        }
        return errors;
    }

    private void record() {
        seen.add(String.valueOf(ctx.oss()));
        seen.add(ctx.context().getConfiguration().toString());
        if (ctx.oss() != null) {
            seen.add(ctx.oss().getManager().toString());
            seen.add(ctx.oss().getManager().getName());
            seen.add(String.valueOf(ctx.oss().getMetrics()));
            seen.add(ctx.oss().getMetrics().getLastError());
            seen.add(String.valueOf(ctx.oss().getMetrics().getFailuresByCode()));
        }
    }

    @ParameterizedTest
    @CsvSource({"0, V1", "1, V1", "2, V1", "0, V4", "1, V4", "2, V4"})
    void aTrailingNewlineInAnAttributeIsCleanedAndEveryEventLands(int which, String version) {
        start(version, values(which, "\n", false));
        assertNotNull(ctx.oss(), errors()::toString);

        for (int i = 0; i < 5; i++) {
            ctx.logger("app").info("event " + i);
        }

        assertTrue(ctx.oss().flush(Duration.ofSeconds(20)), String.valueOf(ctx.oss().getMetrics()));
        record();
        assertEquals("event 0\nevent 1\nevent 2\nevent 3\nevent 4\n",
                new String(server.content(OssConfig.BUCKET, "app/0.log").orElseThrow(), UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"0, V1", "1, V1", "2, V1", "0, V4", "1, V4", "2, V4"})
    void anEmbeddedCarriageReturnInAnAttributeRefusesTheAppenderByName(int which, String version) {
        start(version, values(which, "\r", true));

        ctx.logger("app").info("never accepted");

        assertNull(ctx.oss(), "the appender was built");
        record();
        assertTrue(errors().stream().anyMatch(e -> e.contains(SETTINGS[which] + " contains the character U+000D")),
                errors()::toString);
        assertTrue(server.content(OssConfig.BUCKET, "app/0.log").isEmpty());
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
                assertEquals("event 0\nevent 1\nevent 2\nevent 3\nevent 4\n", new String(server.content(
                        OssConfig.BUCKET, version + "/0.log").orElseThrow(), UTF_8));
            } else {
                assertTrue(server.content(OssConfig.BUCKET, version + "/0.log").isEmpty());
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
            appenders.append("    <Oss name=\"").append(version).append("\" endpoint=\"").append(server.endpoint())
                    .append("\" region=\"").append(server.region()).append("\" bucket=\"").append(OssConfig.BUCKET)
                    .append("\" signatureVersion=\"").append(version).append("\" objectKeyPattern=\"")
                    .append(version).append("/%i.log\" initialBackoff=\"1ms\" maxBackoff=\"20ms\">\n")
                    .append("      <PatternLayout pattern=\"%m%n\"/>\n    </Oss>\n");
        }
        // no status attribute: what a user without status configuration sees
        String xml = "<Configuration>\n  <Appenders>\n" + appenders + "  </Appenders>\n  <Loggers>\n"
                + "    <Root level=\"info\"><AppenderRef ref=\"V1\"/><AppenderRef ref=\"V4\"/></Root>\n"
                + "  </Loggers>\n</Configuration>\n";
        Path config = dir.resolve("log4j2-env.xml");
        Files.writeString(config, xml);
        Path output = dir.resolve("child.out");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile=" + config, "-cp", System.getProperty("java.class.path"),
                EnvCredentialsApp.class.getName(), "V1", "V4")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        child.environment().keySet().removeIf(name -> name.startsWith("OSS_") || name.startsWith("ALIBABA_CLOUD_"));
        for (int i = 0; i < VARIABLES.length; i++) {
            child.environment().put(VARIABLES[i], env[i]);
        }
        Process process = child.start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the child did not end");
        return Files.readString(output);
    }
}
