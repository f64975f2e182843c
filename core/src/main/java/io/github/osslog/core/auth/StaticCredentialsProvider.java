package io.github.osslog.core.auth;

/**
 * Fixed credentials given in the configuration: a key pair and optionally an STS token, checked once at
 * construction (surrounding whitespace removed, any other character outside printable ASCII refused). Immutable
 * and thread-safe.
 */
public final class StaticCredentialsProvider implements CredentialsProvider {
    private final Credentials credentials;

    private StaticCredentialsProvider(Credentials credentials) {
        this.credentials = credentials;
    }

    /**
     * Long-term credentials.
     *
     * @throws CredentialsException when either value is missing or blank, or holds a character outside printable
     *     ASCII (the message names the setting, never the value)
     */
    public static StaticCredentialsProvider of(String accessKeyId, String accessKeySecret) {
        return of(accessKeyId, accessKeySecret, null);
    }

    /**
     * Credentials with an STS security token; {@code null} or blank means none. The token's expiry is not
     * known here, so {@link #refresh()} cannot renew it.
     *
     * @throws CredentialsException when the key id or secret is missing or blank, or a value holds a character
     *     outside printable ASCII
     */
    public static StaticCredentialsProvider of(String accessKeyId, String accessKeySecret, String securityToken) {
        String id = requireSetting(accessKeyId, "accessKeyId");
        String secret = requireSetting(accessKeySecret, "accessKeySecret");
        String token = clean(securityToken, "securityToken");
        return new StaticCredentialsProvider(Credentials.of(id, secret, token, null));
    }

    private static String requireSetting(String value, String setting) {
        String cleaned = clean(value, setting);
        if (cleaned == null) {
            throw CredentialsException.inSetting(setting, setting + " is missing or blank: set " + setting
                    + " in the appender configuration, or leave both accessKeyId and accessKeySecret unset"
                    + " to use the environment variables OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET");
        }
        return cleaned;
    }

    private static String clean(String value, String setting) {
        try {
            return SecretValues.clean(value, setting);
        } catch (CredentialsException e) {
            throw CredentialsException.inSetting(setting, e.getMessage());
        }
    }

    @Override
    public Credentials getCredentials() {
        return credentials;
    }

    @Override
    public String toString() {
        return "StaticCredentialsProvider{" + credentials + '}';
    }
}
