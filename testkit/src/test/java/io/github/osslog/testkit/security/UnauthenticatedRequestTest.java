package io.github.osslog.testkit.security;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.OssTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unauthenticated client costs the testkit nothing: its upload is refused from the request head, before any
 * body byte is read or buffered, and no bucket is created for it.
 */
class UnauthenticatedRequestTest {
    @TempDir
    Path dir;

    private static String exchange(OssTestServer server, String head) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write(head.getBytes(ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    @Test
    void aHugeUnauthenticatedUploadIsRefusedAtOnceWithoutReadingItsBody() throws IOException {
        try (OssTestServer server = OssTestServer.builder().credentials("AK", "SK").bucket("logs")
                .idleTimeout(Duration.ofSeconds(30)).start()) {
            // declares almost 2 GiB and sends none of it: only a server that waits for the body would hang
            String response = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> exchange(server,
                    "POST /logs/app.log?append&position=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: OSS AK:forged\r\nContent-Length: 2000000000\r\n\r\n"));

            assertTrue(response.startsWith("HTTP/1.1 403 "), response);
            assertTrue(response.contains("<Error><Code>"), response);
            assertTrue(response.contains("\r\nconnection: close\r\n"), response);
        }
    }

    @Test
    void noBucketIsCreatedForAnUnauthenticatedRequest() throws IOException {
        Path data = dir.resolve("data");
        try (OssTestServer server = OssTestServer.builder().credentials("AK", "SK").autoCreateBuckets(true)
                .dataDir(data).start()) {
            String response = exchange(server, "POST /intruder/x.log?append&position=0 HTTP/1.1\r\nHost: 127.0.0.1"
                    + "\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx");

            assertTrue(response.startsWith("HTTP/1.1 403 "), response);
            assertFalse(Files.exists(data.resolve("intruder")), "a bucket was created for an anonymous request");
        }
    }
}
