package io.github.osslog.core.crc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * CRC-64/XZ, the function OSS calls "crc64ecma" and returns in {@code x-oss-hash-crc64ecma}. Stateless and
 * thread-safe. A CRC is passed around as a {@code long} holding the unsigned 64-bit value; 0 is the CRC of no data.
 * Because of the pre/post inversion, {@code update(crc(A), B)} is {@code crc(A || B)}.
 */
public final class Crc64 {
    /** The reflected form of the polynomial 0x42F0E1EBA9EA3693. */
    private static final long POLY = 0xC96C5795D7870F42L;
    private static final int GF2_DIM = 64;
    /**
     * T[k * 256 + b]: the CRC contribution of byte b followed by k zero bytes, for slicing-by-16 (32 KiB). One flat
     * array rather than sixteen: a row is an offset, not another array to load and bounds-check. Measured on this
     * project's machine: 1.1 GB/s for slicing-by-8 over eight arrays, 1.5 GB/s flat by 8, 1.5-1.8 GB/s flat by 16.
     */
    private static final long[] T = new long[16 * 256];
    /** Reads eight bytes as one little-endian long (plain access, which every JDK from 9 on supports). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            T[n] = c;
        }
        for (int n = 0; n < 256; n++) {
            long c = T[n];
            for (int k = 1; k < 16; k++) {
                c = T[(int) c & 0xff] ^ (c >>> 8);
                T[k * 256 + n] = c;
            }
        }
    }

    private Crc64() {
    }

    /** The CRC of {@code b[off, off + len)}. */
    public static long compute(byte[] b, int off, int len) {
        return update(0L, b, off, len);
    }

