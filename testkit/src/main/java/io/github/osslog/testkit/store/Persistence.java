package io.github.osslog.testkit.store;

import java.io.IOException;

/**
 * Mirrors storage changes somewhere durable. Called while the changed key is locked, so implementations see the
 * changes of one key in order; they must be thread-safe across keys.
 */
interface Persistence {
    Persistence NONE = new Persistence() {
        @Override
        public void bucketCreated(String bucket) {
        }

        @Override
        public void saved(String bucket, String key, StoredObject object, byte[] appended) {
        }

        @Override
        public void deleted(String bucket, String key) {
        }
    };

    void bucketCreated(String bucket) throws IOException;

    /**
     * {@code object} is the new version of {@code key}; {@code appended} is the chunk it added to the previous
     * version, or {@code null} when the object was written whole.
     */
    void saved(String bucket, String key, StoredObject object, byte[] appended) throws IOException;

    void deleted(String bucket, String key) throws IOException;
}
