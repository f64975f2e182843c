package io.github.osslog.testkit;

import java.util.concurrent.ConcurrentHashMap;

/** The access keys the server accepts, each with an optional STS token. Thread-safe. */
final class CredentialRegistry {

    /** One key. Immutable. */
    static final class Entry {
        final String secret;
        /** {@code null} for a permanent key. */
        final String securityToken;
        final boolean tokenExpired;

        Entry(String secret, String securityToken, boolean tokenExpired) {
            this.secret = secret;
            this.securityToken = securityToken;
            this.tokenExpired = tokenExpired;
        }
    }

    private final ConcurrentHashMap<String, Entry> keys = new ConcurrentHashMap<>();

    void put(String accessKeyId, String secret, String securityToken) {
        if (accessKeyId == null || accessKeyId.isEmpty()) {
            throw new IllegalArgumentException("access key id is empty: give the id clients will sign with");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("access key secret for '" + accessKeyId + "' is empty");
        }
        if (securityToken != null && securityToken.isEmpty()) {
            throw new IllegalArgumentException("security token for '" + accessKeyId
                    + "' is empty: pass null for a permanent key");
        }
        keys.put(accessKeyId, new Entry(secret, securityToken, false));
    }

    void expireToken(String accessKeyId) {
        Entry entry = keys.get(accessKeyId);
        if (entry == null || entry.securityToken == null) {
            throw new IllegalArgumentException("'" + accessKeyId + "' is not an STS key of this server");
        }
        keys.put(accessKeyId, new Entry(entry.secret, entry.securityToken, true));
    }

    Entry get(String accessKeyId) {
        return keys.get(accessKeyId);
    }
}