    /** Continues {@code crc}, the CRC of the data so far (0 for none), over {@code b[off, off + len)}. */
    public static long update(long crc, byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException(
                    "range [" + off + ", " + off + " + " + len + ") is outside an array of length " + b.length);
        }
        long c = ~crc;
        int i = off;
        int end = off + len;
        final long[] t = T;
        for (int fast = end - 15; i < fast; i += 16) {
            long lo = c ^ (long) LONGS.get(b, i);
            long hi = (long) LONGS.get(b, i + 8);
            c = t[15 * 256 + ((int) lo & 0xff)] ^ t[14 * 256 + ((int) (lo >>> 8) & 0xff)]
                    ^ t[13 * 256 + ((int) (lo >>> 16) & 0xff)] ^ t[12 * 256 + ((int) (lo >>> 24) & 0xff)]
                    ^ t[11 * 256 + ((int) (lo >>> 32) & 0xff)] ^ t[10 * 256 + ((int) (lo >>> 40) & 0xff)]
                    ^ t[9 * 256 + ((int) (lo >>> 48) & 0xff)] ^ t[8 * 256 + (int) (lo >>> 56)]
                    ^ t[7 * 256 + ((int) hi & 0xff)] ^ t[6 * 256 + ((int) (hi >>> 8) & 0xff)]
                    ^ t[5 * 256 + ((int) (hi >>> 16) & 0xff)] ^ t[4 * 256 + ((int) (hi >>> 24) & 0xff)]
                    ^ t[3 * 256 + ((int) (hi >>> 32) & 0xff)] ^ t[2 * 256 + ((int) (hi >>> 40) & 0xff)]
                    ^ t[256 + ((int) (hi >>> 48) & 0xff)] ^ t[(int) (hi >>> 56)];
        }
        for (int fast = end - 7; i < fast; i += 8) {
            c = slice8(c ^ (long) LONGS.get(b, i));
        }
        for (; i < end; i++) {
            c = T[(int) (c ^ b[i]) & 0xff] ^ (c >>> 8);
        }
        return ~c;
    }

    /**
     * Continues {@code crc} over the {@code buf.remaining()} bytes of {@code buf} (heap or direct) and advances its
     * position to its limit.
     */
    public static long update(long crc, ByteBuffer buf) {
        if (buf.hasArray()) {
            int pos = buf.position();
            long result = update(crc, buf.array(), buf.arrayOffset() + pos, buf.remaining());
            buf.position(buf.limit());
            return result;
        }
        long c = ~crc;
        ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        while (le.remaining() >= 8) {
            c = slice8(c ^ le.getLong());
        }
        while (le.hasRemaining()) {
            c = T[(int) (c ^ le.get()) & 0xff] ^ (c >>> 8);
        }
        buf.position(buf.limit());
        return ~c;
    }

    /** Feeds the eight bytes already xored into {@code c} (little-endian) through the tables. */
    private static long slice8(long c) {
        return T[7 * 256 + ((int) c & 0xff)] ^ T[6 * 256 + ((int) (c >>> 8) & 0xff)]
                ^ T[5 * 256 + ((int) (c >>> 16) & 0xff)] ^ T[4 * 256 + ((int) (c >>> 24) & 0xff)]
                ^ T[3 * 256 + ((int) (c >>> 32) & 0xff)] ^ T[2 * 256 + ((int) (c >>> 40) & 0xff)]
                ^ T[256 + ((int) (c >>> 48) & 0xff)] ^ T[(int) (c >>> 56)];
    }

    /**
     * The CRC of {@code A || B} given {@code crc1 = crc(A)}, {@code crc2 = crc(B)} and {@code len2 = length(B)},
     * using zlib's GF(2) matrix method in O(log len2).
     */
    public static long combine(long crc1, long crc2, long len2) {
        if (len2 < 0) {
            throw new IllegalArgumentException("len2 must not be negative, was " + len2);
        }
        if (len2 == 0) {
            return crc1;
        }
        long[] even = new long[GF2_DIM];
        long[] odd = new long[GF2_DIM];
        // odd: the operator for one zero bit
        odd[0] = POLY;
        long row = 1;
        for (int n = 1; n < GF2_DIM; n++) {
            odd[n] = row;
            row <<= 1;
        }
        gf2MatrixSquare(even, odd); // two zero bits
        gf2MatrixSquare(odd, even); // four zero bits
        long crc = crc1;
        long remaining = len2;
        // apply len2 zero bytes to crc1; the first squaring below yields the one-byte operator
        do {
            gf2MatrixSquare(even, odd);
            if ((remaining & 1) != 0) {
                crc = gf2MatrixTimes(even, crc);
            }
            remaining >>>= 1;
            if (remaining == 0) {
                break;
            }
            gf2MatrixSquare(odd, even);
            if ((remaining & 1) != 0) {
                crc = gf2MatrixTimes(odd, crc);
            }
            remaining >>>= 1;
        } while (remaining != 0);
        return crc ^ crc2;
    }

    private static long gf2MatrixTimes(long[] mat, long vec) {
        long sum = 0;
        for (int i = 0; vec != 0; i++, vec >>>= 1) {
            if ((vec & 1) != 0) {
                sum ^= mat[i];
            }
        }
        return sum;
    }

    private static void gf2MatrixSquare(long[] square, long[] mat) {
        for (int n = 0; n < GF2_DIM; n++) {
            square[n] = gf2MatrixTimes(mat, mat[n]);
        }
    }

    /** The CRC as the unsigned decimal string OSS uses in {@code x-oss-hash-crc64ecma}. */
    public static String toUnsigned(long crc) {
        return Long.toUnsignedString(crc);
    }

    /** Parses an {@code x-oss-hash-crc64ecma} header value (unsigned decimal, up to 2^64 - 1). */
    public static long parseUnsigned(String header) {
        if (header == null) {
            throw new IllegalArgumentException("CRC-64 header value is missing");
        }
        try {
            return Long.parseUnsignedLong(header.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "CRC-64 header value '" + header + "' is not an unsigned 64-bit decimal number", e);
        }
    }
}
