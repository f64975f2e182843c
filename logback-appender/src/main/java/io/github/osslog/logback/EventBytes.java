package io.github.osslog.logback;

/**
 * One appending thread's reused text and byte buffers, and the length of its last event (the size the buffer is
 * asked to have room for before the next one is encoded). Encodes to UTF-8 exactly as {@code String.getBytes}
 * does, an unpaired surrogate included ({@code ?}). Not thread-safe: one per thread.
 */
final class EventBytes {
    private static final int INITIAL = 512;
    /** Buffers grown past this for a large event are given back, so an idle thread keeps little. */
    private static final int RETAINED = 64 << 10;

    private StringBuilder text = new StringBuilder(INITIAL);
    private char[] chars = new char[INITIAL];
    private byte[] bytes = new byte[3 * INITIAL];
    private int lastLength;

    /** The emptied text buffer for the next event. */
    StringBuilder text() {
        if (text.capacity() > RETAINED) {
            text = new StringBuilder(INITIAL);
        } else {
            text.setLength(0);
        }
        return text;
    }

    /** Encodes the text as UTF-8 into {@link #bytes()}; returns the length, also kept as {@link #lastLength()}. */
    int encode() {
        int n = text.length();
        if (chars.length < n || chars.length > RETAINED && n <= INITIAL) {
            chars = new char[Math.max(n, INITIAL)];
            bytes = new byte[3 * chars.length];
        }
        text.getChars(0, n, chars, 0);
        char[] c = chars;
        byte[] b = bytes;
        int j = 0;
        int i = 0;
        while (i < n && c[i] < 0x80) {
            b[j++] = (byte) c[i++];
        }
        for (; i < n; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                b[j++] = (byte) ch;
            } else if (ch < 0x800) {
                b[j++] = (byte) (0xc0 | ch >> 6);
                b[j++] = (byte) (0x80 | ch & 0x3f);
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
                b[j++] = (byte) (0xf0 | cp >> 18);
                b[j++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[j++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[j++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(ch)) {
                b[j++] = '?';
            } else {
                b[j++] = (byte) (0xe0 | ch >> 12);
                b[j++] = (byte) (0x80 | ch >> 6 & 0x3f);
                b[j++] = (byte) (0x80 | ch & 0x3f);
            }
        }
        lastLength = j;
        return j;
    }

    /** The array {@link #encode()} wrote into. */
    byte[] bytes() {
        return bytes;
    }

    /** The length of this thread's last event, 0 before the first. */
    int lastLength() {
        return lastLength;
    }

    /** Records the length of an event encoded elsewhere (by the encoder itself). */
    void lastLength(int length) {
        lastLength = length;
    }
}
