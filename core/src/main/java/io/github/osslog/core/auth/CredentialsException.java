package io.github.osslog.core.auth;

/** No usable credentials could be obtained. The message names the setting to fix and never contains a secret. */
public class CredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
