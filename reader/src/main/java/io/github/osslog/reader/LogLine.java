package io.github.osslog.reader;

import java.nio.charset.StandardCharsets;

/** One line of a log object: its exact bytes, the object it came from and the checkpoint after it. Immutable. */
public final class LogLine {
    private final LogObject object;
    private final byte[] bytes;
    private final Checkpoint checkpoint;

    LogLine(LogObject object, byte[] bytes, Checkpoint checkpoint) {
        this.object = object;
        this.bytes = bytes;
        this.checkpoint = checkpoint;
    }

    public LogObject object() {
        return object;
    }

    /** The line's bytes as stored, including its {@code \n} (the last line of an object may have none). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The line as UTF-8 text, without its line terminator. */
    public String text() {
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\n') {
            len--;
            if (len > 0 && bytes[len - 1] == '\r') {
                len--;
            }
        }
        return new String(bytes, 0, len, StandardCharsets.UTF_8);
    }

    /** Where to resume to read the lines after this one. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public String toString() {
        return object.key() + ": " + text();
    }
}
