package io.github.osslog.cli;

import io.github.osslog.reader.ContentSink;
import io.github.osslog.reader.CorruptObjectException;
import io.github.osslog.reader.LogObject;
import io.github.osslog.reader.LogReader;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code osslog cat PATTERN}. */
@Command(name = "cat", description = {"Print the objects PATTERN produced in the window, in write order, each"
        + " object's bytes exactly once: gzip objects decoded member by member; an object still being appended up"
        + " to its last complete gzip member."})
final class CatCommand extends BaseCommand {
    @ArgGroup(exclusive = false)
    WindowOptions window = new WindowOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    int run(LogReader reader) throws Exception {
        Instant now = now();
        List<LogObject> objects = reader.objects(window.since(zone, now), window.until(zone, now));
        Progress progress = new Progress(session.err, objects.size());
        long[] bytes = {0};
        ContentSink sink = output.key ? new KeyedLines(session.out) : (o, b, off, len, start, end) -> {
            session.out.write(b, off, len);
            bytes[0] += len;
            progress.update(bytes[0]);
        };
        for (LogObject o : objects) {
            readOne(reader, o, sink);
            session.flush();
            progress.objectDone(bytes[0]);
        }
        progress.done();
        return Osslog.OK;
    }

    private void readOne(LogReader reader, LogObject o, ContentSink sink) throws IOException {
        try {
            reader.read(o, sink);
            if (sink instanceof KeyedLines) {
                ((KeyedLines) sink).endObject();
            }
        } catch (CorruptObjectException e) {
            session.warn("skipped the rest of " + o.key() + ": " + e.getMessage());
        }
    }
}
