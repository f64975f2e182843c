package io.github.osslog.core.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GzipEncoderTest {

    @Test
    void membersConcatenateIntoOneReadableStream() throws IOException {
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (GzipEncoder gzip = new GzipEncoder(16, 1)) {
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
        try (GzipEncoder gzip = new GzipEncoder(64, 6)) {
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
            try (GzipEncoder gzip = new GzipEncoder(64, level)) {
                sizes[level] = gzip.encode(in, 0, in.length);
                assertArrayEquals(in, PipelineTest.gunzip(java.util.Arrays.copyOf(gzip.output(), sizes[level])));
            }
        }
        assertTrue(sizes[9] < sizes[1], "level 9 (" + sizes[9] + " bytes) must beat level 1 (" + sizes[1] + ")");
    }
}
