package io.github.osslog.core.store;

/**
 * What a successful append reports. Immutable.
 *
 * @param nextPosition the object length after the append, i.e. the next append position
 * @param crc64 the CRC-64 of the whole object after the append, valid only when {@code hasCrc64}
 * @param hasCrc64 whether the store sent a whole-object CRC (old OSS objects may lack it)
 * @param requestId the server's request id, or {@code null}
 */
public final class AppendResult {
    private final long nextPosition;
    private final long crc64;
    private final boolean hasCrc64;
    private final String requestId;

    public AppendResult(long nextPosition, long crc64, boolean hasCrc64, String requestId) {
        this.nextPosition = nextPosition;
        this.crc64 = crc64;
        this.hasCrc64 = hasCrc64;
        this.requestId = requestId;
    }

    public long nextPosition() {
        return nextPosition;
    }

    public long crc64() {
        return crc64;
    }

    public boolean hasCrc64() {
        return hasCrc64;
    }

    public String requestId() {
        return requestId;
    }

    @Override
    public String toString() {
        return "AppendResult{nextPosition=" + nextPosition
                + ", crc64=" + (hasCrc64 ? Long.toUnsignedString(crc64) : "none")
                + ", requestId=" + requestId + '}';
    }
}
