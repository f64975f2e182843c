package io.github.osslog.reader;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One gzip member (RFC 1952) decoded from the start of a byte range: whole (CRC-32 and size checked), cut short by
 * the end of the range, or corrupt. Immutable; {@link #decode} is thread-safe (each thread has its own inflater).
 */
final class GzipMember {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));
    private static final ThreadLocal<CRC32> CRC = ThreadLocal.withInitial(CRC32::new);

    enum Status { WHOLE, CUT_SHORT, CORRUPT }

    final Status status;
    /** The decoded content, {@link #length} bytes of it; empty unless whole. */
    final byte[] content;
    final int length;
    /** The compressed bytes the member took, header to trailer; 0 unless whole. */
    final int consumed;
    /** Why the member is corrupt, naming its offset. */
    final String problem;

    private GzipMember(Status status, byte[] content, int length, int consumed, String problem) {
        this.status = status;
        this.content = content;
        this.length = length;
        this.consumed = consumed;
        this.problem = problem;
    }

    private static GzipMember cutShort() {
        return new GzipMember(Status.CUT_SHORT, new byte[0], 0, 0, null);
    }

    private static GzipMember corrupt(String problem) {
        return new GzipMember(Status.CORRUPT, new byte[0], 0, 0, problem);
    }

    /** Decodes the member at {@code in[off]}, object offset {@code start}, from at most {@code len} bytes. */
    static GzipMember decode(byte[] in, int off, int len, long start) {
        int end = off + len;
        if (len < 10) {
            return cutShort();
        }
        if ((in[off] & 0xff) != 0x1f || (in[off + 1] & 0xff) != 0x8b || in[off + 2] != 8) {
            return corrupt("not a gzip member at offset " + start + " (read it with --no-gzip to see the raw bytes)");
        }
        int flags = in[off + 3] & 0xff;
        int p = off + 10;
        if ((flags & FEXTRA) != 0) {
            if (end - p < 2) {
                return cutShort();
            }
            p += 2 + ((in[p] & 0xff) | (in[p + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) {
            p = afterZero(in, p, end);
        }
        if ((flags & FCOMMENT) != 0) {
            p = afterZero(in, p, end);
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        if (p > end) {
            return cutShort();
        }
        Inflater inflater = INFLATER.get();
        inflater.reset();
        inflater.setInput(in, p, end - p);
        byte[] out = new byte[sizeHint(in, off, len)];
        int outLen = 0;
        try {
            while (!inflater.finished()) {
                if (outLen == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int n = inflater.inflate(out, outLen, out.length - outLen);
                outLen += n;
                if (n == 0 && inflater.needsInput()) {
                    return cutShort();
                }
                if (n == 0 && inflater.needsDictionary()) {
                    return corrupt("gzip member at offset " + start + " needs a dictionary");
                }
            }
        } catch (DataFormatException e) {
            return corrupt("gzip member at offset " + start + " is corrupt: " + e.getMessage());
        }
        p = end - inflater.getRemaining();
        if (end - p < 8) {
            return cutShort();
        }
        CRC32 crc = CRC.get();
        crc.reset();
        crc.update(out, 0, outLen);
        if (le32(in, p) != crc.getValue() || le32(in, p + 4) != (outLen & 0xffffffffL)) {
            return corrupt("gzip member at offset " + start + " fails its CRC-32 or size check");
        }
        return new GzipMember(Status.WHOLE, out, outLen, p + 8 - off, null);
    }

    /**
     * The trailer's size field when the range is exactly one member (the usual case): one allocation of the right
     * size. Capped, since a range that is not one member ends in arbitrary bytes.
     */
    private static int sizeHint(byte[] in, int off, int len) {
        long hint = le32(in, off + len - 4);
        return (int) Math.max(4096, Math.min(hint, Math.min(64L * len + 65536, 1 << 30)));
    }

    /** The position after the zero byte that ends a header string, or past {@code end} when it is missing. */
    private static int afterZero(byte[] in, int from, int end) {
        for (int i = from; i < end; i++) {
            if (in[i] == 0) {
                return i + 1;
            }
        }
        return end + 1;
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
