package io.github.osslog.core.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        try (GzipEncoder gzip = new GzipEncoder(16)) {
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
        try (GzipEncoder gzip = new GzipEncoder(64)) {
            int len = gzip.encode(in, 2, 6);
            byte[] member = java.util.Arrays.copyOf(gzip.output(), len);
            assertEquals("hello\n", new String(PipelineTest.gunzip(member), UTF_8));
        }
    }
}
