package io.github.osslog.testkit;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.internal.crc.Crc64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppendObjectTest {
    private OssTestServer server;
    private TestClient client;

    @BeforeEach
    void start() throws IOException {
        server = OssTestServer.builder().credentials("AK", "SK").bucket("logs").maxObjectSize(64).start();
        client = TestClient.v4(server, "logs", Credentials.of("AK", "SK"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appendsAtTheLengthAndReportsNextPositionAndWholeObjectCrc() throws IOException {
        TestClient.Reply first = client.append("app.log", 0, utf8("hello "));
        TestClient.Reply second = client.append("app.log", 6, utf8("world"));

        assertEquals(200, first.status);
        assertEquals("6", first.header("x-oss-next-append-position"));
        assertEquals(200, second.status);
        assertEquals("11", second.header("x-oss-next-append-position"));
        byte[] whole = utf8("hello world");
        assertEquals(Crc64.toUnsigned(Crc64.compute(whole, 0, whole.length)), second.header("x-oss-hash-crc64ecma"));
        assertArrayEquals(whole, server.content("logs", "app.log").get());
        assertEquals(whole.length, server.length("logs", "app.log").getAsLong());
        assertTrue(server.length("logs", "missing.log").isEmpty());
        assertTrue(second.header("x-oss-request-id").matches("[0-9A-F]{24}"));
    }

    @Test
    void wrongPositionIsRejectedWithTheCurrentLength() throws IOException {
        client.append("app.log", 0, utf8("abc"));

        TestClient.Reply reply = client.append("app.log", 1, utf8("x"));

        assertEquals(409, reply.status);
        assertEquals("PositionNotEqualToLength", reply.errorCode());
        assertEquals("3", reply.header("x-oss-next-append-position"));
        assertEquals("0026-00000016", reply.header("x-oss-ec"));
        assertEquals("0026-00000016", TestClient.Reply.element(reply.text(), "EC"));
    }

    @Test
    void normalObjectIsNotAppendable() throws IOException {
        client.put("normal.txt", utf8("x"));

        TestClient.Reply reply = client.append("normal.txt", 1, utf8("y"));

        assertEquals(409, reply.status);
        assertEquals("ObjectNotAppendable", reply.errorCode());
    }

    @Test
    void creationHeadersApplyOnlyAtPositionZero() throws IOException {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("content-type", "text/plain");
        first.put("x-oss-meta-author", "alice");
        client.append("app.log", 0, utf8("a"), first);
        Map<String, String> later = new LinkedHashMap<>();
        later.put("content-type", "application/json");
        later.put("x-oss-meta-author", "mallory");
        client.append("app.log", 1, utf8("b"), later);

        TestClient.Reply head = client.head("app.log");

        assertEquals("text/plain", head.header("content-type"));
        assertEquals("alice", head.header("x-oss-meta-author"));
        assertEquals("Appendable", head.header("x-oss-object-type"));
        assertEquals("2", head.header("x-oss-next-append-position"));
    }

    @Test
    void appendPastTheSizeLimitIsRejectedAndLeavesTheObject() throws IOException {
        client.append("app.log", 0, new byte[60]);

        TestClient.Reply reply = client.append("app.log", 60, new byte[5]);

        assertEquals(400, reply.status);
        assertEquals("EntityTooLarge", reply.errorCode());
        assertEquals(60, server.content("logs", "app.log").get().length);
    }

    @Test
    void badPositionsAreInvalidArguments() throws IOException {
        TestClient.Reply missing = client.send("POST", "app.log", Collections.singletonMap("append", null),
                Collections.emptyMap(), utf8("x"));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("append", null);
        query.put("position", "-3");
        TestClient.Reply negative = client.send("POST", "app.log", query, Collections.emptyMap(), utf8("x"));

        assertEquals(400, missing.status);
        assertEquals("InvalidArgument", missing.errorCode());
        assertEquals("0016-00000501", missing.header("x-oss-ec"));
        assertEquals(400, negative.status);
        assertEquals("InvalidArgument", negative.errorCode());
    }

    @Test
    void invalidCreationHeadersAreRejected() throws IOException {
        TestClient.Reply cold = client.append("a.log", 0, utf8("x"),
                Collections.singletonMap("x-oss-storage-class", "ColdArchive"));
        TestClient.Reply kms = client.append("b.log", 0, utf8("x"),
                Collections.singletonMap("x-oss-server-side-encryption-key-id", "key-1"));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("x-oss-meta-big", new String(new char[9000]).replace('\0', 'm'));
        TestClient.Reply bigMeta = client.append("c.log", 0, utf8("x"), meta);

        assertEquals("0016-00000503", cold.header("x-oss-ec"));
        assertEquals("InvalidArgument", kms.errorCode());
        assertEquals("InvalidArgument", bigMeta.errorCode());
        assertTrue(bigMeta.text().contains("8 KB"), bigMeta.text());
        assertEquals(Collections.emptyList(), objectsIn("logs"));
    }

    @Test
    void wrongContentMd5IsInvalidDigest() throws IOException {
        TestClient.Reply reply = client.append("app.log", 0, utf8("x"),
                Collections.singletonMap("content-md5", "AAAAAAAAAAAAAAAAAAAAAA=="));

        assertEquals(400, reply.status);
        assertEquals("InvalidDigest", reply.errorCode());
    }

    @Test
    void racingAppendsAtTheSamePositionHaveExactlyOneWinner() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<TestClient> clients = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                TestClient c = TestClient.v4(server, "logs", Credentials.of("AK", "SK"));
                clients.add(c);
                byte[] body = utf8("writer-" + i);
                replies.add(pool.submit(() -> {
                    go.await();
                    return c.append("race.log", 0, body);
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<TestClient.Reply> reply : replies) {
                TestClient.Reply r = reply.get(10, TimeUnit.SECONDS);
                if (r.status == 200) {
                    winners++;
                } else {
                    assertEquals("PositionNotEqualToLength", r.errorCode());
                }
            }
            assertEquals(1, winners);
            assertEquals(8, server.content("logs", "race.log").get().length);
        } finally {
            pool.shutdownNow();
            clients.forEach(TestClient::close);
        }
    }

    @Test
    void unknownBucketIsNoSuchBucket() throws IOException {
        try (TestClient other = client.withBucket("nope")) {
            TestClient.Reply reply = other.append("a", 0, utf8("x"));

            assertEquals(404, reply.status);
            assertEquals("NoSuchBucket", reply.errorCode());
        }
    }

    @Test
    void journalRecordsOperationPositionLengthAndOutcome() throws IOException {
        client.append("app.log", 0, utf8("abc"));
        client.append("app.log", 0, utf8("de"));

        List<JournalEntry> appends = server.journal().entries(Operation.APPEND_OBJECT);

        assertEquals(2, appends.size());
        JournalEntry ok = appends.get(0);
        assertEquals("logs", ok.bucket());
        assertEquals("app.log", ok.key());
        assertEquals(0, ok.position());
        assertEquals(3, ok.length());
        assertEquals(200, ok.status());
        assertNull(ok.errorCode());
        assertEquals("PositionNotEqualToLength", appends.get(1).errorCode());
        assertEquals(409, appends.get(1).status());
    }

    private List<String> objectsIn(String bucket) {
        List<String> keys = new ArrayList<>();
        for (String key : new String[] {"a.log", "b.log", "c.log"}) {
            server.content(bucket, key).ifPresent(b -> keys.add(key));
        }
        return keys;
    }
}
