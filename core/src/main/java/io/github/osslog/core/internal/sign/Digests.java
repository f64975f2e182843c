package io.github.osslog.core.internal.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC and SHA-256 helpers over per-thread {@link Mac}/{@link MessageDigest} instances, which skip the provider
 * look-up of {@code getInstance} on every signature. Thread-safe.
 */
final class Digests {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> mac("HmacSHA256"));
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> mac("HmacSHA1"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digests::sha256Digest);

    private Digests() {
    }

    static byte[] hmacSha256(byte[] key, String data) {
        return hmac(HMAC_SHA256.get(), key, data);
    }

    static byte[] hmacSha1(byte[] key, String data) {
        return hmac(HMAC_SHA1.get(), key, data);
    }

    static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    static String sha256Hex(String data) {
        return hex(sha256(data.getBytes(StandardCharsets.UTF_8)));
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >>> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    private static byte[] hmac(Mac mac, byte[] key, String data) {
        try {
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mac.getAlgorithm() + " rejected a signing key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
