package io.github.osslog.cli;

import io.github.osslog.reader.LogObject;
import io.github.osslog.reader.LogReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code osslog ls PATTERN}. */
@Command(name = "ls", description = {"List the objects PATTERN produced in the window, in write order (time bucket,"
        + " then %%i): key, size in bytes, type (Appendable/Normal), last modified (ISO-8601 UTC), tab-separated."})
final class LsCommand extends BaseCommand {
    @ArgGroup(exclusive = false)
    WindowOptions window = new WindowOptions();

    @Override
    int run(LogReader reader) throws Exception {
        Instant now = now();
        for (LogObject o : reader.objects(window.since(zone, now), window.until(zone, now))) {
            String line = o.key() + '\t' + o.size() + '\t' + o.type() + '\t'
                    + (o.lastModified() == null ? "-" : o.lastModified().toString()) + '\n';
            session.out.write(line.getBytes(StandardCharsets.UTF_8));
        }
        return Osslog.OK;
    }
}
