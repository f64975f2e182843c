package io.github.osslog.cli;

import io.github.osslog.reader.ContentSink;
import io.github.osslog.reader.LogObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes content with the object's key and a tab before each line ({@code --key}). Not thread-safe. */
final class KeyedLines implements ContentSink {
    private final OutputStream out;
    private boolean atLineStart = true;

    KeyedLines(OutputStream out) {
        this.out = out;
    }

    @Override
    public void content(LogObject object, byte[] b, int off, int len, long start, long end) throws IOException {
        byte[] prefix = (object.key() + '\t').getBytes(StandardCharsets.UTF_8);
        int from = off;
        for (int i = off; i < off + len; i++) {
            if (atLineStart) {
                out.write(prefix);
                atLineStart = false;
            }
            if (b[i] == '\n') {
                out.write(b, from, i + 1 - from);
                from = i + 1;
                atLineStart = true;
            }
        }
        out.write(b, from, off + len - from);
    }

    /** An object that ended without a newline: the next object's first line starts a line of its own. */
    void endObject() throws IOException {
        if (!atLineStart) {
            out.write('\n');
            atLineStart = true;
        }
    }

    /** Writes one whole line with its key. */
    static void line(OutputStream out, String key, byte[] line) throws IOException {
        out.write((key + '\t').getBytes(StandardCharsets.UTF_8));
        out.write(line);
        if (line.length == 0 || line[line.length - 1] != '\n') {
            out.write('\n');
        }
    }
}
