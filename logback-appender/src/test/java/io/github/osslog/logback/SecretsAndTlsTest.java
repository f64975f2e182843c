package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.status.Status;
import io.github.osslog.testkit.Await;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The appender over HTTPS with {@code <trustedCertificates>}, and with failing credentials: no status message,
 * stack trace or toString() shows the secret or the token.
 */
@Timeout(60)
class SecretsAndTlsTest {
    private static final String KEY_ID = "STS.auditKeyId";
    private static final String SECRET = "s3cr3tLogbackAuditQx7";
    private static final String TOKEN = "t0kenLogbackAuditZr9";

    @TempDir
    Path dir;

    private final List<AutoCloseable> servers = new ArrayList<>();
    private final List<LogbackConfig> configs = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (LogbackConfig config : configs) {
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
        for (AutoCloseable server : servers) {
            server.close();
        }
        for (String text : seen) {
            assertFalse(text.contains(SECRET), () -> "the secret leaked: " + text);
            assertFalse(text.contains(TOKEN), () -> "the token leaked: " + text);
            assertFalse(text.contains(KEY_ID), () -> "the key id leaked: " + text);
        }
    }

    private OssTestServer server(OssTestServer.Builder builder) throws IOException {
        OssTestServer server = builder.bucket("logs").start();
        servers.add(server);
        return server;
    }

    private LogbackConfig configure(OssTestServer server, String settings) {
        String xml = LogbackConfig.withRoot(
                "<appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                        + "<endpoint>${endpoint}</endpoint><region>${region}</region><bucket>logs</bucket>\n"
                        + "<objectKeyPattern>app/%i.log</objectKeyPattern>\n"
                        + "<initialBackoff>1 millisecond</initialBackoff><maxBackoff>20 milliseconds</maxBackoff>\n"
                        + "<encoder><pattern>%msg%n</pattern></encoder>\n"
                        + settings + "</appender>\n", "OSS");
        LogbackConfig config = new LogbackConfig(xml, LogbackConfig.serverProperties(server));
        configs.add(config);
        return config;
    }

    @Test
    void shipsOverHttpsToATrustedCertificate() throws IOException {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        OssTestServer server = server(OssTestServer.builder().credentials("AK", "SK")
                .tlsKeyStore(certificate.keyStore(), certificate.password()));
        LogbackConfig config = configure(server, "<accessKeyId>AK</accessKeyId><accessKeySecret>SK</accessKeySecret>"
                + "<trustedCertificates>" + certificate.pem() + "</trustedCertificates>");
        assertTrue(config.oss("OSS").isStarted(), config.errors()::toString);

        config.logger("app").info("over https");

        assertTrue(config.oss("OSS").flush(Duration.ofSeconds(20)), String.valueOf(config.oss("OSS").getMetrics()));
        assertEquals("over https\n", new String(server.content("logs", "app/0.log").orElseThrow(), UTF_8));
    }

    @Test
    void aBadTrustFileKeepsTheAppenderStopped() throws IOException {
        OssTestServer server = server(OssTestServer.builder().credentials("AK", "SK"));
        Path missing = dir.resolve("missing.pem");
        LogbackConfig config = configure(server, "<accessKeyId>AK</accessKeyId><accessKeySecret>SK</accessKeySecret>"
                + "<trustedCertificates>" + missing + "</trustedCertificates>");

        assertFalse(config.oss("OSS").isStarted());
        List<String> problems = config.statuses(Status.WARN);
        assertTrue(problems.stream().anyMatch(e -> e.contains("trustedCertificates '" + missing + "'")),
                problems::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1", "V4"})
    void aWrongSecretShowsNeitherSecretNorToken(String version) throws IOException {
        OssTestServer server = server(OssTestServer.builder().stsCredentials(KEY_ID, SECRET, TOKEN));
        LogbackConfig config = configure(server, credentials(SECRET + "-wrong", version));

        config.logger("app").info("signed wrongly");

        assertFalse(config.oss("OSS").flush(Duration.ofMillis(200)));
        Await.until(() -> !config.oss("OSS").getMetrics().getLastError().isEmpty(), Duration.ofSeconds(20));
        record(config);
        assertTrue(config.oss("OSS").getMetrics().getLastError().contains("SignatureDoesNotMatch"),
                config.oss("OSS").getMetrics().getLastError());
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1", "V4"})
    void anExpiredTokenShowsNeitherSecretNorToken(String version) throws IOException {
        OssTestServer server = server(OssTestServer.builder().stsCredentials(KEY_ID, SECRET, TOKEN));
        server.expireSecurityToken(KEY_ID);
        LogbackConfig config = configure(server, credentials(SECRET, version));

        config.logger("app").info("token expired");

        assertFalse(config.oss("OSS").flush(Duration.ofMillis(200)));
        Await.until(() -> !config.oss("OSS").getMetrics().getLastError().isEmpty(), Duration.ofSeconds(20));
        record(config);
        assertTrue(config.oss("OSS").getMetrics().getLastError().contains("Token"),
                config.oss("OSS").getMetrics().getLastError());
    }

    private static String credentials(String secret, String version) {
        return "<accessKeyId>" + KEY_ID + "</accessKeyId><accessKeySecret>" + secret + "</accessKeySecret>"
                + "<securityToken>" + TOKEN + "</securityToken><signatureVersion>" + version + "</signatureVersion>"
                // nothing can be shipped: a short stop budget loses nothing to test
                + "<shutdownTimeout>100 milliseconds</shutdownTimeout>";
    }

    private void record(LogbackConfig config) {
        OssAppender appender = config.oss("OSS");
        assertTrue(appender.isStarted(), config.errors()::toString);
        seen.add(appender.toString());
        seen.add(String.valueOf(appender.getMetrics()));
        seen.add(appender.getMetrics().getLastError());
        seen.add(String.valueOf(appender.getMetrics().getFailuresByCode()));
    }
}
