package io.github.osslog.core.internal.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Raw deflate (RFC 1951) for {@code compressionLevel} 1: greedy LZ77 with one hash probe per position and one final
 * block of the fixed Huffman codes, the design of zlib-ng's level 1 ("deflate_quick"). On log text it runs several
 * times as fast as zlib's level 1 for somewhat more bytes (figures: docs/compression.md); any inflater reads it.
 * Public on purpose, as the one measured part the benchmarks module calls directly
 * ({@code CorePartsBenchmark.deflateQuick}); the pipeline reaches it through its gzip encoder. Not thread-safe: one per
 * thread.
 */
public final class QuickDeflate {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** 64 Ki positions: smaller tables (15 and 12 bits) measured larger output, and slower. */
    private static final int HASH_BITS = 16;
    private static final int WINDOW = 32768;
    private static final int MIN_MATCH = 4;
    private static final int MAX_MATCH = 258;
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    /** LITERAL[b]: literal b's fixed code, bit-reversed (deflate sends Huffman codes high bit first), length << 16. */
    private static final int[] LITERAL = new int[256];
    /** LENGTH[n]: a match of n bytes, its code and extra bits in sending order, their length << 24. */
    private static final int[] LENGTH = new int[MAX_MATCH + 1];
    /** The fixed 5-bit distance codes, bit-reversed. */
    private static final int[] DISTANCE = new int[30];

    static {
        for (int b = 0; b < 256; b++) {
            LITERAL[b] = b < 144 ? reversed(0x30 + b, 8) | 8 << 16 : reversed(0x190 + b - 144, 9) | 9 << 16;
        }
        for (int code = 0; code < LENGTH_BASE.length; code++) {
            int symbol = 257 + code;
            int bits = symbol < 280 ? 7 : 8;
            int huffman = symbol < 280 ? reversed(symbol - 256, 7) : reversed(0xC0 + symbol - 280, 8);
            int next = code + 1 < LENGTH_BASE.length ? LENGTH_BASE[code + 1] : MAX_MATCH + 1;
            for (int n = LENGTH_BASE[code]; n < next; n++) {
                LENGTH[n] = huffman | (n - LENGTH_BASE[code]) << bits | (bits + LENGTH_EXTRA[code]) << 24;
            }
        }
        for (int code = 0; code < DISTANCE.length; code++) {
            DISTANCE[code] = reversed(code, 5);
        }
    }

    private final int[] table = new int[1 << HASH_BITS];
    private long bitBuffer;
    private int bitCount;
    private byte[] out;
    private int outPos;

    /** The most bytes {@link #deflate} writes for {@code len} bytes: 9 bits a byte at worst, and the block's frame. */
    public static int bound(int len) {
        return len + (len >>> 3) + 16;
    }

    /**
     * Deflates {@code in[off, off + len)} into {@code out} from {@code outOff}, which must have {@link #bound} bytes
     * of room; returns the end of what it wrote.
     */
    public int deflate(byte[] in, int off, int len, byte[] out, int outOff) {
        this.out = out;
        this.outPos = outOff;
        bitBuffer = 0;
        bitCount = 0;
        Arrays.fill(table, Integer.MIN_VALUE);
        put(1 | 1 << 1, 3); // BFINAL = 1, BTYPE = 01 (fixed Huffman codes)
        int end = off + len;
        int i = off;
        for (int last = end - 8; i < last; ) { // a match start needs 4 bytes, the 8-byte compare below 8
            int word = (int) INTS.get(in, i);
            int h = (word * 0x9E3779B1) >>> (32 - HASH_BITS);
            int candidate = table[h];
            table[h] = i;
            if (candidate >= off && i - candidate <= WINDOW && (int) INTS.get(in, candidate) == word) {
                int n = matchLength(in, candidate, i, Math.min(MAX_MATCH, end - i));
                putMatch(n, i - candidate);
                i += n;
            } else {
                putLiteral(in[i]);
                i++;
            }
        }
        for (; i < end; i++) {
            putLiteral(in[i]);
        }
        put(0, 7); // end of block: symbol 256, seven zero bits
        while (bitCount > 0) {
            out[outPos++] = (byte) bitBuffer;
            bitBuffer >>>= 8;
            bitCount -= 8;
        }
        bitCount = 0;
        this.out = null;
        return outPos;
    }

    /** How many bytes at {@code from} repeat those at {@code earlier}, at least {@link #MIN_MATCH}, at most max. */
    private static int matchLength(byte[] in, int earlier, int from, int max) {
        int n = MIN_MATCH;
        while (n + 8 <= max) {
            long diff = (long) LONGS.get(in, earlier + n) ^ (long) LONGS.get(in, from + n);
            if (diff != 0) {
                return n + (Long.numberOfTrailingZeros(diff) >>> 3);
            }
            n += 8;
        }
        while (n < max && in[earlier + n] == in[from + n]) {
            n++;
        }
        return n;
    }

    private void putLiteral(byte b) {
        int code = LITERAL[b & 0xff];
        put(code & 0xffff, code >>> 16);
    }

    /** A match of {@code n} bytes at {@code distance}: at most 8 + 5 + 5 + 13 = 31 bits in one put. */
    private void putMatch(int n, int distance) {
        int length = LENGTH[n];
        int d = distance - 1;
        int code;
        int extraBits;
        if (d < 4) {
            code = d;
            extraBits = 0;
        } else {
            int log = 31 - Integer.numberOfLeadingZeros(d);
            extraBits = log - 1;
            code = 2 * log + ((d >>> extraBits) & 1);
        }
        int lengthBits = length >>> 24;
        long distanceCode = DISTANCE[code] | (d & ((1 << extraBits) - 1)) << 5;
        put((length & 0xFFFFFF) | distanceCode << lengthBits, lengthBits + 5 + extraBits);
    }

    /** Appends the low {@code n} bits of {@code bits} (n at most 32) to the stream, low bit first. */
    private void put(long bits, int n) {
        bitBuffer |= bits << bitCount;
        bitCount += n;
        if (bitCount >= 32) {
            INTS.set(out, outPos, (int) bitBuffer);
            outPos += 4;
            bitBuffer >>>= 32;
            bitCount -= 32;
        }
    }

    private static int reversed(int code, int bits) {
        return Integer.reverse(code) >>> (32 - bits);
    }
}
