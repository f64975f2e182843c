package io.github.osslog.core.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventWriterTest {

    private static EventWriter text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return target -> {
            target.put(bytes);
            return bytes.length;
        };
    }

    @Test
    void writerEncodesIntoTheRingAndTheUnusedClaimIsGivenBack() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        assertEquals(PublishResult.PUBLISHED, ring.publish(text("short"), 500, LogLevel.DEBUG));
        assertEquals(RecordLayout.span(500), ring.usedBytes(), "the whole claim stays in use until drained");
        ring.publish("plain".getBytes(StandardCharsets.UTF_8), 0, 5, LogLevel.INFO);
        assertEquals(PublishResult.PUBLISHED, ring.publish(text(""), 64, LogLevel.WARN));
        RecordingConsumer out = new RecordingConsumer().drainAll(ring);
        assertEquals(List.of("short", "plain", ""), List.of(out.text(0), out.text(1), out.text(2)));
        assertEquals(List.of(LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN), out.levels);
        assertEquals(0, ring.usedBytes());
    }

    @Test
    void shrunkRecordsStayInOrderAcrossWrapArounds() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        RecordingConsumer out = new RecordingConsumer();
        for (int i = 0; i < 3000; i++) {
            int n = i % 700;
            String s = "#" + i + ":" + "x".repeat(n);
            assertEquals(PublishResult.PUBLISHED, ring.publish(text(s), s.length() + (i % 3) * 100, LogLevel.INFO));
            if (i % 2 == 1) {
                out.drainAll(ring);
            }
        }
        out.drainAll(ring);
        assertEquals(3000, out.records.size());
        for (int i = 0; i < 3000; i++) {
            assertEquals("#" + i + ":" + "x".repeat(i % 700), out.text(i));
        }
    }

    @Test
    void targetWindowIsCappedAtMaxEventBytes() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).maxEventBytes(300).build();
        int[] offered = new int[1];
        ring.publish(target -> {
            offered[0] = target.remaining();
            return 0;
        }, 10_000, LogLevel.INFO);
        assertEquals(300, offered[0]);
        ring.publish(target -> {
            offered[0] = target.remaining();
            return 0;
        }, -5, LogLevel.INFO);
        assertEquals(0, offered[0]);
    }

    @Test
    void writerThatThrowsPublishesNothingAndTheRingStaysUsable() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> ring.publish(target -> {
                    target.put((byte) 'x');
                    throw boom;
                }, 100, LogLevel.INFO));
        assertSame(boom, thrown);
        ring.publish(text("after"), 100, LogLevel.INFO);
        RecordingConsumer out = new RecordingConsumer().drainAll(ring);
        assertEquals(List.of("after"), List.of(out.text(0)));
        assertEquals(1, out.records.size());
        assertEquals(0, ring.usedBytes());
    }

    @Test
    void writerReturningAnImpossibleCountIsRejectedAndReleasesItsClaim() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        IllegalStateException tooMany = assertThrows(IllegalStateException.class,
                () -> ring.publish(target -> target.remaining() + 1, 100, LogLevel.INFO));
        assertTrue(tooMany.getMessage().contains("returned 101 but was offered 100"), tooMany.getMessage());
        assertThrows(IllegalStateException.class, () -> ring.publish(target -> -1, 100, LogLevel.INFO));
        ring.publish(text("valid"), 100, LogLevel.INFO);
        RecordingConsumer out = new RecordingConsumer().drainAll(ring);
        assertEquals(List.of("valid"), List.of(out.text(0)));
        assertEquals(1, out.records.size());
        assertEquals(0, ring.usedBytes());
    }

    @Test
    void nullWriterPublishesAnEmptyRecord() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        assertEquals(PublishResult.PUBLISHED, ring.publish((EventWriter) null, 10, LogLevel.ERROR));
        RecordingConsumer out = new RecordingConsumer().drainAll(ring);
        assertEquals(1, out.records.size());
        assertEquals(0, out.records.get(0).length);
    }
}
