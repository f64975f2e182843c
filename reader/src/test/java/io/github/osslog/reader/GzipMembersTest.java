package io.github.osslog.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The parallel member decoder against what decoding one member after another gives. */
class GzipMembersTest {
    /** Bytes that look like a member header; a stored (level 0) deflate block carries them verbatim. */
    private static final byte[] FAKE_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Random random = new Random(7);
    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
    private final List<Long> ends = new ArrayList<>();

    @Test
    void decodesManyMembersInOrderThroughHeaderLookalikesAndSmallReads() throws IOException {
        for (int m = 0; m < 200; m++) {
            // every third member stored, with header look-alikes inside: a cut there is not a member boundary
            add(m % 3 == 0 ? Deflater.NO_COMPRESSION : Deflater.BEST_SPEED, text(m, m % 3 == 0));
        }
        Decoded decoded = decode(stream.toByteArray(), 1000);

        assertArrayEquals(content.toByteArray(), decoded.content.toByteArray());
        assertEquals(ends, decoded.ends);
        assertEquals(stream.size(), decoded.returned);
    }

    @Test
    void stopsBeforeAMemberCutShortAndDeliversEveryWholeOne() throws IOException {
        for (int m = 0; m < 20; m++) {
            add(Deflater.BEST_SPEED, text(m, true));
        }
        long lastWholeEnd = ends.get(ends.size() - 2);
        byte[] cut = Arrays.copyOf(stream.toByteArray(), stream.size() - 5);

        Decoded decoded = decode(cut, 64 << 10);

        assertEquals(lastWholeEnd, decoded.returned);
        assertEquals(ends.subList(0, ends.size() - 1), decoded.ends);
    }

    @Test
    void aBadChecksumIsCorruptAfterTheMembersBeforeIt() throws IOException {
        for (int m = 0; m < 10; m++) {
            add(Deflater.BEST_SPEED, text(m, false));
        }
        byte[] bytes = stream.toByteArray();
        int fifthEnd = (int) (long) ends.get(4);
        bytes[fifthEnd - 8] ^= 1; // the fifth member's CRC-32
        List<Long> delivered = new ArrayList<>();

        CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> new GzipMembers().decode(
                new ByteArrayInputStream(bytes), 0, (b, len, start, end) -> delivered.add(end)));

        assertEquals(ends.subList(0, 4), delivered);
        assertTrue(e.getMessage().contains("offset " + ends.get(3)), e.getMessage());
    }

    @Test
    void bytesThatAreNotGzipAreNamedWithTheirOffset() {
        CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> new GzipMembers().decode(
                new ByteArrayInputStream("plain text, not gzip\n".getBytes()), 500, (b, len, start, end) -> { }));

        assertTrue(e.getMessage().startsWith("not a gzip member at offset 500"), e.getMessage());
    }

    @Test
    void aFailedReadDeliversTheWholeMembersReceivedBeforeIt() throws IOException {
        for (int m = 0; m < 10; m++) {
            add(Deflater.BEST_SPEED, text(m, false));
        }
        int failAt = (int) (long) ends.get(6) + 3;
        List<Long> delivered = new ArrayList<>();

        IOException reset = assertThrows(IOException.class, () -> new GzipMembers().decode(
                throwing(Arrays.copyOf(stream.toByteArray(), failAt)), 0, (b, len, start, end) -> delivered.add(end)));

        assertEquals("connection reset", reset.getMessage());
        assertEquals(ends.subList(0, 7), delivered);
    }

    /** The bytes in reads of up to 777, then a reset instead of the end. */
    private static InputStream throwing(byte[] bytes) {
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at == bytes.length) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(Math.min(len, 777), bytes.length - at);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    private byte[] text(int member, boolean lookalikes) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int lines = 1 + random.nextInt(400);
        for (int i = 0; i < lines; i++) {
            text.writeBytes(("member " + member + " line " + i + " " + Long.toHexString(random.nextLong()) + "\n")
                    .getBytes());
            if (lookalikes && random.nextInt(20) == 0) {
                text.writeBytes(FAKE_HEADER);
                text.write('\n');
            }
        }
        return text.toByteArray();
    }

    private void add(int level, byte[] text) throws IOException {
        try (GZIPOutputStream out = new GZIPOutputStream(stream) {
            {
                def.setLevel(level);
            }

            @Override
            public void close() throws IOException {
                finish(); // leaves the shared stream open
            }
        }) {
            out.write(text);
        }
        content.writeBytes(text);
        ends.add((long) stream.size());
    }

    /** Decodes {@code bytes} read in pieces of 1 to {@code maxRead} bytes. */
    private Decoded decode(byte[] bytes, int maxRead) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
            }
        };
        Decoded decoded = new Decoded();
        decoded.returned = new GzipMembers().decode(in, 0, (b, len, start, end) -> {
            assertEquals(decoded.ends.isEmpty() ? 0 : decoded.ends.get(decoded.ends.size() - 1), start);
            decoded.content.write(b, 0, len);
            decoded.ends.add(end);
        });
        return decoded;
    }

    private static final class Decoded {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        final List<Long> ends = new ArrayList<>();
        long returned;
    }
}
