package io.github.osslog.core.internal.pipeline;

import java.util.Arrays;

/**
 * The batch being filled: encoded events back to back, reused from batch to batch. Not thread-safe: confined to
 * the shipper thread.
 */
final class BatchBuffer {
    private byte[] bytes;
    private int size;
    private int events;

    BatchBuffer(int initialCapacity) {
        this.bytes = new byte[initialCapacity];
    }

    /** Adds one event. */
    void addEvent(byte[] src, int off, int len) {
        addBytes(src, off, len);
        events++;
    }

    /** Adds bytes that are not an event of their own (a drop notice). */
    void addBytes(byte[] src, int off, int len) {
        if (size + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + len, bytes.length * 2));
        }
        System.arraycopy(src, off, bytes, size, len);
        size += len;
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    int events() {
        return events;
    }

    boolean isEmpty() {
        return events == 0 && size == 0;
    }

    void clear() {
        size = 0;
        events = 0;
    }
}
