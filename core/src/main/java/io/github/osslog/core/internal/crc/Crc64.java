package io.github.osslog.core.internal.crc;

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
    /** The polynomial 1 (x^0) in reflected form. */
    private static final long ONE = 1L << 63;
    /** X_POW_2K[k] is x^(2^k) modulo the polynomial; see {@link #combine}. */
    private static final long[] X_POW_2K = powersOfX();
    /**
     * Independent lanes in the braided loop: their table lookups do not wait on each other, so the CPU overlaps them,
     * where the single chain of slicing-by-16 they replaced waited on every lookup. 3 to 5 lanes measured alike and 2
     * barely faster than one chain (figures: docs/benchmark-history.md, "Measurements behind constants in the code").
     */
    private static final int LANES = 4;
    /** Bytes one round of the braided loop consumes: one 8-byte word per lane. */
    private static final int ROUND = 8 * LANES;
    /** Feeds one word: SLICE[j * 256 + b] is b advanced by j + 1 zero bytes, so row 0 also feeds single bytes. */
    private static final long[] SLICE = advanceTable(1);
    /** Feeds one word and then skips the other lanes' words: the rows advance by ROUND - 7 to ROUND zero bytes. */
    private static final long[] BRAID = advanceTable(ROUND - 7);
    /** Reads eight bytes as one little-endian long (plain access, which every JDK from 9 on supports). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
        /*
         * A table-driven CRC is one long chain of dependent lookups, so large inputs run four chains at once
         * (zlib's "braided" CRC). Word j of the input belongs to lane j % 4; each lane keeps its own raw register,
         * which BRAID advances past its word and the three words of the other lanes at once. The lanes never wait
         * on each other, so the CPU overlaps their lookups. The last round joins them into one chain word by word:
         * a lane's register holds its earlier words advanced to exactly where its last word enters that chain, so
         * it is xored in along with that word.
         */
        if (len >= 2 * ROUND) {
            long c0 = c;
            long c1 = 0;
            long c2 = 0;
            long c3 = 0;
            // a counted "i < limit" loop: C2 compiles the "<=" form of the same bound about 10% slower
            for (int lastRound = off + (len / ROUND - 1) * ROUND; i < lastRound; i += ROUND) {
                c0 = fold(BRAID, c0 ^ (long) LONGS.get(b, i));
                c1 = fold(BRAID, c1 ^ (long) LONGS.get(b, i + 8));
                c2 = fold(BRAID, c2 ^ (long) LONGS.get(b, i + 16));
                c3 = fold(BRAID, c3 ^ (long) LONGS.get(b, i + 24));
            }
            c = fold(SLICE, c0 ^ (long) LONGS.get(b, i));
            c = fold(SLICE, c ^ c1 ^ (long) LONGS.get(b, i + 8));
            c = fold(SLICE, c ^ c2 ^ (long) LONGS.get(b, i + 16));
            c = fold(SLICE, c ^ c3 ^ (long) LONGS.get(b, i + 24));
            i += ROUND;
        }
        for (int wordsEnd = end - 7; i < wordsEnd; i += 8) {
            c = fold(SLICE, c ^ (long) LONGS.get(b, i));
        }
        for (; i < end; i++) {
            c = SLICE[(int) (c ^ b[i]) & 0xff] ^ (c >>> 8);
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
            c = fold(SLICE, c ^ le.getLong());
        }
        while (le.hasRemaining()) {
            c = SLICE[(int) (c ^ le.get()) & 0xff] ^ (c >>> 8);
        }
        buf.position(buf.limit());
        return ~c;
    }

    /**
     * Advances the raw register {@code x}, a word already xored in (little-endian), by as many zero bytes as row 7
     * of {@code t} does: byte k of {@code x} is k bytes further along than byte 0, so it takes row 7 - k.
     */
    private static long fold(long[] t, long x) {
        return t[7 * 256 + ((int) x & 0xff)] ^ t[6 * 256 + ((int) (x >>> 8) & 0xff)]
                ^ t[5 * 256 + ((int) (x >>> 16) & 0xff)] ^ t[4 * 256 + ((int) (x >>> 24) & 0xff)]
                ^ t[3 * 256 + ((int) (x >>> 32) & 0xff)] ^ t[2 * 256 + ((int) (x >>> 40) & 0xff)]
                ^ t[256 + ((int) (x >>> 48) & 0xff)] ^ t[(int) (x >>> 56)];
    }

    /**
     * Eight rows of 256 for {@link #fold}: row j holds, for each byte value b, the raw register that holds just b
     * after {@code first + j} zero bytes are fed in (computed bit by bit from the definition).
     */
    private static long[] advanceTable(int first) {
        long[] t = new long[8 * 256];
        for (int b = 0; b < 256; b++) {
            long r = b;
            for (int n = 1; n < first + 8; n++) {
                for (int bit = 0; bit < 8; bit++) {
                    r = (r & 1) != 0 ? (r >>> 1) ^ POLY : r >>> 1;
                }
                if (n >= first) {
                    t[(n - first) * 256 + b] = r;
                }
            }
        }
        return t;
    }

    /**
     * The CRC of {@code A || B} given {@code crc1 = crc(A)}, {@code crc2 = crc(B)} and {@code len2 = length(B)}:
     * {@code crc1} times x^(8 len2) modulo the polynomial, plus {@code crc2} (zlib's {@code crc32_combine} since
     * 1.2.12). One carry-less multiplication per set bit of {@code len2}, each at most 64 shift-and-xor steps, where
     * the GF(2) matrix method it replaced squared a 64x64 matrix for every binary digit of {@code len2}.
     */
    public static long combine(long crc1, long crc2, long len2) {
        if (len2 < 0) {
            throw new IllegalArgumentException("len2 must not be negative, was " + len2);
        }
        if (len2 == 0) {
            return crc1; // as zlib and the SDK: no second part, whatever crc2 says
        }
        long power = ONE; // x^(8 len2), built from x^(2^k) for the set bits of 8 len2
        for (int k = 3; len2 != 0; k++, len2 >>>= 1) {
            if ((len2 & 1) != 0) {
                power = multiplyModPoly(X_POW_2K[k], power);
            }
        }
        return multiplyModPoly(power, crc1) ^ crc2;
    }

    /** The product of {@code a} and {@code b} modulo the polynomial, both in reflected form (bit 63 is x^0). */
    private static long multiplyModPoly(long a, long b) {
        long product = 0;
        for (long m = ONE; a != 0; m >>>= 1) {
            if ((a & m) != 0) {
                product ^= b;
                a ^= m;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return product;
    }

    /** X_POW_2K[k] is x^(2^k) modulo the polynomial, reflected; 8 len2 below 2^66 needs k up to 65. */
    private static long[] powersOfX() {
        long[] table = new long[66];
        table[0] = ONE >>> 1; // x^1
        for (int k = 1; k < table.length; k++) {
            table[k] = multiplyModPoly(table[k - 1], table[k - 1]);
        }
        return table;
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
