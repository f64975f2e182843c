package io.github.osslog.reader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts content units into lines with their checkpoints. A plain unit may end inside a line (the rest follows in
 * the next unit, or the object ends without a newline: {@link #endObject()}); a gzip member holds whole appends.
 * Can skip the first lines of the first member, to resume inside one. Not thread-safe.
 */
final class LineSplitter implements ContentSink {
    private final Consumer<LogLine> lines;
    private final boolean decodeGzip;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private LogObject partialObject;
    private String skipKey;
    private long skip;

    /** @param decodeGzip whether gzip objects arrive decoded, a member per unit */
    LineSplitter(Consumer<LogLine> lines, boolean decodeGzip) {
        this.lines = lines;
        this.decodeGzip = decodeGzip;
    }

    /** Drops the next {@code count} lines of {@code key} (consumed before a checkpoint inside a gzip member). */
    void skip(String key, long count) {
        this.skipKey = key;
        this.skip = count;
    }

    @Override
    public void content(LogObject object, byte[] b, int off, int len, long start, long end) throws IOException {
        boolean member = decodeGzip && object.isGzip();
        int from = off;
        long ordinal = 0;
        for (int i = off; i < off + len; i++) {
            if (b[i] != '\n') {
                continue;
            }
            ordinal++;
            boolean last = i == off + len - 1;
            Checkpoint cp = !member ? Checkpoint.of(object.key(), start + (i + 1 - off))
                    : last ? Checkpoint.of(object.key(), end) : Checkpoint.of(object.key(), start, ordinal);
            emit(object, b, from, i + 1 - from, cp);
            from = i + 1;
        }
        if (from < off + len) {
            partialObject = object;
            partial.write(b, from, off + len - from);
            if (member) {
                // a member that does not end with a newline: its tail is a line of its own
                endObject(Checkpoint.of(object.key(), end));
            }
        }
    }

    /** The object ended: a held partial line is a last line without a newline. */
    void endObject(Checkpoint after) {
        if (partial.size() > 0) {
            byte[] bytes = partial.toByteArray();
            partial.reset();
            deliver(new LogLine(partialObject, bytes, after));
        }
    }

    private void emit(LogObject object, byte[] b, int from, int len, Checkpoint cp) {
        byte[] bytes;
        if (partial.size() > 0) {
            partial.write(b, from, len);
            bytes = partial.toByteArray();
            partial.reset();
        } else {
            bytes = Arrays.copyOfRange(b, from, from + len);
        }
        deliver(new LogLine(object, bytes, cp));
    }

    private void deliver(LogLine line) {
        if (skip > 0 && line.object().key().equals(skipKey)) {
            skip--;
            return;
        }
        lines.accept(line);
    }
}
