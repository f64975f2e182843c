package io.github.osslog.reader;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip stream member by member (RFC 1952), checking each member's CRC-32 and size, and hands each whole
 * member's content on with the compressed offset it ends at: a reader can resume at any member boundary, and a
 * member cut short by the end of the data is left for the next read instead of failing. Not thread-safe; reusable.
 */
final class GzipMembers {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    /** Receives one decoded member. */
    interface MemberSink {
        void member(byte[] b, int len, long start, long end) throws IOException;
    }

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] in = new byte[64 << 10];
    private byte[] out = new byte[256 << 10];
    private InputStream source;
    private int pos;
    private int lim;
    private long consumedBefore;
    private boolean eof;

    /**
     * Decodes the members of {@code body}, whose first byte is object offset {@code offset} and a member's start.
     * Returns the offset after the last whole member; stops there at the end of the data.
     *
     * @throws CorruptObjectException when the bytes are not gzip or a member's check fails
     * @throws IOException when reading {@code body} fails; whole members before it were delivered
     */
    long decode(InputStream body, long offset, MemberSink sink) throws IOException {
        source = body;
        pos = 0;
        lim = 0;
        eof = false;
        consumedBefore = offset;
        long done = offset;
        while (need(1)) {
            long start = position();
            int len = member(start);
            if (len < 0) {
                return done;
            }
            done = position();
            sink.member(out, len, start, done);
        }
        return done;
    }

    private long position() {
        return consumedBefore + pos;
    }

    /** Decodes one member into {@link #out}; returns its length, or -1 when the data ends inside it. */
    private int member(long start) throws IOException {
        if (!need(10)) {
            return -1;
        }
        if ((in[pos] & 0xff) != 0x1f || (in[pos + 1] & 0xff) != 0x8b || in[pos + 2] != 8) {
            throw new CorruptObjectException("not a gzip member at offset " + start
                    + " (read it with --no-gzip to see the raw bytes)");
        }
        int flags = in[pos + 3] & 0xff;
        pos += 10;
        if ((flags & FEXTRA) != 0) {
            if (!need(2)) {
                return -1;
            }
            int xlen = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
            pos += 2;
            if (!skip(xlen)) {
                return -1;
            }
        }
        if ((flags & FNAME) != 0 && !skipZeroTerminated()) {
            return -1;
        }
        if ((flags & FCOMMENT) != 0 && !skipZeroTerminated()) {
            return -1;
        }
        if ((flags & FHCRC) != 0 && !skip(2)) {
            return -1;
        }
        inflater.reset();
        crc.reset();
        int len = 0;
        try {
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (pos == lim && !need(1)) {
                        return -1;
                    }
                    inflater.setInput(in, pos, lim - pos);
                    pos = lim;
                }
                if (len == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                int n = inflater.inflate(out, len, out.length - len);
                if (n == 0 && inflater.needsDictionary()) {
                    throw new CorruptObjectException("gzip member at offset " + start + " needs a dictionary");
                }
                len += n;
            }
        } catch (DataFormatException e) {
            throw new CorruptObjectException("gzip member at offset " + start + " is corrupt: " + e.getMessage());
        }
        pos -= inflater.getRemaining();
        if (!need(8)) {
            return -1;
        }
        crc.update(out, 0, len);
        long expectedCrc = le32(pos);
        long expectedSize = le32(pos + 4);
        pos += 8;
        if (expectedCrc != crc.getValue() || expectedSize != (len & 0xffffffffL)) {
            throw new CorruptObjectException("gzip member at offset " + start + " fails its CRC-32 or size check");
        }
        return len;
    }

    private long le32(int at) {
        return (in[at] & 0xffL) | (in[at + 1] & 0xffL) << 8 | (in[at + 2] & 0xffL) << 16 | (in[at + 3] & 0xffL) << 24;
    }

    private boolean skip(int n) throws IOException {
        int left = n;
        while (left > 0) {
            if (!need(1)) {
                return false;
            }
            int step = Math.min(left, lim - pos);
            pos += step;
            left -= step;
        }
        return true;
    }

    private boolean skipZeroTerminated() throws IOException {
        while (need(1)) {
            if (in[pos++] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Makes {@code n} bytes available at {@link #pos}, reading more; false when the data ends first. */
    private boolean need(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(in, pos, in, 0, lim - pos);
            consumedBefore += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim < n && !eof) {
            int r = source.read(in, lim, in.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim >= n;
    }
}
