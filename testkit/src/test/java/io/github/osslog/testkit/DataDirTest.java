package io.github.osslog.testkit;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.internal.crc.Crc64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DataDirTest {
    @TempDir
    Path dir;

    private OssTestServer start(boolean createBucket) throws IOException {
        OssTestServer.Builder builder = OssTestServer.builder().credentials("AK", "SK").dataDir(dir);
        return (createBucket ? builder.bucket("logs") : builder).start();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void objectsSurviveARestartAndKeepAppending() throws IOException {
        try (OssTestServer server = start(true);
             TestClient client = TestClient.v4(server, "logs", Credentials.of("AK", "SK"))) {
            client.append("app.log", 0, utf8("before "), Collections.singletonMap("x-oss-meta-author", "alice"));
            client.put("normal.txt", utf8("normal"));
            client.put("deleted.txt", utf8("gone"));
            client.delete("deleted.txt");
        }

        try (OssTestServer server = start(false);
             TestClient client = TestClient.v4(server, "logs", Credentials.of("AK", "SK"))) {
            TestClient.Reply head = client.head("app.log");
            TestClient.Reply append = client.append("app.log", 7, utf8("after"));

            assertEquals("alice", head.header("x-oss-meta-author"));
            assertEquals("7", head.header("x-oss-next-append-position"));
            assertEquals(200, append.status);
            byte[] whole = utf8("before after");
            assertEquals(Crc64.toUnsigned(Crc64.compute(whole, 0, whole.length)), append.header("x-oss-hash-crc64ecma"));
            assertEquals("Normal", client.head("normal.txt").header("x-oss-object-type"));
            assertFalse(server.content("logs", "deleted.txt").isPresent());
        }

        try (OssTestServer server = start(false)) {
            assertArrayEquals(utf8("before after"), server.content("logs", "app.log").get());
        }
    }
}
