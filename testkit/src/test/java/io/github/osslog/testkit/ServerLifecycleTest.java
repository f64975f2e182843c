package io.github.osslog.testkit;

import io.github.osslog.core.auth.Credentials;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerLifecycleTest {

    private static long serverThreads(int port) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("osslog-testkit-" + port + "-"))
                .count();
    }

    @Test
    void closeEndsOpenConnectionsAndEveryServerThread() throws IOException {
        OssTestServer server = OssTestServer.builder().credentials("AK", "SK").bucket("logs").start();
        int port = server.port();
        try (TestClient client = TestClient.v4(server, "logs", Credentials.of("AK", "SK"));
             Socket idle = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertEquals(200, client.append("a.log", 0, "x".getBytes(StandardCharsets.UTF_8)).status);
            assertTrue(serverThreads(port) >= 2);

            server.close();

            assertEquals(0, serverThreads(port));
            assertEquals(-1, idle.getInputStream().read());
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        }
    }

    @Test
    void builderRejectsBadSettingsWithMessagesThatNameThem() {
        OssTestServer.Builder builder = OssTestServer.builder();

        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.bucket("Logs")).getMessage()
                .contains("bucket 'Logs' is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.region("oss-cn-hangzhou"))
                .getMessage().contains("without the oss- prefix"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.maxObjectSize(0)).getMessage()
                .contains("maxObjectSize"));
        assertTrue(assertThrows(IllegalStateException.class, builder::start).getMessage()
                .contains("credentials"));
    }

    @Test
    void toStringShowsNoSecret() throws IOException {
        try (OssTestServer server = OssTestServer.builder().credentials("AK", "S3CRET").bucket("logs").start()) {
            assertTrue(!server.toString().contains("S3CRET") && server.toString().contains(server.endpoint()));
        }
    }
}
