package io.github.osslog.core.internal.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class GzipEncoderTest {

    @Test
    void membersConcatenateIntoOneReadableStream() throws IOException {
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (GzipEncoder gzip = new GzipEncoder(16, 1, null)) {
            for (int i = 0; i < 5; i++) {
                byte[] batch = new byte[i == 2 ? 0 : 1000 + random.nextInt(100_000)];
                random.nextBytes(batch);
                int len = gzip.encode(batch, 0, batch.length);
                object.write(gzip.output(), 0, len);
                expected.write(batch, 0, batch.length);
            }
        }
        assertArrayEquals(expected.toByteArray(), PipelineTest.gunzip(object.toByteArray()));
    }

    @Test
    void encodesASliceOfTheInput() throws IOException {
        byte[] in = "xxhello\nyy".getBytes(UTF_8);
        try (GzipEncoder gzip = new GzipEncoder(64, 6, null)) {
            int len = gzip.encode(in, 2, 6);
            byte[] member = java.util.Arrays.copyOf(gzip.output(), len);
            assertEquals("hello\n", new String(PipelineTest.gunzip(member), UTF_8));
        }
    }

    @Test
    void theLevelTradesSizeForSpeed() throws IOException {
        StringBuilder text = new StringBuilder();
        Random random = new Random(3);
        while (text.length() < 1 << 20) {
            text.append("2026-11-24T10:00:0").append(random.nextInt(10)).append(" INFO [main] shop.Orders - order ")
                    .append(random.nextInt(1_000_000)).append(" accepted for customer ").append(random.nextInt(5000))
                    .append('\n');
        }
        byte[] in = text.toString().getBytes(UTF_8);
        int[] sizes = new int[10];
        for (int level : new int[] {1, 9}) {
            try (GzipEncoder gzip = new GzipEncoder(64, level, null)) {
                sizes[level] = gzip.encode(in, 0, in.length);
                assertArrayEquals(in, PipelineTest.gunzip(java.util.Arrays.copyOf(gzip.output(), sizes[level])));
            }
        }
        assertTrue(sizes[9] < sizes[1], "level 9 (" + sizes[9] + " bytes) must beat level 1 (" + sizes[1] + ")");
    }

    private static byte[] logText(int bytes, long seed) {
        StringBuilder text = new StringBuilder();
        Random random = new Random(seed);
        while (text.length() < bytes) {
            text.append("2026-11-25T00:00:0").append(random.nextInt(10)).append(" INFO [main] shop.Orders - order ")
                    .append(random.nextInt(1_000_000)).append('\n');
        }
        return text.toString().getBytes(UTF_8);
    }

    /** The length of the raw data of the gzip member at {@code out[0..]}, and where the next one starts. */
    private static int[] firstMember(byte[] out, int len) throws DataFormatException {
        assertEquals(0x1f, out[0] & 0xff);
        assertEquals(0x8b, out[1] & 0xff);
        Inflater inflater = new Inflater(true);
        inflater.setInput(out, 10, len - 10);
        byte[] sink = new byte[64 << 10];
        int raw = 0;
        while (!inflater.finished()) {
            raw += inflater.inflate(sink);
        }
        int next = len - inflater.getRemaining() + 8;
        inflater.end();
        return new int[] {raw, next};
    }

    @Test
    void withAHelperALargeBatchBecomesMembersOfAboutMemberSizeInOrder() throws Exception {
        byte[] in = logText(GzipEncoder.MEMBER * 5 + GzipEncoder.MEMBER / 3, 5);
        int off = 3;
        int len = in.length - 10;
        int count = (len + GzipEncoder.MEMBER / 2) / GzipEncoder.MEMBER;
        try (GzipEncoder gzip = new GzipEncoder(64, 1, "test-gzip-helper")) {
            for (int round = 0; round < 3; round++) { // the arrays are reused
                int size = gzip.encode(in, off, len);
                byte[] out = Arrays.copyOf(gzip.output(), size);
                assertArrayEquals(Arrays.copyOfRange(in, off, off + len), PipelineTest.gunzip(out));
                int at = 0;
                for (int i = 0; i < count; i++) {
                    int[] member = firstMember(Arrays.copyOfRange(out, at, size), size - at);
                    int expected = (int) ((long) len * (i + 1) / count) - (int) ((long) len * i / count);
                    assertEquals(expected, member[0], "member " + i + " holds its share of the batch");
                    at += member[1];
                }
                assertEquals(size, at, count + " members and nothing after them");
            }
        }
    }

    @Test
    void withAHelperIncompressibleBatchesOfChangingSizesRoundTrip() throws IOException {
        Random random = new Random(11);
        try (GzipEncoder gzip = new GzipEncoder(64, 1, "test-gzip-helper")) {
            for (int len : new int[] {GzipEncoder.SPLIT_AT * 3, GzipEncoder.SPLIT_AT, GzipEncoder.SPLIT_AT * 4 + 5}) {
                byte[] in = new byte[len];
                random.nextBytes(in); // members outgrow their arrays
                int size = gzip.encode(in, 0, len);
                assertArrayEquals(in, PipelineTest.gunzip(Arrays.copyOf(gzip.output(), size)));
            }
        }
    }

    @Test
    void withAHelperASmallBatchStaysOneMember() throws Exception {
        byte[] in = logText(GzipEncoder.SPLIT_AT - 100, 6);
        try (GzipEncoder gzip = new GzipEncoder(64, 1, "test-gzip-helper")) {
            int size = gzip.encode(in, 0, in.length);
            int[] first = firstMember(gzip.output(), size);
            assertEquals(in.length, first[0]);
            assertEquals(size, first[1], "nothing after the one member");
        }
    }

    @Test
    void anInterruptedShipperStillGetsTheWholeBatchAndKeepsItsInterrupt() throws Exception {
        byte[] in = logText(GzipEncoder.SPLIT_AT * 2, 7);
        try (GzipEncoder gzip = new GzipEncoder(64, 1, "test-gzip-helper")) {
            Thread.currentThread().interrupt();
            int size = gzip.encode(in, 0, in.length);
            assertTrue(Thread.interrupted(), "the interrupt is kept for the shipper's loop");
            assertArrayEquals(in, PipelineTest.gunzip(Arrays.copyOf(gzip.output(), size)));
        }
    }
}
