package io.github.osslog.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.testing.FakeClock;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultCredentialsProviderTest {
    private final Map<String, String> env = new HashMap<>();
    private FakeMetadataService metadata;
    private OkHttpClient client;

    @BeforeEach
    void setUp() throws IOException {
        metadata = new FakeMetadataService();
        client = new OkHttpClient.Builder().readTimeout(2, TimeUnit.SECONDS).build();
    }

    @AfterEach
    void tearDown() {
        metadata.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private DefaultCredentialsProvider create() {
        return DefaultCredentialsProvider.create(env::get, EcsRamRoleCredentialsProvider.builder()
                .metadataBaseUrl(metadata.baseUrl()).httpClient(client)
                .clock(new FakeClock(Instant.parse("2026-11-24T12:00:00Z"))));
    }

    @Test
    void prefersTheEnvironmentVariables() {
        env.put("OSS_ACCESS_KEY_ID", "LTAI5tExampleId");
        env.put("OSS_ACCESS_KEY_SECRET", "example-secret");
        env.put("ALIBABA_CLOUD_ECS_METADATA", FakeMetadataService.ROLE);

        DefaultCredentialsProvider provider = create();

        assertInstanceOf(EnvironmentCredentialsProvider.class, provider.delegate());
        assertEquals("LTAI5tExampleId", provider.getCredentials().accessKeyId());
        assertEquals(0, metadata.server.getRequestCount());
    }

    @Test
    void halfConfiguredEnvironmentIsReportedNotSkipped() {
        env.put("OSS_ACCESS_KEY_ID", "LTAI5tExampleId");
        env.put("ALIBABA_CLOUD_ECS_METADATA", FakeMetadataService.ROLE);

        CredentialsException e = assertThrows(CredentialsException.class, this::create);

        assertTrue(e.getMessage().contains("OSS_ACCESS_KEY_SECRET"), e.getMessage());
    }

    @Test
    void usesTheEcsRoleOnlyWhenOptedIn() {
        env.put("ALIBABA_CLOUD_ECS_METADATA", FakeMetadataService.ROLE);

        DefaultCredentialsProvider provider = create();
        assertEquals(0, metadata.server.getRequestCount(), "construction must not contact the metadata service");
        assertInstanceOf(EcsRamRoleCredentialsProvider.class, provider.delegate());
        assertEquals("STS.id-0001", provider.getCredentials().accessKeyId());
        metadata.credentialsAnswer = () -> FakeMetadataService.ok("STS.id-0002", "secret-0002", "sts-token-0002",
                Instant.parse("2026-11-24T18:00:00Z"));
        provider.refresh();

        assertEquals("STS.id-0002", provider.getCredentials().accessKeyId());
        assertEquals(2, metadata.credentialRequests.size());
        assertTrue(metadata.roleRequests.isEmpty());
    }

    @Test
    void imdsV1DisabledMakesTheRoleProviderHardenedOnly() {
        env.put("ALIBABA_CLOUD_ECS_METADATA", FakeMetadataService.ROLE);
        env.put("ALIBABA_CLOUD_IMDSV1_DISABLED", "true");
        metadata.tokenAnswer = () -> FakeMetadataService.status(403);

        CredentialsException e = assertThrows(CredentialsException.class, create()::getCredentials);

        assertTrue(e.getMessage().contains("hardenedOnly"), e.getMessage());
        assertTrue(metadata.credentialRequests.isEmpty());
    }

    @Test
    void nothingConfiguredThrowsTheDocumentedMessage() {
        CredentialsException e = assertThrows(CredentialsException.class, this::create);

        assertEquals("No OSS credentials found: set accessKeyId and accessKeySecret in the appender configuration,"
                + " or the environment variables OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or"
                + " ALIBABA_CLOUD_ECS_METADATA=<role name> on an ECS instance", e.getMessage());
        assertEquals(0, metadata.server.getRequestCount());
    }

    @Test
    void publicFactoryWithEmptyEnvironmentThrowsTheDocumentedMessage() {
        CredentialsException e = assertThrows(CredentialsException.class,
                () -> DefaultCredentialsProvider.create(name -> null));

        assertEquals(DefaultCredentialsProvider.NOTHING_CONFIGURED, e.getMessage());
    }

    @Test
    void toStringHidesSecrets() {
        env.put("OSS_ACCESS_KEY_ID", "LTAI5tExampleId");
        env.put("OSS_ACCESS_KEY_SECRET", "example-secret");

        String text = create().toString();

        assertTrue(text.startsWith("DefaultCredentialsProvider{EnvironmentCredentialsProvider"), text);
        assertFalse(text.contains("example-secret"), text);
    }
}
