package io.github.osslog.testkit.cli;

import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.oss.OssException;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    private static String problem(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Main.parse(args, name -> null)).getMessage();
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertTrue(problem().contains("required"));
        assertTrue(problem("--port", "x", "--access-key-id", "AK", "--access-key-secret", "SK").contains("--port"));
        assertTrue(problem("--port", "0", "--access-key-id").contains("needs a value"));
        assertTrue(problem("--port", "0", "--access-key-id", "AK", "--access-key-secret", "SK", "--colour", "red")
                .contains("--colour"));
        assertTrue(problem("--port", "0", "--access-key-id", "AK", "--access-key-secret", "SK", "--bucket", "Bad_")
                .contains("Bad_"));
        assertTrue(problem("--port", "70000", "--access-key-id", "AK", "--access-key-secret", "SK")
                .contains("70000"));
        assertTrue(problem("--port", "0", "--access-key-id", "AK", "--access-key-secret", "SK", "--tls-password", "pw")
                .contains("--tls-keystore"));
    }

    @Test
    void aKeyStoreServesHttps(@TempDir Path dir) throws IOException {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        try (OssTestServer server = Main.parse(new String[] {"--port", "0", "--access-key-id", "AK",
                "--access-key-secret", "SK", "--tls-keystore", certificate.keyStore().toString(), "--tls-password",
                certificate.password()}).start()) {
            assertTrue(server.endpoint().startsWith("https://127.0.0.1:"), server.endpoint());
        }
    }

    /** Whether a signed HEAD with this key pair is accepted (a missing object is a 404, not a refusal). */
    private static boolean accepts(OssTestServer server, String id, String secret) throws IOException {
        return accepts(server, "logs", id, secret);
    }

    private static boolean accepts(OssTestServer server, String bucket, String id, String secret)
            throws IOException {
        try (OssClient client = OssClient.create(OssClientConfig.builder().endpoint(server.endpoint()).bucket(bucket)
                .region(server.region()).credentials(StaticCredentialsProvider.of(id, secret)).build())) {
            return client.head("missing") == null;
        } catch (OssException e) {
            return false;
        }
    }

    @Test
    void theKeyPairCanComeFromTheEnvironment() throws IOException {
        Map<String, String> env = Map.of("OSS_ACCESS_KEY_ID", "ENVAK", "OSS_ACCESS_KEY_SECRET", "env-secret\n");
        try (OssTestServer server = Main.parse(new String[] {"--port", "0"}, env::get).bucket("logs").start()) {
            assertTrue(accepts(server, "ENVAK", "env-secret"));
            assertFalse(accepts(server, "ENVAK", "wrong"));
        }
    }

    @Test
    void theSecretCanComeFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, "file-secret\n");
        try (OssTestServer server = Main.parse(new String[] {"--port", "0", "--access-key-id", "FILEAK",
                "--access-key-secret-file", file.toString()}, name -> null).bucket("logs").start()) {
            assertTrue(accepts(server, "FILEAK", "file-secret"));
        }
        assertTrue(problem("--port", "0", "--access-key-id", "AK", "--access-key-secret-file",
                dir.resolve("missing").toString()).contains("cannot be read"));
        assertTrue(problem("--port", "0", "--access-key-id", "AK", "--access-key-secret", "SK",
                "--access-key-secret-file", file.toString()).contains("not both"));
    }

    @Test
    void goodArgumentsGiveABuilder() throws IOException {
        try (OssTestServer server = Main.parse(new String[] {"--port", "0", "--access-key-id", "AK",
                "--access-key-secret", "SK", "--region", "cn-shanghai", "--bucket", "logs", "--bucket", "more"},
                name -> null).start()) {
            assertEquals("cn-shanghai", server.region());
            assertTrue(accepts(server, "logs", "AK", "SK"));
            assertFalse(accepts(server, "logs", "AK", "wrong"));
            assertTrue(server.landed("more", "").isEmpty(), "the second --bucket exists");
            assertThrows(IllegalArgumentException.class, () -> server.landed("other", ""),
                    "with --bucket, no other bucket exists");
        }
    }
}
