package io.github.osslog.core.oss;

import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.StoreException;

/**
 * OSS answered a request with an error: HTTP status, OSS error code, EC, request id and message, classified into
 * an {@link ErrorKind}. Immutable. The message never contains credentials.
 */
public final class OssException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String ec;
    private final String hostId;
    private final String ossMessage;

    OssException(ErrorKind kind, int status, String code, String ossMessage, String requestId, String ec,
            String hostId, long nextAppendPosition) {
        super(kind, status, code, describe(status, code, ossMessage, requestId, ec), requestId, nextAppendPosition);
        this.ec = ec;
        this.hostId = hostId;
        this.ossMessage = ossMessage;
    }

    private static String describe(int status, String code, String message, String requestId, String ec) {
        StringBuilder sb = new StringBuilder("OSS error ").append(status);
        if (!code.isEmpty()) {
            sb.append(' ').append(code);
        }
        if (message != null && !message.isEmpty()) {
            sb.append(": ").append(message);
        }
        if (ec != null) {
            sb.append(" (EC ").append(ec).append(')');
        }
        if (requestId != null) {
            sb.append(" [request id ").append(requestId).append(']');
        }
        return sb.toString();
    }

    /** OSS's detailed error code (EC), e.g. {@code 0026-00000001}, or {@code null}. */
    public String ec() {
        return ec;
    }

    /** The host id OSS reported, or {@code null}. */
    public String hostId() {
        return hostId;
    }

    /** OSS's own message text, or {@code null}. */
    public String ossMessage() {
        return ossMessage;
    }
}
