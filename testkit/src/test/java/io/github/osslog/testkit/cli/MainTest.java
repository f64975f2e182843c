package io.github.osslog.testkit.cli;

import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    private static String problem(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Main.parse(args)).getMessage();
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

    @Test
    void goodArgumentsGiveABuilder() {
        Main.parse(new String[] {"--port", "0", "--access-key-id", "AK", "--access-key-secret", "SK",
                "--region", "cn-shanghai", "--bucket", "logs", "--bucket", "more"});
    }
}
