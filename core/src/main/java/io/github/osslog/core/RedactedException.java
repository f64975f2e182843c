package io.github.osslog.core;

import java.io.IOException;

/**
 * A copy of an exception whose message held a secret value, made by {@link Redactor}: the original class name
 * and the redacted message, the original stack trace, and redacted copies of the causes. An {@link IOException},
 * so a redacted I/O failure is still handled as one. Immutable once built.
 */
final class RedactedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String originalClass;

    RedactedException(String originalClass, String redactedMessage) {
        super(redactedMessage == null ? originalClass : originalClass + ": " + redactedMessage);
        this.originalClass = originalClass;
    }

    /** The class name of the exception this copies, e.g. {@code java.lang.IllegalArgumentException}. */
    public String originalClass() {
        return originalClass;
    }
}
