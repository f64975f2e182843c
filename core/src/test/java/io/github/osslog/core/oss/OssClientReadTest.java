package io.github.osslog.core.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.osslog.core.auth.Credentials;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reader's two calls: {@code stat} (HEAD as a listing entry) and {@code openRange} (streamed ranged GET). */
class OssClientReadTest {
    private MockWebServer server;
    private OssClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = OssClient.create(OssClientConfig.builder().endpoint("http://127.0.0.1:" + server.getPort())
                .bucket("logs-bucket").region("cn-hangzhou").credentials(() -> Credentials.of("AK", "SK")).build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void statReportsSizeTypeAndLastModifiedOrNullWhenAbsent() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Length", "42")
                .addHeader("x-oss-object-type", "Appendable").addHeader("x-oss-next-append-position", "42")
                .addHeader("Last-Modified", "Mon, 07 Dec 2026 10:00:00 GMT").addHeader("ETag", "\"e\"").build());
        server.enqueue(new MockResponse.Builder().code(404).addHeader("x-oss-ec", "0026-00000001").build());

        ObjectSummary found = client.stat("a/0.log");
        ObjectSummary absent = client.stat("a/1.log");

        assertEquals(42, found.size());
        assertEquals("Appendable", found.type());
        assertEquals(Instant.parse("2026-12-07T10:00:00Z"), found.lastModified());
        assertEquals("a/0.log", found.key());
        assertNull(absent);
        assertEquals("HEAD", server.takeRequest(5, TimeUnit.SECONDS).getMethod());
    }

    @Test
    void openRangeAsksForStandardRangeBehaviourAndStreamsFromTheOffset() throws Exception {
        server.enqueue(new MockResponse.Builder().code(206).addHeader("Content-Range", "bytes 4-9/10")
                .addHeader("x-oss-object-type", "Appendable").body("456789").build());

        try (ObjectStream stream = client.openRange("a/0.log", 4)) {
            assertEquals("456789", new String(stream.body().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(10, stream.objectLength());
            assertEquals("Appendable", stream.objectType());
        }
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("bytes=4-", request.getHeaders().get("range"));
        assertEquals("standard", request.getHeaders().get("x-oss-range-behavior"));
    }

    @Test
    void aServerThatIgnoresTheRangeIsSkippedToTheOffset() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("0123456789").build());

        try (ObjectStream stream = client.openRange("a/0.log", 7)) {
            assertEquals("789", new String(stream.body().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(10, stream.objectLength());
        }
    }

    @Test
    void nothingPastTheEndIsA416() {
        server.enqueue(new MockResponse.Builder().code(416).addHeader("Content-Range", "bytes */10")
                .body("<Error><Code>InvalidRange</Code></Error>").build());

        OssException e = assertThrows(OssException.class, () -> client.openRange("a/0.log", 10));

        assertEquals(416, e.status());
    }
}
