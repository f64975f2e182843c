package io.github.osslog.core.oss;

import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.StoreException;

/**
 * A request header's name or value holds a character HTTP does not allow, so the request was not sent (status 0).
 * The message names the header, never the value: it may be a credential. A {@link ErrorKind#CONFIGURATION} error,
 * so the pipeline reports it and keeps the batch. Immutable.
 */
final class InvalidHeaderException extends StoreException {
    private static final long serialVersionUID = 1L;

    InvalidHeaderException(String header) {
        super(ErrorKind.CONFIGURATION, 0, "InvalidHeaderValue", "The request header '" + header
                + "' holds a character HTTP does not allow in its name or value (a control or non-ASCII character),"
                + " so the request was not sent: fix the setting that feeds it (for credentials see"
                + " docs/secrets.md)", null, StoreException.NO_POSITION);
    }
}
