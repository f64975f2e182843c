package io.github.osslog.core.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.auth.CredentialsProvider;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error form OSS sends, its classification, and the two rejections the client absorbs by re-signing. */
class OssClientErrorTest {
    static final String SK = "error-test-secret";
    static final String TOKEN = "error-test-sts-token";
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    MockWebServer server;
    OkHttpClient base;
    OssClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        base = new OkHttpClient();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        assertEquals(base.connectionPool().idleConnectionCount(), base.connectionPool().connectionCount(),
                "a response was left open");
        base.connectionPool().evictAll();
        server.close();
    }

    private OssClient client(CredentialsProvider credentials) {
        client = OssClient.create(OssClientConfig.builder()
                .endpoint("http://127.0.0.1:" + server.getPort())
                .bucket("bucket")
                .region("cn-hangzhou")
                .credentials(credentials)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .httpClient(base)
                .build());
        return client;
    }

    private OssClient client() {
        return client(() -> Credentials.of("AKID-error-test", SK, TOKEN, null));
    }

    private static String errorXml(String code, String message, String ec) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>req-9</RequestId><HostId>bucket.oss.example</HostId><EC>" + ec
                + "</EC></Error>";
    }

    private static MockResponse error(int status, String code) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/xml")
                .body(errorXml(code, "message for " + code, "0000-00000000")).build();
    }

    private OssException appendFails() {
        return assertThrows(OssException.class, () -> client().append("a.log", 3, new byte[] {1, 2}));
    }

    @Test
    void positionConflictCarriesTheNextAppendPosition() {
        server.enqueue(new MockResponse.Builder().code(409)
                .addHeader("x-oss-next-append-position", "1234")
                .addHeader("x-oss-request-id", "req-9")
                .body(errorXml("PositionNotEqualToLength", "Position is not equal to file length", "0026-00000016"))
                .build());

        OssException e = appendFails();

        assertEquals(ErrorKind.POSITION_CONFLICT, e.kind());
        assertEquals(409, e.status());
        assertEquals("PositionNotEqualToLength", e.code());
        assertEquals("0026-00000016", e.ec());
        assertEquals("req-9", e.requestId());
        assertEquals("bucket.oss.example", e.hostId());
        assertEquals(1234, e.nextAppendPosition());
        assertEquals("OSS error 409 PositionNotEqualToLength: Position is not equal to file length"
                + " (EC 0026-00000016) [request id req-9]", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "409, ObjectNotAppendable, NOT_APPENDABLE",
        "409, FileImmutable, NOT_APPENDABLE",
        "403, AccessDenied, CONFIGURATION",
        "403, InvalidAccessKeyId, CONFIGURATION",
        "403, SignatureDoesNotMatch, CONFIGURATION",
        "404, NoSuchBucket, CONFIGURATION",
        "400, InvalidArgument, BAD_REQUEST",
        "400, InvalidDigest, BAD_REQUEST",
        "400, EntityTooLarge, BAD_REQUEST",
        "411, MissingContentLength, BAD_REQUEST",
        "500, InternalError, RETRYABLE",
        "502, BadGateway, RETRYABLE",
        "503, ServiceUnavailable, THROTTLED",
        "429, TooManyRequests, THROTTLED",
        "503, SlowDown, THROTTLED",
    })
    void errorsAreClassified(int status, String code, ErrorKind kind) {
        server.enqueue(error(status, code));

        OssException e = appendFails();

        assertEquals(kind, e.kind());
        assertEquals(code, e.code());
        assertEquals(status, e.status());
        assertEquals(StoreException.NO_POSITION, e.nextAppendPosition());
    }

    @Test
    void aNonXmlErrorBodyIsClassifiedByStatus() {
        server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build());

        OssException e = appendFails();

        assertEquals(ErrorKind.RETRYABLE, e.kind());
        assertEquals("", e.code());
        assertEquals("OSS error 502", e.getMessage());
    }

    private static MockResponse headError(int status, String code) {
        String xml = errorXml(code, "head says " + code, "0003-00000001");
        return new MockResponse.Builder().code(status)
                .addHeader("x-oss-err", Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)))
                .addHeader("x-oss-ec", "0003-00000001")
                .addHeader("x-oss-request-id", "req-9")
                .build();
    }

    @Test
    void headErrorsAreReadFromTheErrHeader() {
        server.enqueue(headError(403, "AccessDenied"));

        OssException e = assertThrows(OssException.class, () -> client().head("a.log"));

        assertEquals(ErrorKind.CONFIGURATION, e.kind());
        assertEquals("AccessDenied", e.code());
        assertEquals("head says AccessDenied", e.ossMessage());
        assertEquals("0003-00000001", e.ec());
    }

    @Test
    void headOfAMissingKeyIsNullButAMissingBucketIsAnError() throws Exception {
        server.enqueue(headError(404, "NoSuchKey"));
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(headError(404, "NoSuchBucket"));

        assertNull(client().head("a.log"));
        assertNull(client.head("a.log"), "a bare 404 without x-oss-err is a missing key");
        OssException e = assertThrows(OssException.class, () -> client.head("a.log"));
        assertEquals("NoSuchBucket", e.code());
        assertEquals(ErrorKind.CONFIGURATION, e.kind());
    }

    @Test
    void clockSkewIsAdoptedFromTheServerDateAndTheRequestResigned() throws Exception {
        Instant serverNow = NOW.plusSeconds(20 * 60);
        server.enqueue(new MockResponse.Builder().code(403)
                .addHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.ofInstant(serverNow, ZoneOffset.UTC)))
                .body(errorXml("RequestTimeTooSkewed", "The difference between the request time and the current"
                        + " time is too large.", "0002-00000504"))
                .build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position", "5").build());

        assertEquals(5, client().append("a.log", 3, new byte[] {1, 2}).nextPosition());

        assertEquals("20261124T100000Z", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("x-oss-date"));
        assertEquals("20261124T102000Z", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("x-oss-date"));
        assertEquals(20 * 60 * 1000L, client.clockOffsetMillis());
    }

    @Test
    void persistentClockSkewFailsAfterOneResign() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(NOW.plusSeconds(3600), ZoneOffset.UTC));
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(403).addHeader("Date", date)
                    .body(errorXml("RequestTimeTooSkewed", "skewed", "0002-00000504")).build());
        }

        assertEquals(ErrorKind.CLOCK_SKEW, appendFails().kind());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheRequestResigned() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        CredentialsProvider rotating = new CredentialsProvider() {
            @Override
            public Credentials getCredentials() {
                return Credentials.of("AKID", SK, "token-" + refreshes.get(), null);
            }

            @Override
            public void refresh() {
                refreshes.incrementAndGet();
            }
        };
        server.enqueue(error(403, "SecurityTokenExpired"));
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position", "5").build());

        client(rotating).append("a.log", 3, new byte[] {1, 2});

        assertEquals("token-0", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("x-oss-security-token"));
        assertEquals("token-1", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("x-oss-security-token"));
        assertEquals(1, refreshes.get());
    }

    @Test
    void aStillInvalidTokenAfterRefreshIsACredentialsError() {
        server.enqueue(error(403, "InvalidSecurityToken"));
        server.enqueue(error(403, "InvalidSecurityToken"));

        assertEquals(ErrorKind.CREDENTIALS, appendFails().kind());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aDroppedConnectionIsAnAmbiguousIoExceptionAndIsNotRetried() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position", "5").build());

        IOException e = assertThrows(IOException.class, () -> client().append("a.log", 3, new byte[] {1, 2}));

        assertFalse(e instanceof StoreException, "no answer means the outcome is unknown");
        assertEquals(1, server.getRequestCount(), "an append is never retried transparently");
    }

    @Test
    void anAppendAnswerWithoutNextPositionIsAmbiguous() {
        server.enqueue(new MockResponse.Builder().code(200).build());

        IOException e = assertThrows(IOException.class, () -> client().append("a.log", 3, new byte[] {1, 2}));

        assertFalse(e instanceof StoreException);
        assertTrue(e.getMessage().contains("x-oss-next-append-position"));
    }

    @Test
    void noSecretOrTokenInAnyMessageOrToString() throws Exception {
        // OSS echoes the string to sign (which holds the token in V1) in SignatureDoesNotMatch bodies.
        server.enqueue(new MockResponse.Builder().code(403).body("<Error><Code>SignatureDoesNotMatch</Code>"
                + "<Message>The request signature we calculated does not match</Message>"
                + "<StringToSign>x-oss-security-token:" + TOKEN + "</StringToSign>"
                + "<RequestId>r</RequestId></Error>").build());

        OssException e = appendFails();

        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(TOKEN, sent.getHeaders().get("x-oss-security-token"));
        for (String text : new String[] {e.getMessage(), e.toString(), String.valueOf(e.ossMessage()),
                client.toString(), client.config().toString()}) {
            assertFalse(text.contains(SK), text);
            assertFalse(text.contains(TOKEN), text);
        }
    }

    @Test
    void contentMd5IsSentWhenEnabled() throws Exception {
        client = OssClient.create(OssClientConfig.builder()
                .endpoint("http://127.0.0.1:" + server.getPort()).bucket("bucket").region("cn-hangzhou")
                .credentials(() -> Credentials.of("AKID", SK)).sendContentMd5(true).httpClient(base).build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position", "5").build());

        client.append("a.log", 0, "hello".getBytes(StandardCharsets.UTF_8));

        assertEquals("XUFAKrxLKna5cZ2REBfFkg==",
                server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Content-MD5"));
    }

    @Test
    void socketsHaveNagleOffAndComeFromTheBaseClientsFactory() throws Exception {
        java.util.List<java.net.Socket> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        javax.net.SocketFactory recording = new javax.net.SocketFactory() {
            @Override
            public java.net.Socket createSocket() {
                java.net.Socket socket = new java.net.Socket();
                made.add(socket);
                return socket;
            }

            @Override
            public java.net.Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.Socket createSocket(String host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
        base = base.newBuilder().socketFactory(recording).build();
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position", "5").build());

        client().append("a.log", 3, new byte[] {1, 2});

        assertEquals(1, made.size(), "the base client's socket factory made the connection");
        assertTrue(made.get(0).getTcpNoDelay(), "a request body's tail must not wait for a delayed ACK");
    }

    @Test
    void invalidKeysAndHeaderValuesFailBeforeAnyRequest() {
        OssClient c = client();
        assertInstanceOf(IllegalArgumentException.class,
                assertThrows(IllegalArgumentException.class, () -> c.append("/abs.log", 0, new byte[1])));
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class, () -> c.append("a.log", 0,
                new byte[1], 0, 1, java.util.Collections.singletonMap("x-oss-meta-city", "杭州")));
        assertTrue(header.getMessage().contains("x-oss-meta-city"), header.getMessage());
        assertEquals(0, server.getRequestCount());
    }
}
