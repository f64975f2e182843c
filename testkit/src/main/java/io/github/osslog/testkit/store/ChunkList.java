package io.github.osslog.testkit.store;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An immutable view of an object's bytes as a sequence of chunks. Views that extend the newest view share one
 * append-only backing array, so an append costs O(1) and never copies object data. Thread-safe.
 */
final class ChunkList {
    private static final ChunkList EMPTY = new ChunkList(new Backing(), 0, 0L);

    /** Append-only storage shared by successive views; chunks are never modified once added. */
    private static final class Backing {
        private byte[][] chunks = new byte[4][];
        private int size;

        synchronized boolean tryAppend(int expectedSize, byte[] chunk) {
            if (size != expectedSize) {
                return false;
            }
            if (size == chunks.length) {
                chunks = Arrays.copyOf(chunks, size * 2);
            }
            chunks[size++] = chunk;
            return true;
        }

        synchronized byte[][] prefix(int count) {
            return Arrays.copyOf(chunks, count);
        }
    }

    private final Backing backing;
    private final int count;
    private final long length;

    private ChunkList(Backing backing, int count, long length) {
        this.backing = backing;
        this.count = count;
        this.length = length;
    }

    static ChunkList empty() {
        return EMPTY;
    }

    static ChunkList of(byte[] bytes) {
        return empty().plus(bytes);
    }

    long length() {
        return length;
    }

    /** This view followed by {@code chunk}; the chunk is kept, not copied. */
    ChunkList plus(byte[] chunk) {
        if (chunk.length == 0) {
            return this;
        }
        if (this != EMPTY && backing.tryAppend(count, chunk)) {
            return new ChunkList(backing, count + 1, length + chunk.length);
        }
        // an older view (or the shared empty one) branches off into its own backing array
        Backing fresh = new Backing();
        for (byte[] c : backing.prefix(count)) {
            fresh.tryAppend(fresh.size, c);
        }
        fresh.tryAppend(fresh.size, chunk);
        return new ChunkList(fresh, count + 1, length + chunk.length);
    }

    /** Writes bytes {@code [from, to)} of this view to {@code out}. */
    void writeTo(OutputStream out, long from, long to) throws IOException {
        long start = 0;
        for (byte[] chunk : backing.prefix(count)) {
            long end = start + chunk.length;
            if (end > from && start < to) {
                int off = (int) Math.max(0, from - start);
                int stop = (int) Math.min(chunk.length, to - start);
                out.write(chunk, off, stop - off);
            }
            if (end >= to) {
                return;
            }
            start = end;
        }
    }
}
