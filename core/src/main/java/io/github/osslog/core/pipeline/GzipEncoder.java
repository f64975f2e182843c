package io.github.osslog.core.pipeline;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes each batch as one complete gzip member (RFC 1952), reusing one {@link Deflater} and one output array,
 * so appended members form one valid multi-member gzip stream. Not thread-safe: confined to the shipper thread.
 */
final class GzipEncoder implements AutoCloseable {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int TRAILER = 8;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private byte[] out;

    /** {@code level}: the {@link Deflater} level, 1 to 9. */
    GzipEncoder(int initialCapacity, int level) {
        this.deflater = new Deflater(level, true);
        this.out = new byte[Math.max(initialCapacity, 64)];
    }

    /** Encodes {@code in[off, off + len)}; the member is {@link #output()}{@code [0, return value)}. */
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

    /** The array holding the last member. */
    byte[] output() {
        return out;
    }

    private int putIntLe(int at, int value) {
        out[at] = (byte) value;
        out[at + 1] = (byte) (value >>> 8);
        out[at + 2] = (byte) (value >>> 16);
        out[at + 3] = (byte) (value >>> 24);
        return at + 4;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
