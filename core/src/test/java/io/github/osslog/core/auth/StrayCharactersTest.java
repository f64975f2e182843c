package io.github.osslog.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Credentials with stray bytes, as a Kubernetes secret made from a file or a pasted value brings them: surrounding
 * whitespace is removed by every provider, anything else outside printable ASCII is refused with a message that
 * names the variable or setting and never holds the value.
 */
class StrayCharactersTest {
    private static final String ID = "LTAI5tStrayKeyId0001";
    private static final String SECRET = "stray-secret-value-0001";
    private static final String TOKEN = "stray-sts-token-value-0001";

    private final Map<String, String> env = new HashMap<>();

    private void environment(String id, String secret, String token) {
        env.put(EnvironmentCredentialsProvider.ACCESS_KEY_ID, id);
        env.put(EnvironmentCredentialsProvider.ACCESS_KEY_SECRET, secret);
        env.put(EnvironmentCredentialsProvider.SESSION_TOKEN, token);
    }

    @ParameterizedTest
    @CsvSource({"'\n'", "'\r\n'", "' \t'"})
    void surroundingWhitespaceIsRemovedFromTheEnvironment(String tail) {
        environment(ID + tail, " " + SECRET + tail, TOKEN + tail);

        Credentials viaEnvironment = new EnvironmentCredentialsProvider(env::get).getCredentials();
        Credentials viaDefaultChain = DefaultCredentialsProvider.create(env::get).getCredentials();

        for (Credentials c : new Credentials[] {viaEnvironment, viaDefaultChain}) {
            assertEquals(ID, c.accessKeyId());
            assertEquals(SECRET, c.accessKeySecret());
            assertEquals(TOKEN, c.securityToken());
        }
    }

    @ParameterizedTest
    @CsvSource({"'\n'", "'\r\n'"})
    void surroundingWhitespaceIsRemovedFromSettings(String tail) {
        Credentials c = StaticCredentialsProvider.of(ID + tail, SECRET + tail, TOKEN + tail).getCredentials();

        assertEquals(ID, c.accessKeyId());
        assertEquals(SECRET, c.accessKeySecret());
        assertEquals(TOKEN, c.securityToken());
    }

    @ParameterizedTest
    @CsvSource({"OSS_ACCESS_KEY_ID, 0", "OSS_ACCESS_KEY_SECRET, 1", "OSS_SESSION_TOKEN, 2"})
    void anEmbeddedCarriageReturnInTheEnvironmentIsRefusedByName(String variable, int which) {
        String[] values = {ID, SECRET, TOKEN};
        String bad = values[which].substring(0, 6) + "\r" + values[which].substring(6);
        values[which] = bad;
        environment(values[0], values[1], values[2]);

        CredentialsException direct = assertThrows(CredentialsException.class,
                () -> new EnvironmentCredentialsProvider(env::get));
        CredentialsException chain = assertThrows(CredentialsException.class,
                () -> DefaultCredentialsProvider.create(env::get).getCredentials());

        for (CredentialsException e : new CredentialsException[] {direct, chain}) {
            assertTrue(e.getMessage().contains("environment variable " + variable), e.getMessage());
            assertTrue(e.getMessage().contains("U+000D at index 6"), e.getMessage());
            assertFalse(e.getMessage().contains(bad.substring(0, 6)), e.getMessage());
            assertFalse(e.getMessage().contains(bad.substring(7)), e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource({"accessKeyId, 0", "accessKeySecret, 1", "securityToken, 2"})
    void anEmbeddedControlCharacterInASettingIsRefusedByName(String setting, int which) {
        String[] values = {ID, SECRET, TOKEN};
        String bad = values[which].substring(0, 6) + "\u0000" + values[which].substring(6);
        values[which] = bad;

        CredentialsException e = assertThrows(CredentialsException.class,
                () -> StaticCredentialsProvider.of(values[0], values[1], values[2]));

        assertTrue(e.getMessage().startsWith(setting + " contains the character U+0000"), e.getMessage());
        assertFalse(e.getMessage().contains(bad.substring(7)), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"'\u00e9'", "'\u007f'", "'\n'"})
    void credentialsThemselvesHoldOnlyPrintableAscii(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Credentials.of(ID, SECRET, TOKEN + bad, null));

        assertTrue(e.getMessage().startsWith("securityToken contains the character U+"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }
}
