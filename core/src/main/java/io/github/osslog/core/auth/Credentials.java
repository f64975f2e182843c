package io.github.osslog.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access key pair, optionally with an STS security token and an expiry. Immutable and thread-safe.
 * {@link #toString()} masks the key id and never shows the secret or the token. Every value is printable ASCII
 * (providers trim what they load and refuse the rest, docs/secrets.md), so none can make a request header invalid.
 */
public final class Credentials {
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String securityToken;
    private final Instant expiration;

    private Credentials(String accessKeyId, String accessKeySecret, String securityToken, Instant expiration) {
        this.accessKeyId = requireText(accessKeyId, "accessKeyId");
        this.accessKeySecret = requireText(accessKeySecret, "accessKeySecret");
        this.securityToken = securityToken == null || securityToken.isEmpty() ? null
                : printable(securityToken, "securityToken");
        this.expiration = expiration;
    }

    /**
     * Long-term credentials that never expire.
     *
     * @throws IllegalArgumentException when a value is blank or holds a character outside printable ASCII (the
     *     message names the value's role, never the value)
     */
    public static Credentials of(String accessKeyId, String accessKeySecret) {
        return new Credentials(accessKeyId, accessKeySecret, null, null);
    }

    /**
     * Credentials with an optional STS token ({@code null} for none) and an optional expiry ({@code null} for
     * never); checked as {@link #of(String, String)}.
     */
    public static Credentials of(String accessKeyId, String accessKeySecret, String securityToken, Instant expiration) {
        return new Credentials(accessKeyId, accessKeySecret, securityToken, expiration);
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.trim().isEmpty()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return printable(value, name);
    }

    private static String printable(String value, String name) {
        String problem = SecretValues.problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(name + " " + problem + ": credentials are printable ASCII");
        }
        return value;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String accessKeySecret() {
        return accessKeySecret;
    }

    /** The STS security token, or {@code null} for long-term credentials. */
    public String securityToken() {
        return securityToken;
    }

    /** When these credentials stop working, or {@code null} if they do not expire. */
    public Instant expiration() {
        return expiration;
    }

    /** True when these credentials expire before {@code now + margin}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return expiration != null && !now.plus(margin).isBefore(expiration);
    }

    /** The key id with all but its first and last four characters hidden, safe for status messages. */
    public static String mask(String accessKeyId) {
        if (accessKeyId == null) {
            return "null";
        }
        if (accessKeyId.length() <= 8) {
            return "****";
        }
        return accessKeyId.substring(0, 4) + "****" + accessKeyId.substring(accessKeyId.length() - 4);
    }

    @Override
    public String toString() {
        return "Credentials{accessKeyId=" + mask(accessKeyId)
                + ", securityToken=" + (securityToken == null ? "none" : "present")
                + ", expiration=" + (expiration == null ? "never" : expiration) + '}';
    }
}
