package io.github.osslog.core.internal.sign;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bounded cache of V4 signing keys per (secret, date, region); a key changes once a day, so re-deriving it (four
 * HMACs) for every request is waste. Entries are identified by the SHA-256 of the secret, never the secret itself.
 * Thread-safe.
 */
final class SigningKeyCache {
    private static final int MAX_ENTRIES = 256;
    // Runnable::run keeps Caffeine's maintenance off the common pool: a logging library must not borrow its threads.
    private static final Cache<Id, byte[]> KEYS =
            Caffeine.newBuilder().maximumSize(MAX_ENTRIES).executor(Runnable::run).build();

    private SigningKeyCache() {
    }

    /** The signing key for {@code yyyyMMdd} {@code date}; callers must not modify the returned array. */
    static byte[] signingKey(String secret, String date, String region) {
        byte[] secretDigest = Digests.sha256(secret.getBytes(StandardCharsets.UTF_8));
        return KEYS.get(new Id(secretDigest, date, region), id -> derive(secret, date, region));
    }

    private static byte[] derive(String secret, String date, String region) {
        byte[] key = Digests.hmacSha256(("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = Digests.hmacSha256(key, region);
        key = Digests.hmacSha256(key, "oss");
        return Digests.hmacSha256(key, "aliyun_v4_request");
    }

    private static final class Id {
        private final byte[] secretDigest;
        private final String date;
        private final String region;
        private final int hash;

        Id(byte[] secretDigest, String date, String region) {
            this.secretDigest = secretDigest;
            this.date = date;
            this.region = region;
            this.hash = Objects.hash(Arrays.hashCode(secretDigest), date, region);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Id)) {
                return false;
            }
            Id other = (Id) o;
            return Arrays.equals(secretDigest, other.secretDigest) && date.equals(other.date)
                    && region.equals(other.region);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return "SigningKeyId{date=" + date + ", region=" + region + '}';
        }
    }
}
