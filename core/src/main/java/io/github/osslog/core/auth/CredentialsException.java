package io.github.osslog.core.auth;

/** No usable credentials could be obtained. The message names the setting to fix and never contains a secret. */
public class CredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public CredentialsException(String message) {
        this(null, message, null);
    }

    public CredentialsException(String message, Throwable cause) {
        this(null, message, cause);
    }

    private CredentialsException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /** A problem with the value of the configuration setting {@code setting} (e.g. {@code accessKeySecret}). */
    static CredentialsException inSetting(String setting, String message) {
        return new CredentialsException(setting, message, null);
    }

    /** The configuration setting whose value is at fault, or {@code null} when the problem is not in one. */
    public String setting() {
        return setting;
    }
}
