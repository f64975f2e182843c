package io.github.osslog.reader;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One object a key pattern produced, as discovery saw it: key, size, type and last modification, plus where it sits
 * in write order (time bucket, writer identity, index). Immutable.
 */
public final class LogObject {
    /** Write order: time bucket, then writer identity (the open parts' values), then {@code %i}. */
    public static final Comparator<LogObject> WRITE_ORDER = Comparator.comparing(LogObject::bucketStart)
            .thenComparing(LogObject::identity).thenComparingInt(LogObject::index);

    private final String key;
    private final long size;
    private final String type;
    private final Instant lastModified;
    private final Instant bucketStart;
    private final String identity;
    private final int index;

    LogObject(String key, long size, String type, Instant lastModified, Instant bucketStart, String identity,
            int index) {
        this.key = Objects.requireNonNull(key, "key");
        this.size = size;
        this.type = type == null ? "Unknown" : type;
        this.lastModified = lastModified;
        this.bucketStart = bucketStart;
        this.identity = identity;
        this.index = index;
    }

    public String key() {
        return key;
    }

    /** The size in bytes when discovered. */
    public long size() {
        return size;
    }

    /** {@code Appendable}, {@code Normal} (e.g. replaced by another writer's PutObject), {@code Multipart}. */
    public String type() {
        return type;
    }

    /** When OSS last modified it, or {@code null} if the store did not say. */
    public Instant lastModified() {
        return lastModified;
    }

    /** The start of the object's time bucket (to the pattern's resolution). */
    public Instant bucketStart() {
        return bucketStart;
    }

    /** The values of the pattern's open parts joined by '/', empty when every part was given. */
    public String identity() {
        return identity;
    }

    /** The rollover index {@code %i}. */
    public int index() {
        return index;
    }

    /** Whether it is a gzip stream, judged by the key ({@code .gz}), as the appenders name them. */
    public boolean isGzip() {
        return key.endsWith(".gz");
    }

    /** The same object with a newer size and type. */
    LogObject withSize(long newSize, String newType, Instant modified) {
        return new LogObject(key, newSize, newType, modified, bucketStart, identity, index);
    }

    @Override
    public String toString() {
        return key + " (" + size + " bytes, " + type + ")";
    }
}
