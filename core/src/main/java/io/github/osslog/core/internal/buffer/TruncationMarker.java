package io.github.osslog.core.internal.buffer;

import java.nio.charset.StandardCharsets;

/**
 * Builds the visible end of a truncated event, {@code … [osslog: event truncated, 1234567 bytes total]} and a
 * newline, in UTF-8, directly in the ring without allocating. Stateless.
 */
final class TruncationMarker {
    private static final byte[] PREFIX = "\u2026 [osslog: event truncated, ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUFFIX = " bytes total]\n".getBytes(StandardCharsets.UTF_8);
    /** The longest marker, for an event of {@link Integer#MAX_VALUE} bytes. */
    static final int MAX_LENGTH = PREFIX.length + 10 + SUFFIX.length;

    private TruncationMarker() {
    }

    static int length(int totalLength) {
        return PREFIX.length + digits(totalLength) + SUFFIX.length;
    }

    /**
     * How many leading bytes of {@code src[off..]} to keep when at most {@code limit} fit (the event is longer):
     * backs off to a UTF-8 character boundary so the kept head stays valid text.
     */
    static int keep(byte[] src, int off, int limit) {
        int keep = limit;
        for (int i = 0; i < 3 && keep > 0 && (src[off + keep] & 0xC0) == 0x80; i++) {
            keep--;
        }
        return keep;
    }

    /** Writes the marker for an event of {@code totalLength} bytes at {@code dst[at..]}. */
    static void write(byte[] dst, int at, int totalLength) {
        System.arraycopy(PREFIX, 0, dst, at, PREFIX.length);
        int end = at + PREFIX.length + digits(totalLength);
        for (int i = end - 1, v = totalLength; i >= at + PREFIX.length; i--, v /= 10) {
            dst[i] = (byte) ('0' + v % 10);
        }
        System.arraycopy(SUFFIX, 0, dst, end, SUFFIX.length);
    }

    private static int digits(int value) {
        int digits = 1;
        for (long limit = 10; value >= limit; limit *= 10) {
            digits++;
        }
        return digits;
    }
}
