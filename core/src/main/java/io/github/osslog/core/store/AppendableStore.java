package io.github.osslog.core.store;

import java.io.IOException;
import java.util.Map;

/**
 * An object store with appendable objects: Alibaba Cloud OSS today; Tencent COS, Huawei OBS or S3 Express could
 * fit behind it. Implementations must be thread-safe. The pipeline never pipelines appends to one key.
 */
public interface AppendableStore {

    /**
     * Appends {@code len} bytes of {@code data} at {@code position} of {@code key}, creating the object when
     * {@code position} is 0.
     *
     * @param creationHeaders headers that only apply when the append creates the object (content type, metadata,
     *     storage class, ...); callers pass them only at position 0
     * @throws StoreException when the store answered with an error ({@link StoreException#kind()} says what to do)
     * @throws IOException when the outcome is unknown (timeout, reset): the append may or may not have landed
     */
    AppendResult append(String key, long position, byte[] data, int off, int len, Map<String, String> creationHeaders)
            throws IOException;

    /**
     * Returns what the store knows about {@code key}, or {@code null} when no object has that key.
     *
     * @throws StoreException when the store answered with an error
     * @throws IOException when no answer came
     */
    ObjectInfo head(String key) throws IOException;

    /** This store's limits. */
    StoreLimits limits();
}
