package io.github.osslog.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.testing.FakeClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EcsRamRoleCredentialsProviderTest {
    private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant SIX_HOURS_LATER = START.plus(Duration.ofHours(6));

    private final FakeClock clock = new FakeClock(START);
    private FakeMetadataService metadata;
    private OkHttpClient client;

    @BeforeEach
    void setUp() throws IOException {
        metadata = new FakeMetadataService();
        client = testClient(new OkHttpClient.Builder());
        metadata.credentialsAnswer = () -> answer(1, SIX_HOURS_LATER);
    }

    @AfterEach
    void tearDown() {
        metadata.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static OkHttpClient testClient(OkHttpClient.Builder builder) {
        return builder.connectTimeout(2, TimeUnit.SECONDS).readTimeout(2, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false).build();
    }

    private static MockResponse answer(int n, Instant expiration) {
        return FakeMetadataService.ok("STS.id-000" + n, "secret-000" + n, "sts-token-000" + n, expiration);
    }

    private EcsRamRoleCredentialsProvider.Builder builder() {
        return EcsRamRoleCredentialsProvider.builder().roleName(FakeMetadataService.ROLE)
                .metadataBaseUrl(metadata.baseUrl()).clock(clock).httpClient(client);
    }

    @Test
    void hardenedModeSendsTheTokenWithTheCredentialsRequest() {
        Credentials credentials = builder().build().getCredentials();

        assertEquals("STS.id-0001", credentials.accessKeyId());
        assertEquals("secret-0001", credentials.accessKeySecret());
        assertEquals("sts-token-0001", credentials.securityToken());
        assertEquals(SIX_HOURS_LATER, credentials.expiration());
        RecordedRequest token = metadata.tokenRequests.get(0);
        assertEquals("PUT", token.getMethod());
        assertEquals(String.valueOf(EcsMetadataClient.TOKEN_TTL_SECONDS),
                token.getHeaders().get("X-aliyun-ecs-metadata-token-ttl-seconds"));
        RecordedRequest request = metadata.credentialRequests.get(0);
        assertEquals("GET", request.getMethod());
        assertEquals(FakeMetadataService.TOKEN, request.getHeaders().get("X-aliyun-ecs-metadata-token"));
        assertTrue(metadata.roleRequests.isEmpty());
    }

    @Test
    void tokenEndpoint404FallsBackToNormalMode() {
        assertFallsBackToNormalMode(() -> FakeMetadataService.status(404));
    }

    @Test
    void tokenEndpoint403FallsBackToNormalMode() {
        assertFallsBackToNormalMode(() -> FakeMetadataService.status(403));
    }

    @Test
    void droppedTokenConnectionFallsBackToNormalMode() {
        assertFallsBackToNormalMode(() -> null);
    }

    @Test
    void refusedTokenConnectionFallsBackToNormalMode() {
        client = testClient(client.newBuilder().addInterceptor(chain -> {
            if (chain.request().url().encodedPath().equals("/latest/api/token")) {
                throw new ConnectException("Connection refused");
            }
            return chain.proceed(chain.request());
        }));
        Credentials credentials = builder().build().getCredentials();

        assertEquals("STS.id-0001", credentials.accessKeyId());
        assertNull(metadata.credentialRequests.get(0).getHeaders().get("X-aliyun-ecs-metadata-token"));
    }

    private void assertFallsBackToNormalMode(Supplier<MockResponse> tokenAnswer) {
        metadata.tokenAnswer = tokenAnswer;

        Credentials credentials = builder().build().getCredentials();

        assertEquals("STS.id-0001", credentials.accessKeyId());
        assertEquals(1, metadata.tokenRequests.size());
        assertNull(metadata.credentialRequests.get(0).getHeaders().get("X-aliyun-ecs-metadata-token"));
    }

    @Test
    void hardenedOnlyFailsWithoutToken() {
        metadata.tokenAnswer = () -> FakeMetadataService.status(403);
        EcsRamRoleCredentialsProvider provider = builder().hardenedOnly(true).build();

        CredentialsException e = assertThrows(CredentialsException.class, provider::getCredentials);

        assertTrue(e.getMessage().contains("hardenedOnly"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertTrue(metadata.credentialRequests.isEmpty());
    }

    @Test
    void discoversTheRoleWhenNoneIsGiven() {
        EcsRamRoleCredentialsProvider provider = EcsRamRoleCredentialsProvider.builder()
                .metadataBaseUrl(metadata.baseUrl()).clock(clock).httpClient(client).build();

        assertEquals("STS.id-0001", provider.getCredentials().accessKeyId());
        assertEquals(1, metadata.roleRequests.size());
        assertEquals(FakeMetadataService.TOKEN,
                metadata.roleRequests.get(0).getHeaders().get("X-aliyun-ecs-metadata-token"));
        assertEquals(1, metadata.credentialRequests.size());
    }

    @Test
    void renewsWhenAQuarterOfTheLifetimeRemains() {
        EcsRamRoleCredentialsProvider provider = builder().build();
        provider.getCredentials();
        metadata.credentialsAnswer = () -> answer(2, SIX_HOURS_LATER.plus(Duration.ofHours(6)));

        clock.advance(Duration.ofMinutes(269));
        assertEquals("STS.id-0001", provider.getCredentials().accessKeyId());
        assertEquals(1, metadata.credentialRequests.size());

        clock.advance(Duration.ofMinutes(2));
        assertEquals("STS.id-0002", provider.getCredentials().accessKeyId());
        assertEquals(2, metadata.credentialRequests.size());
    }

    @Test
    void renewsWhenFifteenMinutesRemainOfAShortLifetime() {
        metadata.credentialsAnswer = () -> answer(1, START.plus(Duration.ofMinutes(40)));
        EcsRamRoleCredentialsProvider provider = builder().build();
        provider.getCredentials();
        metadata.credentialsAnswer = () -> answer(2, START.plus(Duration.ofMinutes(100)));

        clock.advance(Duration.ofMinutes(24));
        assertEquals("STS.id-0001", provider.getCredentials().accessKeyId());
        clock.advance(Duration.ofMinutes(2));
        assertEquals("STS.id-0002", provider.getCredentials().accessKeyId());
        assertEquals(2, metadata.credentialRequests.size());
    }

    @Test
    void failedRenewalKeepsTheOldCredentialsAndBacksOff() {
        EcsRamRoleCredentialsProvider provider = builder().build();
        Credentials first = provider.getCredentials();
        metadata.credentialsAnswer = () -> FakeMetadataService.status(500);
        clock.advance(Duration.ofMinutes(300));

        assertSame(first, provider.getCredentials());
        assertSame(first, provider.getCredentials());
        assertEquals(2, metadata.credentialRequests.size());

        clock.advance(Duration.ofSeconds(EcsRamRoleCredentialsProvider.RETRY_SECONDS));
        metadata.credentialsAnswer = () -> answer(2, SIX_HOURS_LATER.plus(Duration.ofHours(5)));
        assertEquals("STS.id-0002", provider.getCredentials().accessKeyId());
        assertEquals(3, metadata.credentialRequests.size());
    }

    @Test
    void expiredCredentialsAndFailingServiceThrowWithoutHammering() {
        EcsRamRoleCredentialsProvider provider = builder().build();
        provider.getCredentials();
        metadata.credentialsAnswer = () -> FakeMetadataService.status(500);
        clock.advance(Duration.ofHours(7));

        CredentialsException e = assertThrows(CredentialsException.class, provider::getCredentials);
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertThrows(CredentialsException.class, provider::getCredentials);
        assertEquals(2, metadata.credentialRequests.size());

        clock.advance(Duration.ofSeconds(EcsRamRoleCredentialsProvider.RETRY_SECONDS));
        assertThrows(CredentialsException.class, provider::getCredentials);
        assertEquals(3, metadata.credentialRequests.size());
        assertNoSecrets(e);
    }

    @Test
    void codeOtherThanSuccessIsAFailure() {
        metadata.credentialsAnswer = () -> FakeMetadataService.json("{\"Code\":\"Failed\",\"AccessKeyId\":\"STS.x1234567\","
                + "\"AccessKeySecret\":\"secret-0001\",\"SecurityToken\":\"sts-token-0001\","
                + "\"Expiration\":\"2026-11-24T18:00:00Z\"}");

        CredentialsException e = assertThrows(CredentialsException.class, builder().build()::getCredentials);

        assertTrue(e.getMessage().contains("Code=Failed"), e.getMessage());
        assertNoSecrets(e);
    }

    @Test
    void malformedJsonIsAFailureThatDoesNotEchoTheBody() {
        metadata.credentialsAnswer = () -> FakeMetadataService.json("{\"AccessKeySecret\":\"secret-0001\","
                + "\"SecurityToken\":\"sts-token-0001\", \"Code\": \"Success\"");

        CredentialsException e = assertThrows(CredentialsException.class, builder().build()::getCredentials);

        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertNoSecrets(e);
    }

    @Test
    void unreachableServiceIsAFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EcsRamRoleCredentialsProvider provider = builder().metadataBaseUrl("http://127.0.0.1:" + closedPort).build();

        CredentialsException e = assertThrows(CredentialsException.class, provider::getCredentials);

        assertTrue(e.getMessage().contains("Could not reach the ECS metadata service"), e.getMessage());
    }

    @Test
    void refreshFetchesNowEvenWhenNotDue() {
        EcsRamRoleCredentialsProvider provider = builder().build();
        provider.getCredentials();
        metadata.credentialsAnswer = () -> answer(2, SIX_HOURS_LATER);

        provider.refresh();

        assertEquals("STS.id-0002", provider.getCredentials().accessKeyId());
        assertEquals(2, metadata.credentialRequests.size());
    }

    @Test
    void onlyOneThreadFetchesTheFirstCredentials() throws Exception {
        EcsRamRoleCredentialsProvider provider = builder().build();
        metadata.credentialsGate = new CountDownLatch(1);
        metadata.credentialsArrived = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Credentials>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(provider::getCredentials));
            }
            assertTrue(metadata.credentialsArrived.await(5, TimeUnit.SECONDS));
            metadata.credentialsGate.countDown();
            for (Future<Credentials> result : results) {
                assertEquals("STS.id-0001", result.get(5, TimeUnit.SECONDS).accessKeyId());
            }
        } finally {
            shutdown(pool);
        }
        assertEquals(1, metadata.credentialRequests.size());
    }

    @Test
    void othersKeepTheOldCredentialsWhileOneThreadRenews() throws Exception {
        EcsRamRoleCredentialsProvider provider = builder().build();
        Credentials old = provider.getCredentials();
        clock.advance(Duration.ofMinutes(300));
        metadata.credentialsAnswer = () -> answer(2, SIX_HOURS_LATER.plus(Duration.ofHours(5)));
        metadata.credentialsGate = new CountDownLatch(1);
        metadata.credentialsArrived = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<Credentials> renewer = pool.submit(provider::getCredentials);
            assertTrue(metadata.credentialsArrived.await(5, TimeUnit.SECONDS));
            List<Future<Credentials>> others = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                others.add(pool.submit(provider::getCredentials));
            }
            for (Future<Credentials> other : others) {
                assertSame(old, other.get(5, TimeUnit.SECONDS));
            }
            metadata.credentialsGate.countDown();
            assertEquals("STS.id-0002", renewer.get(5, TimeUnit.SECONDS).accessKeyId());
        } finally {
            shutdown(pool);
        }
        assertEquals(2, metadata.credentialRequests.size());
    }

    @Test
    void toStringShowsNoSecretOrToken() {
        EcsRamRoleCredentialsProvider provider = builder().build();
        provider.getCredentials();

        String text = provider.toString();

        assertTrue(text.contains(FakeMetadataService.ROLE), text);
        assertFalse(text.contains("secret-0001"), text);
        assertFalse(text.contains("sts-token-0001"), text);
        assertFalse(text.contains(FakeMetadataService.TOKEN), text);
        assertFalse(text.contains("STS.id-0001"), text);
    }

    @Test
    void builderRejectsMalformedBaseUrlAndBlankRole() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> EcsRamRoleCredentialsProvider.builder().metadataBaseUrl("100.100.100.200").build());
        assertTrue(url.getMessage().contains("metadataBaseUrl"), url.getMessage());
        IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
                () -> EcsRamRoleCredentialsProvider.builder().roleName(" "));
        assertTrue(role.getMessage().contains("roleName"), role.getMessage());
    }

    private static void assertNoSecrets(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            assertFalse(message.contains("secret-0001"), message);
            assertFalse(message.contains("sts-token-0001"), message);
            assertFalse(message.contains(FakeMetadataService.TOKEN), message);
        }
    }

    private static void shutdown(ExecutorService pool) throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS), "worker threads did not stop");
    }
}
