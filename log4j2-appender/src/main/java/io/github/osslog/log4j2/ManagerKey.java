package io.github.osslog.log4j2;

import io.github.osslog.core.setup.ShipperSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The name an {@link OssManager} is shared under: the appender's name and its whole configuration, so that a
 * reconfiguration with the same settings finds the running manager and any change makes a new one. Log4j2 prints
 * manager names in status messages, so secrets enter only as a keyed fingerprint whose key is random per JVM:
 * equal secrets match, and nothing printed helps to guess a secret. Stateless and thread-safe.
 */
final class ManagerKey {
    private static final byte[] FINGERPRINT_KEY = randomKey();

    private ManagerKey() {
    }

    static String of(String appenderName, ShipperSettings settings, Map<String, String> keyValues) {
        StringBuilder key = new StringBuilder("OssManager[").append(appenderName).append(']');
        for (String property : ShipperSettings.PROPERTIES) {
            String value = settings.get(property);
            if (value != null) {
                key.append(' ').append(property).append('=')
                        .append(ShipperSettings.SECRETS.contains(property) ? fingerprint(value) : value);
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
