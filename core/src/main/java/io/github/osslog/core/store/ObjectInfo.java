package io.github.osslog.core.store;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** What a HEAD of an existing object reports. Immutable. */
public final class ObjectInfo {
    private final ObjectType type;
    private final long length;
    private final long nextAppendPosition;
    private final long crc64;
    private final boolean hasCrc64;
    private final String etag;
    private final String contentType;
    private final Map<String, String> userMetadata;
    private final String requestId;

    public ObjectInfo(ObjectType type, long length, long nextAppendPosition, long crc64, boolean hasCrc64,
            String etag, String contentType, Map<String, String> userMetadata, String requestId) {
        this.type = type;
        this.length = length;
        this.nextAppendPosition = nextAppendPosition;
        this.crc64 = crc64;
        this.hasCrc64 = hasCrc64;
        this.etag = etag;
        this.contentType = contentType;
        this.userMetadata = Collections.unmodifiableMap(new TreeMap<>(userMetadata));
        this.requestId = requestId;
    }

    public ObjectType type() {
        return type;
    }

    /** The object's length in bytes. */
    public long length() {
        return length;
    }

    /** The next append position of an appendable object, or {@link StoreException#NO_POSITION} for other types. */
    public long nextAppendPosition() {
        return nextAppendPosition;
    }

    public long crc64() {
        return crc64;
    }

    public boolean hasCrc64() {
        return hasCrc64;
    }

    public String etag() {
        return etag;
    }

    public String contentType() {
        return contentType;
    }

    /** User metadata ({@code x-oss-meta-*}) with the prefix removed and names in lower case. */
    public Map<String, String> userMetadata() {
        return userMetadata;
    }

    public String requestId() {
        return requestId;
    }

    @Override
    public String toString() {
        return "ObjectInfo{type=" + type + ", length=" + length + ", nextAppendPosition=" + nextAppendPosition
                + ", crc64=" + (hasCrc64 ? Long.toUnsignedString(crc64) : "none") + '}';
    }
}
