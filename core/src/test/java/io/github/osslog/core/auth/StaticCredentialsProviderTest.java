package io.github.osslog.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StaticCredentialsProviderTest {

    @Test
    void returnsTheGivenKeyPair() {
        Credentials credentials = StaticCredentialsProvider.of("LTAI5tExampleId", "example-secret").getCredentials();

        assertEquals("LTAI5tExampleId", credentials.accessKeyId());
        assertEquals("example-secret", credentials.accessKeySecret());
        assertNull(credentials.securityToken());
        assertNull(credentials.expiration());
    }

    @Test
    void carriesAnStsToken() {
        assertEquals("sts-token", StaticCredentialsProvider.of("STS.ExampleId", "s", "sts-token").getCredentials()
                .securityToken());
        assertNull(StaticCredentialsProvider.of("STS.ExampleId", "s", "  ").getCredentials().securityToken());
    }

    @Test
    void rejectsMissingOrBlankValuesNamingTheSetting() {
        assertRejected("accessKeyId", () -> StaticCredentialsProvider.of(null, "secret"));
        assertRejected("accessKeyId", () -> StaticCredentialsProvider.of(" ", "secret"));
        assertRejected("accessKeySecret", () -> StaticCredentialsProvider.of("LTAI5tExampleId", null));
        assertRejected("accessKeySecret", () -> StaticCredentialsProvider.of("LTAI5tExampleId", "", "token"));
    }

    private static void assertRejected(String setting, Runnable construction) {
        CredentialsException e = assertThrows(CredentialsException.class, construction::run);
        assertTrue(e.getMessage().startsWith(setting + " is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("set " + setting), e.getMessage());
    }

    @Test
    void toStringHidesTheSecretAndToken() {
        String text = StaticCredentialsProvider.of("LTAI5tExampleId", "example-secret", "sts-token").toString();

        assertFalse(text.contains("example-secret"), text);
        assertFalse(text.contains("sts-token"), text);
        assertFalse(text.contains("LTAI5tExampleId"), text);
    }
}
