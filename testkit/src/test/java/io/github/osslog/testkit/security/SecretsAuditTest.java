package io.github.osslog.testkit.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.auth.CredentialsProvider;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.config.PipelineFactory;
import io.github.osslog.core.config.Settings;
import io.github.osslog.core.config.SettingsException;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.sink.LogSink;
import io.github.osslog.testkit.Await;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.RequestMatcher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the framework-neutral shipper (what both adapters build) into failures that carry credentials near their
 * text: a wrong secret (the testkit echoes the StringToSign, which holds the V1 token), an expired STS token, and
 * 5xx and connection resets. Everything osslog says or shows must be free of the secret and the token.
 */
class SecretsAuditTest {
    private static final String KEY_ID = "STS.auditKeyId";
    private static final String SECRET = "s3cr3tAuditValueQx7";
    private static final String TOKEN = "t0kenAuditValueZr9";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private OssTestServer server;
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<LogSink> shippers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = OssTestServer.builder().stsCredentials(KEY_ID, SECRET, TOKEN).bucket("logs").start();
    }

    @AfterEach
    void stop() {
        for (LogSink s : shippers) {
            s.stop(Duration.ofMillis(200));
            record(s.toString());
        }
        server.close();
        assertFalse(seen.isEmpty());
        for (String text : seen) {
            assertFalse(text.contains(SECRET), () -> "the secret leaked: " + text);
            assertFalse(text.contains(TOKEN), () -> "the token leaked: " + text);
            assertFalse(text.contains(KEY_ID), () -> "the key id leaked: " + text);
        }
    }

    /** Records a text osslog shows, and the whole stack trace (causes, suppressed) of {@code error}. */
    private void record(String text, Throwable error) {
        record(text);
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            record(trace.toString());
        }
    }

    private void record(String text) {
        seen.add(String.valueOf(text));
    }

    private final InternalLogger logger = new InternalLogger() {
        @Override
        public void info(String message) {
            record(message);
        }

        @Override
        public void warn(String message, Throwable cause) {
            record(message, cause);
        }

        @Override
        public void error(String message, Throwable cause) {
            record(message, cause);
        }
    };

    private LogSink shipper(String version, String secret) throws SettingsException {
        Settings settings = new Settings().set("endpoint", server.endpoint())
                .set("region", server.region()).set("bucket", "logs").set("accessKeyId", KEY_ID)
                .set("accessKeySecret", secret).set("securityToken", TOKEN).set("signatureVersion", version)
                .set("objectKeyPattern", "app/%i.log").set("initialBackoff", "1 ms").set("maxBackoff", "20 ms")
                .set("callTimeout", "2 s");
        LogSink shipper = PipelineFactory.create(settings.validate("audit-" + NAMES.incrementAndGet()), logger);
        shippers.add(shipper);
        shipper.start();
        return shipper;
    }

    /** Logs a few events, lets the shipper try, and records everything it exposes. */
    private boolean run(LogSink shipper, Consumer<OssTestServer> fault, Duration wait) throws Exception {
        fault.accept(server);
        for (int i = 0; i < 5; i++) {
            byte[] line = ("event " + i + "\n").getBytes(UTF_8);
            shipper.pipeline().publish(line, 0, line.length, LogLevel.INFO);
        }
        boolean shipped = shipper.flush(wait);
        if (!shipped) { // a failing store answers within the flush on a quiet machine; under load, wait for it
            Await.until(() -> !shipper.metrics().getLastError().isEmpty(), Duration.ofSeconds(20));
        }
        OssClient client = shipper.client();
        CredentialsProvider credentials = client.config().credentials();
        record(shipper.toString());
        record(client.toString());
        record(client.config().toString());
        record(credentials.toString());
        record(String.valueOf(credentials.getCredentials()));
        record(shipper.metrics().toString());
        record(shipper.metrics().getLastError());
        record(String.valueOf(shipper.metrics().getFailuresByCode()));
        recordJmx(shipper.pipeline().config().name());
        return shipped;
    }

    private void recordJmx(String pipeline) throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.github.osslog:type=Pipeline,name=" + pipeline);
        assertTrue(mbeans.isRegistered(name), name::toString);
        for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
            record(attribute.getName() + "=" + mbeans.getAttribute(name, attribute.getName()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1", "V4"})
    void aWrongSecret(String version) throws Exception {
        LogSink shipper = shipper(version, SECRET + "-wrong"); // contains SECRET, so checked as well

        assertFalse(run(shipper, s -> { }, Duration.ofSeconds(1)));
        assertTrue(shipper.metrics().getLastError().contains("SignatureDoesNotMatch"),
                shipper.metrics().getLastError());
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1", "V4"})
    void anExpiredSecurityToken(String version) throws Exception {
        LogSink shipper = shipper(version, SECRET);

        assertFalse(run(shipper, s -> s.expireSecurityToken(KEY_ID), Duration.ofSeconds(1)));
        assertTrue(shipper.metrics().getLastError().contains("Token"), shipper.metrics().getLastError());
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1", "V4"})
    void serverErrorsAndResets(String version) throws Exception {
        LogSink shipper = shipper(version, SECRET);
        RequestMatcher appends = RequestMatcher.operation(Operation.APPEND_OBJECT);

        assertTrue(run(shipper, s -> s.faults().inject(Fault.error(503, "ServiceUnavailable"), appends, 2)
                .inject(Fault.resetBeforeCommit(), appends, 1), Duration.ofSeconds(10)));
        assertEquals(5, shipper.metrics().getEventsShipped());
        assertTrue(shipper.metrics().getFailuresByCode().containsKey("ServiceUnavailable"),
                String.valueOf(shipper.metrics().getFailuresByCode()));
    }
}
