package io.github.osslog.log4j2;

import io.github.osslog.core.config.Settings;

/**
 * The name an {@link OssManager} is shared under: the appender's name and its whole configuration
 * ({@link Settings#fingerprint()}, key values included), so that a reconfiguration with the same settings
 * finds the running manager and any change makes a new one. Log4j2 prints manager names in status messages; the
 * fingerprint holds no secret. Stateless and thread-safe.
 */
final class ManagerKey {
    private ManagerKey() {
    }

    static String of(String appenderName, Settings settings) {
        return "OssManager[" + appenderName + "]" + settings.fingerprint();
    }
}
