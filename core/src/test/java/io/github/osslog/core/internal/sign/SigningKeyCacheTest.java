package io.github.osslog.core.internal.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SigningKeyCacheTest {
    @Test
    void returnsTheCachedKeyForTheSameSecretDateAndRegion() {
        byte[] first = SigningKeyCache.signingKey("cache-sk", "20240101", "cn-hangzhou");
        assertSame(first, SigningKeyCache.signingKey(new String("cache-sk"), "20240101", "cn-hangzhou"));
    }

    @Test
    void derivesADifferentKeyForAnotherDateRegionOrSecret() {
        byte[] base = SigningKeyCache.signingKey("cache-sk", "20240101", "cn-hangzhou");
        for (byte[] other : Arrays.asList(
                SigningKeyCache.signingKey("cache-sk", "20240102", "cn-hangzhou"),
                SigningKeyCache.signingKey("cache-sk", "20240101", "cn-shanghai"),
                SigningKeyCache.signingKey("cache-sk2", "20240101", "cn-hangzhou"))) {
            assertNotSame(base, other);
            assertFalse(Arrays.equals(base, other));
        }
    }

    @Test
    void cachedKeyEqualsTheHmacChain() {
        byte[] expected = Digests.hmacSha256(Digests.hmacSha256(Digests.hmacSha256(
                Digests.hmacSha256("aliyun_v4chain-sk".getBytes(StandardCharsets.UTF_8), "20231216"),
                "cn-hangzhou"), "oss"), "aliyun_v4_request");
        assertArrayEquals(expected, SigningKeyCache.signingKey("chain-sk", "20231216", "cn-hangzhou"));
    }
}
