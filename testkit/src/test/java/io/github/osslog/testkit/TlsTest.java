package io.github.osslog.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.PublishResult;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.internal.pipeline.Pipeline;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import io.github.osslog.core.testing.RecordingLogger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS between OssClient and the testkit: a self-signed certificate is refused unless the client is told to trust
 * it, and even a trusted certificate must name the host.
 */
class TlsTest {
    private static final String BUCKET = "logs";
    /**
     * Not "AK"/"SK": the client redacts its secret wherever it appears in an error, and a two-letter secret turned
     * up by chance in the random certificate's text that the TLS error quotes.
     */
    private static final String KEY_ID = "tls-test-key-id";
    private static final String SECRET = "tls-test-secret-value";

    @TempDir
    static Path dir;
    private static SelfSignedCertificate certificate;
    private static SelfSignedCertificate otherHost;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void certificates() throws IOException {
        certificate = SelfSignedCertificate.create(dir);
        otherHost = SelfSignedCertificate.create(dir, "dns:example.invalid");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private OssTestServer server(SelfSignedCertificate served) throws IOException {
        OssTestServer server = OssTestServer.builder().credentials(KEY_ID, SECRET).bucket(BUCKET)
                .tlsKeyStore(served.keyStore(), served.password()).start();
        closeables.add(server);
        return server;
    }

    private OssClient client(OssTestServer server, Path trusted) {
        OssClientConfig.Builder config = OssClientConfig.builder().endpoint(server.endpoint()).bucket(BUCKET)
                .region(server.region()).credentials(StaticCredentialsProvider.of(KEY_ID, SECRET))
                .callTimeout(Duration.ofSeconds(5));
        if (trusted != null) {
            config.trustedCertificates(trusted);
        }
        OssClient client = OssClient.create(config.build());
        closeables.add(client);
        return client;
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefault() throws IOException {
        OssTestServer server = server(certificate);
        assertTrue(server.endpoint().startsWith("https://127.0.0.1:"), server.endpoint());

        OssClient client = client(server, null);

        assertThrows(SSLHandshakeException.class, () -> client.append("a.log", 0, "x".getBytes(UTF_8)));
        assertFalse(server.content(BUCKET, "a.log").isPresent());
    }

    @Test
    void theConfiguredCertificateIsTrusted() throws IOException {
        OssTestServer server = server(certificate);
        OssClient client = client(server, certificate.pem());

        assertEquals(5, client.append("a.log", 0, "hello".getBytes(UTF_8)).nextPosition());
        assertEquals(11, client.append("a.log", 5, " world".getBytes(UTF_8)).nextPosition());

        assertArrayEquals("hello world".getBytes(UTF_8), server.content(BUCKET, "a.log").orElseThrow());
        assertArrayEquals("hello world".getBytes(UTF_8), client.get("a.log"));
        assertEquals(certificate.pem(), client.config().trustedCertificates());
    }

    @Test
    void onlyTheConfiguredCertificatesAreTrusted() throws IOException {
        OssTestServer server = server(certificate);
        OssClient client = client(server, otherHost.pem());

        assertThrows(SSLHandshakeException.class, () -> client.append("a.log", 0, "x".getBytes(UTF_8)));
        assertFalse(server.content(BUCKET, "a.log").isPresent());
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws IOException {
        OssTestServer server = server(otherHost);
        OssClient client = client(server, otherHost.pem());

        SSLPeerUnverifiedException e = assertThrows(SSLPeerUnverifiedException.class,
                () -> client.append("a.log", 0, "x".getBytes(UTF_8)));
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertFalse(server.content(BUCKET, "a.log").isPresent());
    }

    @Test
    void aBadTrustFileFailsTheBuildNamingTheSetting() throws IOException {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "not a certificate");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        for (Path bad : new Path[] {notPem, empty, dir.resolve("missing.pem")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OssClientConfig.builder().trustedCertificates(bad));
            assertTrue(e.getMessage().startsWith("trustedCertificates '" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("PEM"), e.getMessage());
        }
    }

    @Test
    void anUntrustedServerIsReportedAndNothingReachesTheApplication() throws Exception {
        OssTestServer server = server(certificate);
        RecordingLogger messages = new RecordingLogger();
        CountDownLatch reported = new CountDownLatch(1);
        InternalLogger logger = new InternalLogger() {
            @Override
            public void info(String message) {
                messages.info(message);
            }

            @Override
            public void warn(String message, Throwable cause) {
                messages.warn(message, cause);
            }

            @Override
            public void error(String message, Throwable cause) {
                messages.error(message, cause);
                reported.countDown();
            }
        };
        Pipeline pipeline = Pipeline.create(PipelineConfig.builder().name("tls-untrusted")
                .objectKeyPattern("app/%i.log").flushInterval(Duration.ofHours(1))
                .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(20)).build(),
                client(server, null), logger);
        pipeline.start();
        try {
            byte[] line = "an event\n".getBytes(UTF_8);
            assertEquals(PublishResult.PUBLISHED, pipeline.publish(line, 0, line.length, LogLevel.INFO));

            assertFalse(pipeline.flush(Duration.ofMillis(100)), "nothing can be shipped");
            assertTrue(reported.await(10, TimeUnit.SECONDS), messages.lines().toString());
        } finally {
            pipeline.stop(Duration.ofMillis(200));
        }

        assertFalse(server.content(BUCKET, "app/0.log").isPresent());
        assertEquals(1, messages.count("ERROR", "TLS with the store failed: SSLHandshakeException"),
                messages.lines().toString());
        assertTrue(messages.contains("ERROR", "set trustedCertificates"), messages.lines().toString());
        assertTrue(messages.contains("WARN", "1 events not shipped"), messages.lines().toString());
    }

    @Test
    void aWrongKeyStorePasswordIsReportedAtConfiguration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OssTestServer.builder().tlsKeyStore(certificate.keyStore(), "wrong"));
        assertTrue(e.getMessage().startsWith("tls key store"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), e.getMessage());
    }
}
