package io.github.osslog.testkit.adapters;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Issue 19, for each adapter (a subclass in its module's tests runs it on its framework): a key id, secret or STS
 * token with a stray byte (a trailing newline from a file-backed secret, an embedded carriage return), in the
 * appender's settings and in the environment, V1 and V4. A trailing newline is cleaned and every event lands; an
 * embedded control character refuses the configuration up front, naming the setting or variable. Either way the
 * value appears in no status, stack trace, metric, JMX value or stderr line.
 */
@Timeout(120)
public abstract class AbstractStrayCredentialBytesTest {
    protected static final String BUCKET = "logs";
    private static final String KEY_ID = "STS.strayBytesKeyId";
    private static final String SECRET = "strayBytesSecretQx7";
    private static final String TOKEN = "strayBytesTokenZr9";
    private static final String[] SETTINGS = {"accessKeyId", "accessKeySecret", "securityToken"};
    private static final String[] VARIABLES = {"OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN"};
    private static final String FIVE_EVENTS = "event 0\nevent 1\nevent 2\nevent 3\nevent 4\n";

    @TempDir
    protected Path dir;

    /** Every text the test saw: statuses, stack traces, toString()s, metrics, JMX values, stderr, child output. */
    protected final List<String> seen = new ArrayList<>();
    private OssTestServer server;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    /**
     * Configures and starts an appender (or refuses to) with these credentials and signature version, shipping the
     * message of each event of logger {@code app}, one a line, to {@code app/%i.log} in {@link #BUCKET}.
     */
    protected abstract void start(OssTestServer server, String version, String[] keyIdSecretToken);

    /** Whether the appender of {@link #start} runs. */
    protected abstract boolean started();

    /** Logs {@code message} at INFO through logger {@code app}. */
    protected abstract void log(String message);

    /** Flushes the started appender; whether all landed in time. */
    protected abstract boolean flush(Duration timeout);

    /** Adds to {@link #seen} the appender's toString(), metrics and whatever else it shows. */
    protected abstract void recordAppender();

    /** The configuration problems the framework's status channel reported, as their messages. */
    protected abstract List<String> configurationProblems();

    /** Stops what {@link #start} started and adds every status it reported, with stack traces, to {@link #seen}. */
    protected abstract void stopAndRecordStatuses();

    /**
     * A configuration file with two appenders named {@code V1} and {@code V4} (that signature version each), taking
     * credentials from the environment and shipping to {@code V1/%i.log} and {@code V4/%i.log}.
     */
    protected abstract String environmentConfiguration(OssTestServer server);

    /** The system property that names the framework's configuration file. */
    protected abstract String configurationFileProperty();

    /**
     * The child application: logs {@code event 0} to {@code event 4}, prints {@code started <name> <boolean>} and
     * {@code flushed <name> <boolean>} for each appender named on its command line, then every status.
     */
    protected abstract Class<?> childApplication();

    @BeforeEach
    void startServer() throws IOException {
        server = OssTestServer.builder().stsCredentials(KEY_ID, SECRET, TOKEN).bucket(BUCKET).start();
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, UTF_8));
    }

    @AfterEach
    void assertNoCredentialSeen() throws Exception {
        recordJmx();
        stopAndRecordStatuses();
        System.setErr(originalErr);
        seen.add(stderr.toString(UTF_8));
        server.close();
        for (String text : seen) {
            for (String value : new String[] {KEY_ID, SECRET, TOKEN, "strayBytes"}) {
                assertFalse(text != null && text.contains(value), () -> "a credential leaked: " + text);
            }
        }
    }

    /** Adds a status's text and its stack trace, if any, to {@link #seen}. */
    protected void recordStatus(String text, Throwable throwable) {
        seen.add(text);
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            seen.add(trace.toString());
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

    @ParameterizedTest
    @CsvSource({"0, V1", "1, V1", "2, V1", "0, V4", "1, V4", "2, V4"})
    void aTrailingNewlineInASettingIsCleanedAndEveryEventLands(int which, String version) {
        start(server, version, values(which, "\n", false));
        assertTrue(started(), () -> configurationProblems().toString());

        for (int i = 0; i < 5; i++) {
            log("event " + i);
        }

        assertTrue(flush(Duration.ofSeconds(20)), "not flushed in time");
        recordAppender();
        assertEquals(FIVE_EVENTS, server.landed(BUCKET, "app/").text());
    }

    @ParameterizedTest
    @CsvSource({"0, V1", "1, V1", "2, V1", "0, V4", "1, V4", "2, V4"})
    void anEmbeddedCarriageReturnInASettingRefusesTheConfigurationByName(int which, String version) {
        start(server, version, values(which, "\r", true));

        log("never accepted");

        assertFalse(started());
        recordAppender();
        List<String> problems = configurationProblems();
        assertTrue(problems.stream().anyMatch(e -> e.contains(SETTINGS[which] + " contains the character U+000D")),
                problems::toString);
        assertTrue(server.landed(BUCKET, "app/").isEmpty());
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
                assertEquals(FIVE_EVENTS, server.landed(BUCKET, version + "/").text());
            } else {
                assertTrue(server.landed(BUCKET, version + "/").isEmpty());
            }
        }
        if (!trailing) {
            assertTrue(output.contains("environment variable " + VARIABLES[Integer.parseInt(variant)]
                    + " contains the character U+000D"), output);
        }
    }

    private String runChild(String[] env) throws Exception {
        Path config = dir.resolve("env-credentials.xml");
        Files.writeString(config, environmentConfiguration(server));
        Path output = dir.resolve("child.out");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + configurationFileProperty() + "=" + config, "-cp", System.getProperty("java.class.path"),
                childApplication().getName(), "V1", "V4")
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
