package io.github.osslog.testkit;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.internal.crc.Crc64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectOperationsTest {
    private OssTestServer server;
    private TestClient client;

    @BeforeEach
    void start() throws IOException {
        server = OssTestServer.builder().credentials("AK", "SK").bucket("logs").start();
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
    void putReplacesAnAppendableObjectWithANormalOne() throws IOException {
        client.append("k", 0, utf8("appended"));

        TestClient.Reply put = client.put("k", utf8("put"));
        TestClient.Reply head = client.head("k");

        assertEquals(200, put.status);
        assertEquals(Crc64.toUnsigned(Crc64.compute(utf8("put"), 0, 3)), put.header("x-oss-hash-crc64ecma"));
        assertEquals("Normal", head.header("x-oss-object-type"));
        assertNull(head.header("x-oss-next-append-position"));
        assertEquals("3", head.header("content-length"));
        assertEquals(put.header("etag"), head.header("etag"));
    }

    @Test
    void getServesRangesAsOssDoes() throws IOException {
        client.put("k", utf8("0123456789"));

        TestClient.Reply middle = client.get("k", Collections.singletonMap("range", "bytes=2-4"));
        TestClient.Reply suffix = client.get("k", Collections.singletonMap("range", "bytes=-3"));
        TestClient.Reply open = client.get("k", Collections.singletonMap("range", "bytes=7-"));
        TestClient.Reply unsatisfiable = client.get("k", Collections.singletonMap("range", "bytes=20-30"));
        Map<String, String> strict = new LinkedHashMap<>();
        strict.put("range", "bytes=20-30");
        strict.put("x-oss-range-behavior", "standard");
        TestClient.Reply strictReply = client.get("k", strict);

        assertEquals(206, middle.status);
        assertEquals("bytes 2-4/10", middle.header("content-range"));
        assertArrayEquals(utf8("234"), middle.body);
        assertArrayEquals(utf8("789"), suffix.body);
        assertArrayEquals(utf8("789"), open.body);
        assertEquals(200, unsatisfiable.status);
        assertArrayEquals(utf8("0123456789"), unsatisfiable.body);
        assertEquals(416, strictReply.status);
        assertEquals("InvalidRange", strictReply.errorCode());
    }

    @Test
    void getOfAnObjectBuiltFromManyAppendsReturnsEveryByteInOrder() throws IOException {
        StringBuilder expected = new StringBuilder();
        long position = 0;
        for (int i = 0; i < 50; i++) {
            String line = "line " + i + "\n";
            client.append("many.log", position, utf8(line));
            position += line.length();
            expected.append(line);
        }

        TestClient.Reply whole = client.get("many.log", Collections.emptyMap());
        TestClient.Reply across = client.get("many.log", Collections.singletonMap("range", "bytes=5-12"));

        assertEquals(expected.toString(), whole.text());
        assertEquals(expected.substring(5, 13), across.text());
    }

    @Test
    void headErrorsComeAsHeadersWithoutBody() throws IOException {
        TestClient.Reply reply = client.head("missing");

        assertEquals(404, reply.status);
        assertEquals(0, reply.body.length);
        assertEquals("NoSuchKey", reply.errorCode());
        assertEquals("0026-00000001", reply.header("x-oss-ec"));
    }

    @Test
    void deleteIsIdempotent() throws IOException {
        client.put("k", utf8("x"));

        assertEquals(204, client.delete("k").status);
        assertEquals(204, client.delete("k").status);
        assertFalse(server.content("logs", "k").isPresent());
    }

    @Test
    void listObjectsV2WithPrefixDelimiterAndPages() throws IOException {
        for (String key : new String[] {"a/1", "a/2", "a/sub/3", "b/4", "c"}) {
            client.put(key, utf8(key));
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("list-type", "2");
        query.put("delimiter", "/");
        query.put("prefix", "a/");

        String page = client.send("GET", "", query, Collections.emptyMap(), null).text();

        assertTrue(page.contains("<Key>a/1</Key>") && page.contains("<Key>a/2</Key>"), page);
        assertTrue(page.contains("<CommonPrefixes><Prefix>a/sub/</Prefix>"), page);
        assertFalse(page.contains("b/4"), page);
        assertTrue(page.contains("<KeyCount>3</KeyCount>"), page);

        Map<String, String> paged = new LinkedHashMap<>();
        paged.put("list-type", "2");
        paged.put("max-keys", "2");
        String first = client.send("GET", "", paged, Collections.emptyMap(), null).text();
        assertTrue(first.contains("<IsTruncated>true</IsTruncated>"), first);
        paged.put("continuation-token", TestClient.Reply.element(first, "NextContinuationToken"));
        String second = client.send("GET", "", paged, Collections.emptyMap(), null).text();
        assertTrue(second.contains("<Key>a/sub/3</Key>") && second.contains("<Key>b/4</Key>"), second);
        assertFalse(second.contains("<Key>a/2</Key>"), second);
    }

    @Test
    void virtualHostedStyleAddressesTheBucketThroughTheHostHeader() throws IOException {
        try (TestClient virtual = client.virtualHosted()) {
            TestClient.Reply append = virtual.append("vh.log", 0, utf8("virtual"));

            assertEquals(200, append.status, append.text());
            assertArrayEquals(utf8("virtual"), server.content("logs", "vh.log").get());
        }
    }

    @Test
    void badInputGetsOssErrorsNotServerErrors() throws IOException {
        TestClient.Reply unknownSubResource = client.send("GET", "k", Collections.singletonMap("acl", null),
                Collections.emptyMap(), null);
        TestClient.Reply badName = client.put("\\backslash", utf8("x"));
        TestClient.Reply longName = client.put(new String(new char[1024]).replace('\0', 'k'), utf8("x"));
        TestClient.Reply badMaxKeys = client.send("GET", "", Collections.singletonMap("max-keys", "5000"),
                Collections.emptyMap(), null);

        assertEquals(501, unknownSubResource.status);
        assertEquals("NotImplemented", unknownSubResource.errorCode());
        assertEquals("InvalidObjectName", badName.errorCode());
        assertEquals("InvalidObjectName", longName.errorCode());
        assertEquals("InvalidArgument", badMaxKeys.errorCode());
    }
}
