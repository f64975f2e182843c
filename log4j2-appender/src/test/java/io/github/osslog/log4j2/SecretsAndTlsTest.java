package io.github.osslog.log4j2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.Await;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code <Oss>} over HTTPS with {@code trustedCertificates}, and with failing credentials: no status message, stack
 * trace or toString() shows the secret or the token.
 */
class SecretsAndTlsTest {
    private static final String KEY_ID = "STS.auditKeyId";
    private static final String SECRET = "s3cr3tLog4jAuditQx7";
    private static final String TOKEN = "t0kenLog4jAuditZr9";

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();
    private final StatusCapture status = StatusCapture.start(Level.TRACE);

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        status.close();
        seen.addAll(status.formattedWithTraces());
        for (String text : seen) {
            assertFalse(text.contains(SECRET), () -> "the secret leaked: " + text);
            assertFalse(text.contains(TOKEN), () -> "the token leaked: " + text);
            assertFalse(text.contains(KEY_ID), () -> "the key id leaked: " + text);
        }
    }

    private OssTestServer server(OssTestServer.Builder builder) throws IOException {
        OssTestServer server = builder.bucket(OssConfig.BUCKET).start();
        closeables.add(server);
        return server;
    }

    private TestContext start(OssConfig config) {
        return start(config, "1 second");
    }

    /** A context whose store refuses everything: nothing can ship, so a short stop budget loses nothing to test. */
    private TestContext startRefused(OssConfig config) {
        return start(config, "100 milliseconds");
    }

    private TestContext start(OssConfig config, String shutdownTimeout) {
        TestContext ctx = config.set("shutdownTimeout", shutdownTimeout).set("callTimeout", "800 milliseconds")
                .start(dir);
        closeables.add(ctx);
        assertNotNull(ctx.oss(), "appender not built");
        return ctx;
    }

    private List<String> errors() {
        return status.atLeast(Level.ERROR);
    }

    @Test
    void shipsOverHttpsToATrustedCertificate() throws IOException {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        OssTestServer server = server(OssTestServer.builder().credentials("AK", "SK")
                .tlsKeyStore(certificate.keyStore(), certificate.password()));
        TestContext ctx = start(OssConfig.forServer(server).set("trustedCertificates", certificate.pem().toString()));

        ctx.logger("app").info("over https");

        assertTrue(ctx.oss().flush(Duration.ofSeconds(20)), String.valueOf(ctx.oss().getMetrics()));
        assertEquals("over https\n", new String(server.content(OssConfig.BUCKET, "app/0.log").orElseThrow(), UTF_8));
    }

    @Test
    void refusesAnUntrustedCertificateAndSaysWhatToSet() throws IOException {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        OssTestServer server = server(OssTestServer.builder().credentials("AK", "SK")
                .tlsKeyStore(certificate.keyStore(), certificate.password()));
        TestContext ctx = startRefused(OssConfig.forServer(server));

        ctx.logger("app").info("not over https");

        assertFalse(ctx.oss().flush(Duration.ofMillis(200)));
        assertTrue(server.content(OssConfig.BUCKET, "app/0.log").isEmpty());
        // the handshake fails within the flush on a quiet machine; under load, wait for its status
        Await.until(() -> errors().stream().anyMatch(e -> e.contains("TLS with the store failed")),
                Duration.ofSeconds(20));
        assertTrue(errors().stream().anyMatch(e -> e.contains("TLS with the store failed")
                && e.contains("trustedCertificates")), errors()::toString);
    }

    @Test
    void aBadTrustFileIsAConfigurationError() throws IOException {
        OssTestServer server = server(OssTestServer.builder().credentials("AK", "SK"));
        TestContext ctx = OssConfig.forServer(server).set("trustedCertificates", dir.resolve("missing.pem").toString())
                .start(dir);
        closeables.add(ctx);

        assertNull(ctx.oss());
        assertTrue(errors().stream().anyMatch(e -> e.contains("trustedCertificates '" + dir.resolve("missing.pem"))),
                errors()::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1", "V4"})
    void aWrongSecretShowsNeitherSecretNorToken(String version) throws IOException {
        OssTestServer server = server(OssTestServer.builder().stsCredentials(KEY_ID, SECRET, TOKEN));
        TestContext ctx = startRefused(OssConfig.forServer(server).set("accessKeyId", KEY_ID)
                .set("accessKeySecret", SECRET + "-wrong").set("securityToken", TOKEN)
                .set("signatureVersion", version));

        ctx.logger("app").info("signed wrongly");

        assertFalse(ctx.oss().flush(Duration.ofMillis(200)));
        Await.until(() -> !ctx.oss().getMetrics().getLastError().isEmpty(), Duration.ofSeconds(20));
        record(ctx);
        assertTrue(ctx.oss().getMetrics().getLastError().contains("SignatureDoesNotMatch"),
                ctx.oss().getMetrics().getLastError());
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1", "V4"})
    void anExpiredTokenShowsNeitherSecretNorToken(String version) throws IOException {
        OssTestServer server = server(OssTestServer.builder().stsCredentials(KEY_ID, SECRET, TOKEN));
        server.expireSecurityToken(KEY_ID);
        TestContext ctx = startRefused(OssConfig.forServer(server).set("accessKeyId", KEY_ID)
                .set("accessKeySecret", SECRET).set("securityToken", TOKEN).set("signatureVersion", version));

        ctx.logger("app").info("token expired");

        assertFalse(ctx.oss().flush(Duration.ofMillis(200)));
        Await.until(() -> !ctx.oss().getMetrics().getLastError().isEmpty(), Duration.ofSeconds(20));
        record(ctx);
        assertTrue(ctx.oss().getMetrics().getLastError().contains("Token"), ctx.oss().getMetrics().getLastError());
    }

    private void record(TestContext ctx) {
        seen.add(ctx.oss().toString());
        seen.add(ctx.oss().getManager().toString());
        seen.add(ctx.oss().getManager().getName());
        seen.add(String.valueOf(ctx.oss().getMetrics()));
        seen.add(ctx.oss().getMetrics().getLastError());
        seen.add(String.valueOf(ctx.oss().getMetrics().getFailuresByCode()));
        seen.add(ctx.context().getConfiguration().toString());
    }
}
