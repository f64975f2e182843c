package io.github.osslog.core.oss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.auth.CredentialsProvider;
import io.github.osslog.core.sign.SignatureVersion;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.ObjectType;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pins the exact request shape of every operation, in both signature versions and both URL styles. */
class OssClientWireTest {
    static final String AK = "LTAI5tTestKeyId00";
    static final String SK = "test-secret-never-printed";
    static final String BUCKET = "logs-bucket";
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    enum Shape {
        V4_PATH(SignatureVersion.V4, UrlStyle.PATH),
        V4_VIRTUAL(SignatureVersion.V4, UrlStyle.VIRTUAL_HOSTED),
        V1_PATH(SignatureVersion.V1, UrlStyle.PATH),
        V1_VIRTUAL(SignatureVersion.V1, UrlStyle.VIRTUAL_HOSTED);

        final SignatureVersion version;
        final UrlStyle style;

        Shape(SignatureVersion version, UrlStyle style) {
            this.version = version;
            this.style = style;
        }
    }

    MockWebServer server;
    OkHttpClient base;
    OssClient client;
    Shape shape;

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        // Every host name, including <bucket>.localhost, resolves to the loopback server.
        base = new OkHttpClient.Builder()
                .dns(host -> Collections.singletonList(InetAddress.getLoopbackAddress()))
                .build();
    }

    @AfterEach
    void stopServer() {
        if (client != null) {
            client.close();
        }
        assertEquals(base.connectionPool().idleConnectionCount(), base.connectionPool().connectionCount(),
                "a response was left open");
        base.connectionPool().evictAll();
        base.dispatcher().executorService().shutdown();
        server.close();
    }

    private OssClient client(Shape shape, CredentialsProvider credentials) {
        this.shape = shape;
        String host = shape.style == UrlStyle.PATH ? "127.0.0.1" : "localhost";
        client = OssClient.create(OssClientConfig.builder()
                .endpoint("http://" + host + ":" + server.getPort())
                .bucket(BUCKET)
                .region("cn-hangzhou")
                .signatureVersion(shape.version)
                .urlStyle(shape.style)
                .credentials(credentials)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .httpClient(base)
                .build());
        return client;
    }

    private OssClient client(Shape shape) {
        return client(shape, () -> Credentials.of(AK, SK));
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertAuthorized(request);
        return request;
    }

    private void assertAuthorized(RecordedRequest request) {
        String expected = shape.version == SignatureVersion.V4
                ? ReceivedSignature.expectedV4(request, BUCKET, "cn-hangzhou", AK, SK)
                : ReceivedSignature.expectedV1(request, BUCKET, AK, SK);
        assertEquals(expected, request.getHeaders().get("Authorization"));
        if (shape.version == SignatureVersion.V4) {
            assertEquals("20261124T100000Z", request.getHeaders().get("x-oss-date"));
            assertEquals("UNSIGNED-PAYLOAD", request.getHeaders().get("x-oss-content-sha256"));
            assertTrue(request.getHeaders().get("Authorization").startsWith(
                    "OSS4-HMAC-SHA256 Credential=" + AK + "/20261124/cn-hangzhou/oss/aliyun_v4_request,"));
        } else {
            assertEquals("Tue, 24 Nov 2026 10:00:00 GMT", request.getHeaders().get("Date"));
            assertTrue(request.getHeaders().get("Authorization").startsWith("OSS " + AK + ":"));
        }
    }

    /** The request target as the server saw it: path (with the bucket only in path style) and raw query. */
    private String expectedTarget(String encodedKeyAndQuery) {
        return (shape.style == UrlStyle.PATH ? "/" + BUCKET + "/" : "/") + encodedKeyAndQuery;
    }

    private String expectedHost() {
        return (shape.style == UrlStyle.PATH ? "127.0.0.1" : BUCKET + ".localhost") + ":" + server.getPort();
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void appendCreatesWithCreationHeadersAndParsesTheResult(Shape shape) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200)
                .addHeader("x-oss-next-append-position", "5")
                .addHeader("x-oss-hash-crc64ecma", "18446744073709551615")
                .addHeader("x-oss-request-id", "req-1")
                .build());
        Map<String, String> creation = new LinkedHashMap<>();
        creation.put("Content-Type", "text/plain");
        creation.put("x-oss-meta-source", "osslog");
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);

        AppendResult result = client(shape).append("app/2026-11-24.log", 0, body, 0, 5, creation);

        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals(expectedTarget("app/2026-11-24.log?append&position=0"), request.getTarget());
        assertEquals(expectedHost(), request.getHeaders().get("Host"));
        assertEquals("text/plain", request.getHeaders().get("Content-Type"));
        assertEquals("osslog", request.getHeaders().get("x-oss-meta-source"));
        assertEquals("5", request.getHeaders().get("Content-Length"));
        assertNull(request.getHeaders().get("Transfer-Encoding"));
        assertArrayEquals(body, request.getBody().toByteArray());
        assertEquals(5, result.nextPosition());
        assertTrue(result.hasCrc64());
        assertEquals(-1L, result.crc64(), "unsigned 2^64-1 parses to all ones");
        assertEquals("req-1", result.requestId());
    }

    @Test
    void aBodyOfManyChunksArrivesWholeAndInOrder() throws Exception {
        byte[] data = new byte[3 * Body.CHUNK + 4321];
        new Random(5).nextBytes(data);
        int off = 17;
        int len = data.length - off - 5;
        server.enqueue(new MockResponse.Builder().code(200)
                .addHeader("x-oss-next-append-position", Integer.toString(len)).build());

        client(Shape.V4_PATH).append("big.log", 0, data, off, len, Collections.emptyMap());

        RecordedRequest request = take();
        assertEquals(Integer.toString(len), request.getHeaders().get("Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(data, off, off + len), request.getBody().toByteArray());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void laterAppendsSendNoCreationHeadersAndSliceTheBody(Shape shape) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position", "8").build());
        byte[] data = "xxabcyy".getBytes(StandardCharsets.UTF_8);

        AppendResult result = client(shape).append("a.log", 5, data, 2, 3,
                Collections.singletonMap("x-oss-meta-source", "osslog"));

        RecordedRequest request = take();
        assertEquals(expectedTarget("a.log?append&position=5"), request.getTarget());
        assertNull(request.getHeaders().get("x-oss-meta-source"));
        assertNull(request.getHeaders().get("Content-Type"));
        assertEquals("abc", request.getBody().utf8());
        assertFalse(result.hasCrc64(), "old objects may lack the CRC header");
        assertEquals(8, result.nextPosition());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void keysOfAnyLegalShapeAreEncodedOnceAndSignedAsTheyTravel(Shape shape) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position", "1").build());

        client(shape).append("日志/my app+v1~x=y%z.log", 0, new byte[] {'x'});

        RecordedRequest request = take();
        assertEquals(expectedTarget("%E6%97%A5%E5%BF%97/my%20app%2Bv1~x%3Dy%25z.log?append&position=0"),
                request.getTarget());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void stsTokenTravelsSignedInTheSecurityTokenHeader(Shape shape) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position", "1").build());

        client(shape, () -> Credentials.of(AK, SK, "sts-token-value", null)).append("a.log", 0, new byte[] {'x'});

        RecordedRequest request = take();
        assertEquals("sts-token-value", request.getHeaders().get("x-oss-security-token"));
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void headParsesAnAppendableObject(Shape shape) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200)
                .addHeader("x-oss-object-type", "Appendable")
                .addHeader("Content-Length", "42")
                .addHeader("x-oss-next-append-position", "42")
                .addHeader("x-oss-hash-crc64ecma", "12345678901234567890")
                .addHeader("x-oss-meta-author", "alice")
                .addHeader("ETag", "\"abc\"")
                .addHeader("Content-Type", "text/plain")
                .build());

        ObjectInfo info = client(shape).head("dir/a.log");

        RecordedRequest request = take();
        assertEquals("HEAD", request.getMethod());
        assertEquals(expectedTarget("dir/a.log"), request.getTarget());
        assertEquals(ObjectType.APPENDABLE, info.type());
        assertEquals(42, info.length());
        assertEquals(42, info.nextAppendPosition());
        assertEquals("12345678901234567890", Long.toUnsignedString(info.crc64()));
        assertEquals("alice", info.userMetadata().get("author"));
        assertEquals("\"abc\"", info.etag());
        assertEquals("text/plain", info.contentType());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void getSendsTheRangeAndAsksForRawBytes(Shape shape) throws Exception {
        server.enqueue(new MockResponse.Builder().code(206).body("cdef").build());

        byte[] bytes = client(shape).get("a.log", 2, 5);

        RecordedRequest request = take();
        assertEquals("GET", request.getMethod());
        assertEquals(expectedTarget("a.log"), request.getTarget());
        assertEquals("bytes=2-5", request.getHeaders().get("Range"));
        assertEquals("identity", request.getHeaders().get("Accept-Encoding"));
        assertEquals("cdef", new String(bytes, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void putAndDelete(Shape shape) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"e1\"").build());
        server.enqueue(new MockResponse.Builder().code(204).build());
        OssClient c = client(shape);

        assertEquals("\"e1\"", c.put("a.log", "body".getBytes(StandardCharsets.UTF_8),
                Collections.singletonMap("Content-Type", "text/plain")));
        c.delete("a.log");

        RecordedRequest put = take();
        assertEquals("PUT", put.getMethod());
        assertEquals(expectedTarget("a.log"), put.getTarget());
        assertEquals("body", put.getBody().utf8());
        assertEquals("text/plain", put.getHeaders().get("Content-Type"));
        RecordedRequest delete = take();
        assertEquals("DELETE", delete.getMethod());
        assertEquals(expectedTarget("a.log"), delete.getTarget());
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void listObjectsV2PagesWithUrlEncodedKeys(Shape shape) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListBucketResult><Name>logs-bucket</Name><Prefix>app%2F</Prefix><MaxKeys>2</MaxKeys>"
                + "<EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
                + "<NextContinuationToken>CgJhYg==</NextContinuationToken><KeyCount>2</KeyCount>"
                + "<Contents><Key>app%2F%E6%97%A5%E5%BF%97%201.log</Key><LastModified>2026-11-24T09:00:00.000Z"
                + "</LastModified><ETag>\"e\"</ETag><Type>Appendable</Type><Size>10</Size></Contents>"
                + "<Contents><Key>app%2Fb%2Bc.log</Key><Size>3</Size><Type>Normal</Type></Contents>"
                + "<CommonPrefixes><Prefix>app%2Fsub%2F</Prefix></CommonPrefixes>"
                + "</ListBucketResult>").build());

        ObjectListing page = client(shape).list("app/", "/", "tok en", 2);

        RecordedRequest request = take();
        assertEquals("GET", request.getMethod());
        assertEquals(expectedTarget(
                "?list-type=2&encoding-type=url&max-keys=2&prefix=app%2F&delimiter=%2F&continuation-token=tok%20en"),
                request.getTarget());
        assertEquals(2, page.objects().size());
        assertEquals("app/日志 1.log", page.objects().get(0).key());
        assertEquals(10, page.objects().get(0).size());
        assertEquals("Appendable", page.objects().get(0).type());
        assertEquals(Instant.parse("2026-11-24T09:00:00Z"), page.objects().get(0).lastModified());
        assertEquals("app/b+c.log", page.objects().get(1).key());
        assertEquals(Collections.singletonList("app/sub/"), page.commonPrefixes());
        assertTrue(page.isTruncated());
        assertEquals("CgJhYg==", page.nextContinuationToken());
    }
}
