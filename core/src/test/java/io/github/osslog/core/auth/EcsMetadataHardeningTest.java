package io.github.osslog.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.testing.FakeClock;
import io.github.osslog.core.testing.HostileServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The metadata client against a hostile or failing metadata service: no redirect is followed (so its session token
 * goes nowhere else), no answer is read past 64 KiB, a 500 is a transient failure that keeps valid old credentials,
 * and a credential field with a stray control character is refused by name.
 */
class EcsMetadataHardeningTest {
    private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

    private final FakeClock clock = new FakeClock(START);
    private FakeMetadataService metadata;
    private MockWebServer elsewhere;
    private OkHttpClient client;

    @BeforeEach
    void setUp() throws IOException {
        metadata = new FakeMetadataService();
        elsewhere = new MockWebServer();
        elsewhere.start();
        client = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS).readTimeout(2, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false).build();
    }

    @AfterEach
    void tearDown() {
        metadata.close();
        elsewhere.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private EcsRamRoleCredentialsProvider provider(String baseUrl) {
        return EcsRamRoleCredentialsProvider.builder().roleName(FakeMetadataService.ROLE).metadataBaseUrl(baseUrl)
                .clock(clock).httpClient(client).build();
    }

    @Test
    void aRedirectIsNotFollowedAndTheTokenGoesNowhereElse() {
        String target = "http://127.0.0.1:" + elsewhere.getPort() + "/steal";
        metadata.credentialsAnswer = () -> new MockResponse.Builder().code(302).setHeader("Location", target).build();
        elsewhere.enqueue(FakeMetadataService.ok("STS.stolen", "stolen-secret", "stolen-token", START.plusSeconds(3600)));

        CredentialsException e = assertThrows(CredentialsException.class,
                () -> provider(metadata.baseUrl()).getCredentials());

        assertTrue(e.getMessage().contains("HTTP 302"), e.getMessage());
        assertEquals(0, elsewhere.getRequestCount(), "the redirect was followed");
    }

    @ParameterizedTest
    @ValueSource(longs = {HostileServer.ENDLESS, 100L << 20})
    void anEndlessOrHugeAnswerIsReadOnlyUpTo64KiB(long length) throws IOException {
        try (HostileServer hostile = HostileServer.start(200, "", length)) {
            EcsRamRoleCredentialsProvider provider = EcsRamRoleCredentialsProvider.builder()
                    .roleName(FakeMetadataService.ROLE).metadataBaseUrl(hostile.url()).clock(clock)
                    .httpClient(client.newBuilder().callTimeout(20, TimeUnit.SECONDS).build()).build();

            CredentialsException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> assertThrows(CredentialsException.class, provider::getCredentials));

            assertTrue(e.getMessage().contains("more than 65536 bytes"), e.getMessage());
            assertTrue(hostile.written() < 100L << 20, "read " + hostile.written() + " bytes");
        }
    }

    @Test
    void a500OnceKeepsValidOldCredentials() {
        metadata.credentialsAnswer = () -> FakeMetadataService.ok("STS.id-1", "secret-1", "token-1",
                START.plus(Duration.ofMinutes(20)));
        EcsRamRoleCredentialsProvider provider = provider(metadata.baseUrl());
        Credentials first = provider.getCredentials();
        metadata.credentialsAnswer = () -> FakeMetadataService.status(500);
        clock.advance(Duration.ofMinutes(10)); // due for renewal, still valid

        assertSame(first, provider.getCredentials());
        assertEquals(2, metadata.credentialRequests.size());
    }

    @Test
    void a500WithoutCredentialsIsATransientCredentialsErrorAndTheNextAttemptSucceeds() {
        metadata.credentialsAnswer = () -> FakeMetadataService.status(500);
        EcsRamRoleCredentialsProvider provider = provider(metadata.baseUrl());

        CredentialsException e = assertThrows(CredentialsException.class, provider::getCredentials);
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("transient"), e.getMessage());

        metadata.credentialsAnswer = () -> FakeMetadataService.ok("STS.id-2", "secret-2", "token-2",
                START.plus(Duration.ofHours(6)));
        clock.advance(Duration.ofSeconds(EcsRamRoleCredentialsProvider.RETRY_SECONDS));
        assertEquals("STS.id-2", provider.getCredentials().accessKeyId());
    }

    @Test
    void surroundingWhitespaceInAFieldIsRemoved() {
        metadata.credentialsAnswer = () -> FakeMetadataService.ok("STS.id-3\\n", "secret-3\\r\\n", " token-3\\n",
                START.plus(Duration.ofHours(6)));

        Credentials credentials = provider(metadata.baseUrl()).getCredentials();

        assertEquals("STS.id-3", credentials.accessKeyId());
        assertEquals("secret-3", credentials.accessKeySecret());
        assertEquals("token-3", credentials.securityToken());
    }

    @Test
    void anEmbeddedControlCharacterInAFieldIsRefusedByName() {
        metadata.credentialsAnswer = () -> FakeMetadataService.ok("STS.id-4", "secret-4",
                "token-4\\rstill-token-4", START.plus(Duration.ofHours(6)));

        CredentialsException e = assertThrows(CredentialsException.class,
                () -> provider(metadata.baseUrl()).getCredentials());

        assertTrue(e.getMessage().contains("the field SecurityToken"), e.getMessage());
        assertFalse(e.getMessage().contains("token-4") || e.getMessage().contains("still-token-4"), e.getMessage());
    }

    @Test
    void aSessionTokenWithAControlCharacterIsNotSentAsAHeader() {
        metadata.tokenAnswer = () -> new MockResponse.Builder().body("session\rtoken").build();

        Credentials credentials = provider(metadata.baseUrl()).getCredentials();

        assertEquals("STS.id-0001", credentials.accessKeyId());
        assertEquals(null, metadata.credentialRequests.get(0).getHeaders().get("X-aliyun-ecs-metadata-token"));
    }
}
