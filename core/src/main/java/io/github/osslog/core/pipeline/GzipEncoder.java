package io.github.osslog.core.pipeline;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes each batch as complete gzip members (RFC 1952), so appended batches form one valid multi-member gzip
 * stream. With a helper thread (a {@code helperName}), a batch of at least {@link #SPLIT_AT} bytes becomes two
 * members, its second half deflated on the helper thread while the calling thread deflates the first: deflate is
 * the shipper's whole cost with gzip, and one core's worth of it limited end-to-end throughput
 * (docs/compression.md). Each side reuses its own {@link Deflater} and output array. Not thread-safe: confined to
 * the shipper thread.
 */
final class GzipEncoder implements AutoCloseable {
    /** Smaller batches are one member: splitting them would cost more in hand-over than it saves. */
    static final int SPLIT_AT = 256 << 10;

    private final Member first;
    private final Member second;
    private final ExecutorService helper;

    /** {@code level}: the {@link Deflater} level, 1 to 9; {@code helperName}: the helper thread's, or null for none. */
    GzipEncoder(int initialCapacity, int level, String helperName) {
        this.first = new Member(initialCapacity, level);
        if (helperName == null) {
            this.second = null;
            this.helper = null;
        } else {
            this.second = new Member(initialCapacity / 2 + 64, level);
            this.helper = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, helperName);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Encodes {@code in[off, off + len)}; the members are {@link #output()}{@code [0, return value)}. */
    int encode(byte[] in, int off, int len) {
        if (helper == null || len < SPLIT_AT) {
            return first.encode(in, off, len);
        }
        int half = len / 2;
        Future<Integer> tail = helper.submit(() -> second.encode(in, off + half, len - half));
        int size = first.encode(in, off, half);
        int tailSize = await(tail);
        first.ensureCapacity(size + tailSize);
        System.arraycopy(second.out, 0, first.out, size, tailSize);
        return size + tailSize;
    }

    /** The helper's result; an interrupt is kept for the caller, since the task is short and its bytes are needed. */
    private static int await(Future<Integer> tail) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return tail.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("gzip helper failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The array holding the last batch's members. */
    byte[] output() {
        return first.out;
    }

    /** Called when no {@link #encode} runs. */
    @Override
    public void close() {
        if (helper != null) {
            helper.shutdown();
            second.deflater.end();
        }
        first.deflater.end();
    }

    /** One member's deflater and output. */
    private static final class Member {
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        private static final int TRAILER = 8;
        private final Deflater deflater;
        private final CRC32 crc = new CRC32();
        private byte[] out;

        Member(int initialCapacity, int level) {
            this.deflater = new Deflater(level, true);
            this.out = new byte[Math.max(initialCapacity, 64)];
        }

        int encode(byte[] in, int off, int len) {
            System.arraycopy(HEADER, 0, out, 0, HEADER.length);
            int size = HEADER.length;
            deflater.reset();
            deflater.setInput(in, off, len);
            deflater.finish();
            while (!deflater.finished()) {
                if (size == out.length - TRAILER) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                size += deflater.deflate(out, size, out.length - TRAILER - size);
            }
            crc.reset();
            crc.update(in, off, len);
            size = putIntLe(size, (int) crc.getValue());
            return putIntLe(size, len);
        }

        void ensureCapacity(int capacity) {
            if (out.length < capacity) {
                out = Arrays.copyOf(out, capacity);
            }
        }

        private int putIntLe(int at, int value) {
            out[at] = (byte) value;
            out[at + 1] = (byte) (value >>> 8);
            out[at + 2] = (byte) (value >>> 16);
            out[at + 3] = (byte) (value >>> 24);
            return at + 4;
        }
    }
}
