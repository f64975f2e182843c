package io.github.osslog.core.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The adapter's one-pass UTF-8 encoder against {@code String.getBytes}. */
class EventBytesTest {
    /** Characters from every UTF-8 length class, paired and lone surrogates among them. */
    private static final char[] ALPHABET = {'a', 'Z', '0', ' ', '\n', '\u007f', '\u0080', '\u00e9', '\u07ff', '\u0800',
        '\u4e2d', '\uffff', '\ud83d', '\ude00', '\ud800', '\udfff'};

    private static String random(Random random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)]
                    : (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    private static byte[] encoded(EventBytes bytes, int length) {
        return Arrays.copyOf(bytes.bytes(), length);
    }

    @Test
    void encodesAsStringGetBytesDoes() {
        Random random = new Random(7);
        EventBytes bytes = new EventBytes();
        for (int i = 0; i < 20_000; i++) {
            String text = random(random, random.nextInt(i % 100 == 0 ? 5000 : 120));
            bytes.text().append(text);
            int length = bytes.encode();
            assertArrayEquals(text.getBytes(UTF_8), encoded(bytes, length), () -> "text: " + text);
            assertEquals(length, bytes.lastLength());
        }
    }

    @Test
    void loneSurrogatesAtTheEndsBecomeQuestionMarks() {
        EventBytes bytes = new EventBytes();
        bytes.text().append("\udc00x\ud800");
        assertArrayEquals(new byte[] {'?', 'x', '?'}, encoded(bytes, bytes.encode()));
    }

    @Test
    void aHugeEventDoesNotLeaveHugeBuffersBehind() {
        EventBytes bytes = new EventBytes();
        char[] big = new char[200_000];
        Arrays.fill(big, '\u4e2d');
        bytes.text().append(big);
        assertEquals(600_000, bytes.encode());
        bytes.text().append("small");
        assertEquals(5, bytes.encode());
        assertEquals(1536, bytes.bytes().length, "the byte buffer went back to its initial size");
        assertEquals(0, bytes.text().length());
    }

    @Test
    void afterATenMillionCharEventTheNextOrdinaryEventBoundsWhatTheThreadRetains() {
        EventBytes bytes = new EventBytes();
        char[] huge = new char[10_000_000];
        Arrays.fill(huge, 'x');
        bytes.text().append(huge);
        assertEquals(10_000_000, bytes.encode());
        char[] line = new char[2_000];
        Arrays.fill(line, 'y');
        bytes.text().append(line);
        assertEquals(2_000, bytes.encode());
        assertTrue(bytes.bytes().length <= 3 * 2 * 64 * 1024, "retained " + bytes.bytes().length + " bytes");
        assertTrue(bytes.text().capacity() <= 64 * 1024, "retained text capacity " + bytes.text().capacity());
    }
}
