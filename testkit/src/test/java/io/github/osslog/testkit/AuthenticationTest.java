package io.github.osslog.testkit;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.internal.sign.SignableRequest;
import io.github.osslog.core.internal.sign.V4Signer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticationTest {
    private OssTestServer server;
    private TestClient v4;
    private TestClient v1;

    @BeforeEach
    void start() throws IOException {
        server = OssTestServer.builder().credentials("AK", "SK").stsCredentials("STS.AK", "STS-SK", "token-1")
                .bucket("logs").start();
        v4 = TestClient.v4(server, "logs", Credentials.of("AK", "SK"));
        v1 = TestClient.v1(server, "logs", Credentials.of("AK", "SK"));
    }

    @AfterEach
    void stop() {
        v4.close();
        v1.close();
        server.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bothSignatureVersionsAreAccepted() throws IOException {
        assertEquals(200, v4.append("a.log", 0, utf8("v4")).status);
        assertEquals(200, v1.append("a.log", 2, utf8("v1")).status);
    }

    @Test
    void wrongSecretGetsSignatureDoesNotMatchWithTheServersStringToSign() throws IOException {
        try (TestClient wrong4 = v4.withCredentials(Credentials.of("AK", "other"));
             TestClient wrong1 = v1.withCredentials(Credentials.of("AK", "other"))) {
            TestClient.Reply r4 = wrong4.append("a.log", 0, utf8("x"));
            TestClient.Reply r1 = wrong1.append("a.log", 0, utf8("x"));

            assertEquals(403, r4.status);
            assertEquals("SignatureDoesNotMatch", r4.errorCode());
            assertTrue(TestClient.Reply.element(r4.text(), "StringToSign").startsWith("OSS4-HMAC-SHA256\n"),
                    r4.text());
            assertNotNull(TestClient.Reply.element(r4.text(), "CanonicalRequest"));
            assertEquals("SignatureDoesNotMatch", r1.errorCode());
            assertEquals("0002-00000040", r1.header("x-oss-ec"));
            assertTrue(TestClient.Reply.element(r1.text(), "StringToSign").endsWith("/logs/a.log?append&amp;position=0"),
                    r1.text());
            assertTrue(!r1.text().contains("other") && !r4.text().contains("other"), "the secret must not leak");
        }
    }

    @Test
    void unknownKeyAndAnonymousRequestsAreRejected() throws IOException {
        try (TestClient unknown = v4.withCredentials(Credentials.of("NOPE", "SK"))) {
            assertEquals("InvalidAccessKeyId", unknown.append("a.log", 0, utf8("x")).errorCode());
        }
        OkHttpClient http = new OkHttpClient();
        try (Response response = http.newCall(new Request.Builder().url(server.endpoint() + "/logs/a.log").build())
                .execute()) {
            assertEquals(403, response.code());
            assertTrue(response.body().string().contains("<Code>AccessDenied</Code>"));
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Test
    void requestsMoreThanFifteenMinutesOffAreTooSkewed() throws IOException {
        server.clockOffset(Duration.ofMinutes(20));

        TestClient.Reply r4 = v4.append("a.log", 0, utf8("x"));
        TestClient.Reply r1 = v1.append("a.log", 0, utf8("x"));

        assertEquals(403, r4.status);
        assertEquals("RequestTimeTooSkewed", r4.errorCode());
        Instant serverTime = Instant.parse(TestClient.Reply.element(r4.text(), "ServerTime"));
        Instant requestTime = Instant.parse(TestClient.Reply.element(r4.text(), "RequestTime"));
        assertTrue(Duration.between(requestTime, serverTime).toMinutes() >= 19, r4.text());
        assertEquals("RequestTimeTooSkewed", r1.errorCode());

        try (TestClient adjusted = v4.withClock(Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofMinutes(20)))) {
            assertEquals(200, adjusted.append("a.log", 0, utf8("x")).status);
        }
    }

    @Test
    void stsTokenIsCheckedWhenConfigured() throws IOException {
        try (TestClient sts = v4.withCredentials(Credentials.of("STS.AK", "STS-SK", "token-1", null));
             TestClient missing = v4.withCredentials(Credentials.of("STS.AK", "STS-SK"));
             TestClient wrong = v1.withCredentials(Credentials.of("STS.AK", "STS-SK", "token-2", null))) {
            assertEquals(200, sts.append("a.log", 0, utf8("x")).status);
            assertEquals("InvalidSecurityToken", missing.append("a.log", 1, utf8("x")).errorCode());
            assertEquals("InvalidSecurityToken", wrong.append("a.log", 1, utf8("x")).errorCode());

            server.expireSecurityToken("STS.AK");

            assertEquals("SecurityTokenExpired", sts.append("a.log", 1, utf8("x")).errorCode());
            server.addStsCredentials("STS.AK", "STS-SK", "token-3");
            try (TestClient refreshed = v4.withCredentials(Credentials.of("STS.AK", "STS-SK", "token-3", null))) {
                assertEquals(200, refreshed.append("a.log", 1, utf8("y")).status);
            }
        }
    }

    @Test
    void percentEncodedTildeInThePathStillMatchesTheLiteralTildeTheClientSigned() throws IOException {
        SignableRequest signable = new SignableRequest("PUT", "logs", "a~b.log");
        new V4Signer(server.region()).sign(signable, Credentials.of("AK", "SK"), Instant.now());
        Request.Builder request = new Request.Builder().url(server.endpoint() + "/logs/a%7Eb.log")
                .put(RequestBody.create(utf8("tilde"), null));
        signable.headers().forEach(request::header);
        OkHttpClient http = new OkHttpClient();
        try (Response response = http.newCall(request.build()).execute()) {
            assertEquals(200, response.code(), response.body().string());
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        assertEquals("tilde", new String(server.content("logs", "a~b.log").get(), StandardCharsets.UTF_8));
    }

    @Test
    void v4ScopeMustNameTheServersRegion() throws IOException {
        try (TestClient shanghai = TestClient.v4(server, "logs", Credentials.of("AK", "SK"), "cn-shanghai")) {
            TestClient.Reply reply = shanghai.append("a.log", 0, utf8("x"));

            assertEquals(400, reply.status);
            assertEquals("InvalidArgument", reply.errorCode());
            assertTrue(reply.text().contains("cn-hangzhou"), reply.text());
        }
    }
}
