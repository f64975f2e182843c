package io.github.osslog.core.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values a server controls are read strictly: a length, position or CRC-64 out of range or not a number is an
 * ambiguous outcome (a {@link MalformedResponseException}), never a crash; and no text a server or the HTTP stack
 * sends leaves the client holding a credential.
 */
class OssClientServerValuesTest {
    private static final String KEY_ID = "LTAI5tServerValuesKey";
    private static final String SECRET = "server-values-secret-0042";
    private static final String TOKEN = "server-values-sts-token-0042";

    private MockWebServer server;
    private OkHttpClient base = new OkHttpClient();
    private OssClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        base.connectionPool().evictAll();
        server.close();
    }

    private OssClient client() {
        client = OssClient.create(OssClientConfig.builder().endpoint("http://127.0.0.1:" + server.getPort())
                .bucket("bucket").region("cn-hangzhou").credentials(() -> Credentials.of(KEY_ID, SECRET, TOKEN, null))
                .httpClient(base).build());
        return client;
    }

    private MalformedResponseException appendIsAmbiguous(MockResponse answer) {
        server.enqueue(answer);
        return assertThrows(MalformedResponseException.class, () -> client().append("a.log", 3, new byte[] {1, 2}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "5368709121", "99999999999999999999", "+5", "0x10", "5 5"})
    void aNextPositionOutOfRangeIsAmbiguous(String next) {
        MalformedResponseException e = appendIsAmbiguous(new MockResponse.Builder().code(200)
                .addHeader("x-oss-next-append-position", next).build());

        assertTrue(e.getMessage().contains("x-oss-next-append-position"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12x", "-5", "+5", "18446744073709551616", "1 2", "", "0x5"})
    void aMalformedCrcOnAnAcceptedAppendIsAmbiguousNotAFailure(String crc) {
        MalformedResponseException e = appendIsAmbiguous(new MockResponse.Builder().code(200)
                .addHeader("x-oss-next-append-position", "5").addHeader("x-oss-hash-crc64ecma", crc).build());

        IOException ambiguous = e;
        assertFalse(ambiguous instanceof StoreException, "a StoreException would say the server rejected the append");
        assertTrue(e.getMessage().contains("x-oss-hash-crc64ecma"), e.getMessage());
    }

    @Test
    void theLargestCrcAndTheLargestObjectAreAccepted() throws IOException {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position", "5368709120")
                .addHeader("x-oss-hash-crc64ecma", "18446744073709551615").build());

        AppendResult result = client().append("a.log", 3, new byte[] {1, 2});

        assertEquals(5L << 30, result.nextPosition());
        assertEquals(-1L, result.crc64());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "5368709121", "x"})
    void aHeadWithABadContentLengthUsesTheNextAppendPosition(String contentLength) throws IOException {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Length", contentLength)
                .addHeader("x-oss-object-type", "Appendable").addHeader("x-oss-next-append-position", "7")
                .addHeader("x-oss-hash-crc64ecma", "not-a-crc").build());

        ObjectInfo info = client().head("a.log");

        assertEquals(7, info.length());
        assertEquals(7, info.nextAppendPosition());
        assertFalse(info.hasCrc64(), "a malformed CRC counts as absent");
    }

    @Test
    void aHeadWithNoValidLengthIsAmbiguous() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Length", "-5")
                .addHeader("x-oss-object-type", "Appendable").addHeader("x-oss-next-append-position", "-3").build());

        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> client().head("a.log"));

        assertTrue(e.getMessage().contains("Content-Length"), e.getMessage());
    }

    @Test
    void aConflictWithAMalformedPositionCarriesNone() {
        server.enqueue(new MockResponse.Builder().code(409).addHeader("x-oss-next-append-position", "-7")
                .body("<Error><Code>PositionNotEqualToLength</Code></Error>").build());

        StoreException e = assertThrows(StoreException.class, () -> client().append("a.log", 3, new byte[] {1}));

        assertEquals(StoreException.NO_POSITION, e.nextAppendPosition());
    }

    @Test
    void serverTextsAreShortenedAndFreeOfControlCharacters() {
        String longMessage = "line one\r\nline two " + "x".repeat(5000);
        server.enqueue(new MockResponse.Builder().code(500).body("<Error><Code>Internal\u001b[31mError</Code><Message>"
                + longMessage + "</Message></Error>").build());

        StoreException e = assertThrows(StoreException.class, () -> client().append("a.log", 0, new byte[] {1}));

        assertFalse(e.getMessage().contains("\r") || e.getMessage().contains("\n")
                || e.getMessage().contains("\u001b"), e.getMessage());
        assertTrue(e.getMessage().length() < 1200, "message of " + e.getMessage().length() + " characters");
    }

    @Test
    void credentialsAServerEchoesAreRedacted() {
        server.enqueue(new MockResponse.Builder().code(403).body("<Error><Code>InvalidAccessKeyId</Code><Message>"
                + "key " + KEY_ID + " secret " + SECRET + " token " + TOKEN + "</Message><HostId>" + TOKEN
                + "</HostId></Error>").build());

        OssException e = assertThrows(OssException.class, () -> client().append("a.log", 0, new byte[] {1}));

        assertEquals("InvalidAccessKeyId", e.code());
        for (String text : new String[] {e.getMessage(), e.ossMessage(), e.hostId()}) {
            assertFalse(text.contains(KEY_ID) || text.contains(SECRET) || text.contains(TOKEN), text);
        }
        assertTrue(e.getMessage().contains("key **** secret **** token ****"), e.getMessage());
    }

    @Test
    void aHeaderOkHttpRefusesIsAConfigurationErrorNamingOnlyTheHeader() {
        // HeaderValues checks values; a name with a space gets past it and OkHttp throws IllegalArgumentException
        String header = "x-oss-meta-bad name";

        StoreException e = assertThrows(StoreException.class, () -> client().append("a.log", 0, new byte[] {1}, 0, 1,
                java.util.Collections.singletonMap(header, "value-" + TOKEN)));

        assertEquals(ErrorKind.CONFIGURATION, e.kind());
        assertEquals("InvalidHeaderValue", e.code());
        assertTrue(e.getMessage().contains("'" + header + "'"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertEquals(null, e.getCause());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anHttpStackMessageHoldingTheTokenIsRedactedAndStaysAnIoException() {
        IOException cause = new IOException("inner failure near " + SECRET);
        base = base.newBuilder().addInterceptor(chain -> {
            IOException e = new IOException("Unexpected char 0x0a in x-oss-security-token value: "
                    + chain.request().header("x-oss-security-token"), cause);
            e.addSuppressed(new IllegalStateException(KEY_ID));
            throw e;
        }).build();

        IOException e = assertThrows(IOException.class, () -> client().append("a.log", 0, new byte[] {1}));

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(TOKEN), trace::toString);
        assertFalse(trace.toString().contains(SECRET), trace::toString);
        assertFalse(trace.toString().contains(KEY_ID), trace::toString);
        assertTrue(trace.toString().contains("java.io.IOException: Unexpected char 0x0a in x-oss-security-token"
                + " value: ****"), trace::toString);
        assertTrue(trace.toString().contains("OssClientServerValuesTest"), "the stack trace is kept");
    }
}
