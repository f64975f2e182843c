package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TruncationTest {

    @Test
    void oversizeEventIsCutToTheLimitWithAVisibleMarkerAndCounted() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(64 << 10).maxEventBytes(1000).build();
        byte[] event = new byte[1_234_567];
        Arrays.fill(event, (byte) 'a');
        assertEquals(PublishResult.TRUNCATED, ring.publish(event, 0, event.length, LogLevel.ERROR));
        RecordingConsumer out = new RecordingConsumer().drainAll(ring);
        String marker = "\u2026 [osslog: event truncated, 1234567 bytes total]\n";
        int markerBytes = marker.getBytes(StandardCharsets.UTF_8).length;
        byte[] record = out.records.get(0);
        assertEquals(1000, record.length);
        assertEquals("a".repeat(1000 - markerBytes) + marker, out.text(0));
        assertEquals(LogLevel.ERROR, out.levels.get(0));
        assertEquals(1, ring.drops().truncated());
        assertEquals(0, ring.drops().totalDropped());
        assertNull(ring.takeDropReport(), "a truncation is not a drop");
    }

    @Test
    void eventOfExactlyTheLimitIsKeptWhole() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(64 << 10).maxEventBytes(1000).build();
        byte[] event = new byte[1000];
        Arrays.fill(event, (byte) 'b');
        assertEquals(PublishResult.PUBLISHED, ring.publish(event, 0, event.length, LogLevel.INFO));
        assertArrayEquals(event, new RecordingConsumer().drainAll(ring).records.get(0));
        assertEquals(0, ring.drops().truncated());
    }

    @Test
    void cutBacksOffToAUtf8CharacterBoundary() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(64 << 10).maxEventBytes(1000).build();
        // 3-byte characters: no cut position lines up with every prefix length, so the back-off is exercised.
        for (int shift = 0; shift < 3; shift++) {
            String text = "x".repeat(shift) + "\u20ac".repeat(600);
            byte[] event = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(PublishResult.TRUNCATED, ring.publish(event, 0, event.length, LogLevel.INFO));
            String record = new RecordingConsumer().drainAll(ring).text(0);
            String marker = "\u2026 [osslog: event truncated, " + event.length + " bytes total]\n";
            assertTrue(record.endsWith(marker), record);
            String head = record.substring(0, record.length() - marker.length());
            assertTrue(text.startsWith(head), "kept head is a whole-character prefix");
            int limit = 1000 - marker.getBytes(StandardCharsets.UTF_8).length;
            assertEquals(shift + (limit - shift) / 3 * 3, head.getBytes(StandardCharsets.UTF_8).length,
                    "the cut moves back by less than one character");
        }
    }

    @Test
    void truncatedEventFromAnOffsetKeepsItsOwnBytes() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(64 << 10).maxEventBytes(300).build();
        byte[] src = new byte[2000];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) ('0' + i % 10);
        }
        ring.publish(src, 7, 1500, LogLevel.INFO);
        String record = new RecordingConsumer().drainAll(ring).text(0);
        assertTrue(record.startsWith("7890123"), record);
        assertTrue(record.endsWith(" [osslog: event truncated, 1500 bytes total]\n"), record);
        assertEquals(300, record.getBytes(StandardCharsets.UTF_8).length);
    }
}
