package io.github.osslog.core.oss;

import java.io.IOException;

/**
 * A response OSS sent could not be read (a header value out of range or not a number, a body too long). A plain
 * {@link IOException}, not a {@code StoreException}: the request may or may not have been applied, so the pipeline
 * treats it as an ambiguous outcome and reconciles the object by HEAD before sending again
 * (docs/reconciliation.md). Its message quotes at most a short, sanitized part of the offending value.
 */
public final class MalformedResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
        super(message);
    }
}
