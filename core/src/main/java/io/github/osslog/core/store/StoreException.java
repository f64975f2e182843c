package io.github.osslog.core.store;

import java.io.IOException;

/**
 * A store answered a request with an error. Unlike a bare {@link IOException} (which is ambiguous: the request
 * may or may not have been applied), a {@code StoreException} means the server saw the request and rejected it.
 */
public class StoreException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Returned by {@link #nextAppendPosition()} when the error carried no next-append position. */
    public static final long NO_POSITION = -1L;

    private final ErrorKind kind;
    private final int status;
    private final String code;
    private final String requestId;
    private final long nextAppendPosition;

    public StoreException(ErrorKind kind, int status, String code, String message, String requestId,
            long nextAppendPosition) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.requestId = requestId;
        this.nextAppendPosition = nextAppendPosition;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The store's error code, such as {@code PositionNotEqualToLength}; never null, may be empty. */
    public String code() {
        return code;
    }

    /** The server's request id, or {@code null} if it sent none. */
    public String requestId() {
        return requestId;
    }

    /** The object's next append position carried by a position conflict, or {@link #NO_POSITION}. */
    public long nextAppendPosition() {
        return nextAppendPosition;
    }
}
