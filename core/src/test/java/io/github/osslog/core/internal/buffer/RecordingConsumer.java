package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test consumer that copies every drained record. Not thread-safe: use on the consumer thread. */
final class RecordingConsumer implements RecordConsumer {
    final List<byte[]> records = new ArrayList<>();
    final List<LogLevel> levels = new ArrayList<>();

    @Override
    public void accept(byte[] buffer, int off, int len, LogLevel level) {
        records.add(Arrays.copyOfRange(buffer, off, off + len));
        levels.add(level);
    }

    /** Drains everything currently committed in {@code ring}. */
    RecordingConsumer drainAll(RingBuffer ring) {
        ring.drain(this, Integer.MAX_VALUE);
        return this;
    }

    String text(int i) {
        return new String(records.get(i), java.nio.charset.StandardCharsets.UTF_8);
    }
}
