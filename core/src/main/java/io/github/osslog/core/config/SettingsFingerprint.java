package io.github.osslog.core.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The text that identifies a configuration, for adapters that hand a running shipper from an old configuration to
 * an equal new one (a reconfiguration): every setting and key value, in a fixed order, secrets only as a keyed
 * fingerprint whose key is random per JVM, so equal secrets match and nothing printed helps to guess one. Frameworks
 * print such keys (Log4j2 names its managers by them). Stateless and thread-safe.
 */
final class SettingsFingerprint {
    private static final byte[] FINGERPRINT_KEY = randomKey();

    private SettingsFingerprint() {
    }

    static String of(Map<Setting, String> values, Map<String, String> keyValues) {
        StringBuilder key = new StringBuilder();
        for (Setting setting : Setting.values()) {
            String value = values.get(setting);
            if (value != null) {
                key.append(' ').append(setting.property()).append('=')
                        .append(setting.secret() ? fingerprint(value) : value);
            }
        }
        for (Map.Entry<String, String> kv : keyValues.entrySet()) {
            key.append(" %{").append(kv.getKey()).append("}=").append(kv.getValue());
        }
        return key.toString();
    }

    private static String fingerprint(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(FINGERPRINT_KEY, "HmacSHA256"));
            byte[] digest = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder("#");
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
