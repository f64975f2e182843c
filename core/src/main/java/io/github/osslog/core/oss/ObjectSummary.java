package io.github.osslog.core.oss;

import java.time.Instant;

/** One entry of a {@link ObjectListing}. Immutable. */
public final class ObjectSummary {
    private final String key;
    private final long size;
    private final String etag;
    private final Instant lastModified;
    private final String type;

    ObjectSummary(String key, long size, String etag, Instant lastModified, String type) {
        this.key = key;
        this.size = size;
        this.etag = etag;
        this.lastModified = lastModified;
        this.type = type;
    }

    public String key() {
        return key;
    }

    public long size() {
        return size;
    }

    public String etag() {
        return etag;
    }

    /** When the object was last written, or {@code null} if OSS did not say. */
    public Instant lastModified() {
        return lastModified;
    }

    /** OSS's object type: {@code Appendable}, {@code Normal}, {@code Multipart}, or {@code null}. */
    public String type() {
        return type;
    }

    @Override
    public String toString() {
        return key + " (" + size + " bytes, " + type + ")";
    }
}
