package io.github.osslog.core.store;

/**
 * The limits of an appendable store, so the pipeline can roll objects before hitting them. Immutable.
 *
 * @param maxObjectSize the largest object the store allows, in bytes (OSS: 5 GiB)
 * @param maxAppendsPerObject how many appends one object takes, or {@link Long#MAX_VALUE} for no cap
 *     (OSS documents none; Huawei OBS and S3 Express cap it at 10,000)
 */
public final class StoreLimits {
    /** The limits of Alibaba Cloud OSS appendable objects. */
    public static final StoreLimits OSS = new StoreLimits(5L << 30, Long.MAX_VALUE);

    private final long maxObjectSize;
    private final long maxAppendsPerObject;

    public StoreLimits(long maxObjectSize, long maxAppendsPerObject) {
        if (maxObjectSize <= 0) {
            throw new IllegalArgumentException("maxObjectSize must be positive, was " + maxObjectSize);
        }
        if (maxAppendsPerObject <= 0) {
            throw new IllegalArgumentException("maxAppendsPerObject must be positive, was " + maxAppendsPerObject);
        }
        this.maxObjectSize = maxObjectSize;
        this.maxAppendsPerObject = maxAppendsPerObject;
    }

    public long maxObjectSize() {
        return maxObjectSize;
    }

    public long maxAppendsPerObject() {
        return maxAppendsPerObject;
    }
}
