package io.github.osslog.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentCredentialsProviderTest {
    private final Map<String, String> env = new HashMap<>();

    @Test
    void readsTheKeyPairAndOptionalToken() {
        env.put("OSS_ACCESS_KEY_ID", "LTAI5tExampleId");
        env.put("OSS_ACCESS_KEY_SECRET", "example-secret");

        Credentials longTerm = new EnvironmentCredentialsProvider(env::get).getCredentials();
        env.put("OSS_SESSION_TOKEN", "sts-token");
        Credentials sts = new EnvironmentCredentialsProvider(env::get).getCredentials();

        assertEquals("LTAI5tExampleId", longTerm.accessKeyId());
        assertEquals("example-secret", longTerm.accessKeySecret());
        assertNull(longTerm.securityToken());
        assertEquals("sts-token", sts.securityToken());
    }

    @Test
    void readsOnceAtConstruction() {
        env.put("OSS_ACCESS_KEY_ID", "LTAI5tExampleId");
        env.put("OSS_ACCESS_KEY_SECRET", "example-secret");
        EnvironmentCredentialsProvider provider = new EnvironmentCredentialsProvider(env::get);

        env.put("OSS_ACCESS_KEY_ID", "LTAI5tOtherId00");

        assertEquals("LTAI5tExampleId", provider.getCredentials().accessKeyId());
    }

    @Test
    void missingVariablesAreNamedWithTheFix() {
        env.put("OSS_ACCESS_KEY_ID", "LTAI5tExampleId");
        env.put("OSS_ACCESS_KEY_SECRET", " ");

        CredentialsException one = assertThrows(CredentialsException.class,
                () -> new EnvironmentCredentialsProvider(env::get));
        CredentialsException both = assertThrows(CredentialsException.class,
                () -> new EnvironmentCredentialsProvider(name -> null));

        assertTrue(one.getMessage().startsWith("Environment variable(s) OSS_ACCESS_KEY_SECRET not set"),
                one.getMessage());
        assertTrue(one.getMessage().contains("export both"), one.getMessage());
        assertTrue(both.getMessage().startsWith(
                "Environment variable(s) OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET not set"), both.getMessage());
    }

    @Test
    void toStringHidesTheSecretAndToken() {
        env.put("OSS_ACCESS_KEY_ID", "LTAI5tExampleId");
        env.put("OSS_ACCESS_KEY_SECRET", "example-secret");
        env.put("OSS_SESSION_TOKEN", "sts-token");

        String text = new EnvironmentCredentialsProvider(env::get).toString();

        assertFalse(text.contains("example-secret"), text);
        assertFalse(text.contains("sts-token"), text);
    }
}
