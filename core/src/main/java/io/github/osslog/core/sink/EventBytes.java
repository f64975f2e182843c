package io.github.osslog.core.sink;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One appending thread's reused text and byte buffers, which {@link LogSink} hands to the adapter's
 * {@link EventEncoder}, and the length of the thread's last event (the size the ring is asked to have room for before
 * the next one is encoded). The encoder renders an event's text into {@link #text()}, which the sink turns into UTF-8
 * exactly as {@code String.getBytes} does, an unpaired surrogate included ({@code ?}); or it hands over bytes it
 * encoded elsewhere ({@link #encoded(byte[], int)}). See docs/logback-adapter.md, docs/log4j2-adapter.md. Not
 * thread-safe: one per thread.
 */
public final class EventBytes {
    private static final int INITIAL = 512;
    /**
     * Buffers grown past this many chars for a large event are given back at the thread's next event, whatever its
     * size (issue 19: no longer only before a short one), so a thread retains at most about {@code 2 x} the larger
     * of this and its latest event: {@code 5 x 2 x 64K} bytes for chars and UTF-8 bytes, plus the text buffer.
     */
    private static final int RETAINED = 64 << 10;
    private static final int NOTHING = 0;
    private static final int TEXT = 1;
    /** Bytes the encoder encoded elsewhere. */
    private static final int BYTES = 2;

    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private StringBuilder text = new StringBuilder(INITIAL);
    private char[] chars;
    private byte[] bytes;
    private CharBuffer charView;
    private ByteBuffer byteView;
    private int lastLength;
    /** What the encoder wrote for the current event: {@link #NOTHING}, {@link #TEXT} or {@link #BYTES}. */
    private int written = NOTHING;
    private byte[] encoded;
    private int encodedLength;

    EventBytes() {
        resize(INITIAL);
    }

    /** The emptied text buffer for this event; the sink encodes what it holds as UTF-8. */
    public StringBuilder text() {
        written = TEXT;
        if (text.capacity() > RETAINED) {
            text = new StringBuilder(INITIAL);
        } else {
            text.setLength(0);
        }
        return text;
    }

    /**
     * The event is {@code bytes[0, length)}, encoded by the encoder itself; the array is read before the encoder's
     * next event, and not kept. A null array or a length of 0 ships nothing.
     */
    public void encoded(byte[] bytes, int length) {
        written = BYTES;
        encoded = bytes;
        encodedLength = bytes == null ? 0 : length;
    }

    /** Forgets the previous event's output; the sink calls it before the encoder writes the next one. */
    void clear() {
        written = NOTHING;
        encoded = null;
    }

    /**
     * The length of what the encoder wrote since {@link #clear()} (0 for nothing), encoding its text first; the
     * bytes are then in {@link #array()}. Also kept as {@link #lastLength()}.
     */
    int finish() {
        if (written == TEXT) {
            return encode();
        }
        lastLength = written == BYTES ? encodedLength : 0;
        return lastLength;
    }

    /** The array holding the bytes {@link #finish()} measured. */
    byte[] array() {
        return written == BYTES ? encoded : bytes;
    }

    /**
     * Encodes the text as UTF-8 into {@link #bytes()}; returns the length, also kept as {@link #lastLength()}. The
     * JDK's UTF-8 encoder does it (it copies ASCII runs vectorised, which the hand-written loop it replaced could not;
     * figures in docs/logback-adapter.md, "Encoding without garbage"), with {@code REPLACE} for malformed input,
     * whose replacement is {@code ?}, as in {@code String.getBytes}. The byte array holds three bytes per char, UTF-8's
     * most, so one call always encodes everything.
     */
    int encode() {
        int n = text.length();
        // one capacity check on the fast path: grow, or give back what a much larger earlier event left
        if (chars.length < n || chars.length > RETAINED && chars.length > 2 * n) {
            resize(Math.max(n, INITIAL));
        }
        text.getChars(0, n, chars, 0);
        charView.limit(n).position(0);
        byteView.clear();
        utf8.reset();
        utf8.encode(charView, byteView, true);
        utf8.flush(byteView);
        lastLength = byteView.position();
        return lastLength;
    }

    private void resize(int capacity) {
        chars = new char[capacity];
        bytes = new byte[3 * capacity];
        charView = CharBuffer.wrap(chars);
        byteView = ByteBuffer.wrap(bytes);
    }

    /** The array {@link #encode()} wrote into. */
    byte[] bytes() {
        return bytes;
    }

    /** The length of this thread's last event, 0 before the first. */
    int lastLength() {
        return lastLength;
    }
}
