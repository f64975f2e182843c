package io.github.osslog.cli;

import io.github.osslog.reader.CorruptObjectException;
import io.github.osslog.reader.LogObject;
import io.github.osslog.reader.LogReader;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osslog grep [-i] [-v] REGEX PATTERN}. */
@Command(name = "grep", description = {"Print the lines of PATTERN's objects in the window that match REGEX (a Java"
        + " regular expression matched anywhere in the line, like grep -E; UTF-8). --since/--until also select"
        + " lines by their leading ISO-8601 timestamp where they have one (zone-less ones in --time-zone).",
    "Exit code 1 when no line was selected."})
final class GrepCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "REGEX", description = "Java regular expression.")
    String regex;

    @Option(names = {"-i", "--ignore-case"}, description = "Match case-insensitively (Unicode).")
    boolean ignoreCase;

    @Option(names = {"-v", "--invert-match"}, description = "Select the lines that do not match.")
    boolean invert;

    @ArgGroup(exclusive = false)
    WindowOptions window = new WindowOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    int run(LogReader reader) throws Exception {
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("REGEX is not a Java regular expression: " + e.getMessage());
        }
        Instant now = now();
        Instant since = window.since(zone, now);
        Instant until = window.until(zone, now);
        boolean byTimestamp = window.since != null || window.until != null;
        List<LogObject> objects = reader.objects(since, until);
        Progress progress = new Progress(session.err, objects.size());
        long[] selected = {0};
        long[] read = {0};
        for (LogObject object : objects) {
            try {
                reader.forEachLine(List.of(object), line -> {
                    String text = line.text();
                    read[0] += text.length() + 1;
                    progress.update(read[0]);
                    if (compiled.matcher(text).find() != invert && (!byTimestamp || inWindow(text, since, until))) {
                        selected[0]++;
                        output.print(session.out, line);
                    }
                });
            } catch (CorruptObjectException e) {
                session.warn("skipped the rest of " + object.key() + ": " + e.getMessage());
            }
            session.flush();
            progress.objectDone(read[0]);
        }
        progress.done();
        return selected[0] > 0 ? Osslog.OK : Osslog.NOTHING_FOUND;
    }

    private boolean inWindow(String text, Instant since, Instant until) {
        Instant at = Times.leading(text, zone);
        return at == null || !at.isBefore(since) && !at.isAfter(until);
    }
}
