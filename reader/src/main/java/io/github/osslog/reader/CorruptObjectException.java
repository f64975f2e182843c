package io.github.osslog.reader;

import java.io.IOException;

/** An object's bytes cannot be decoded (not gzip where gzip was expected, a bad CRC): reading it again cannot help. */
public final class CorruptObjectException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptObjectException(String message) {
        super(message);
    }
}
