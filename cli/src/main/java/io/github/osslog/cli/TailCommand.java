package io.github.osslog.cli;

import io.github.osslog.reader.Checkpoint;
import io.github.osslog.reader.Follower;
import io.github.osslog.reader.LogLine;
import io.github.osslog.reader.LogReader;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code osslog tail [-f] [-n N] PATTERN}. */
@Command(name = "tail", description = {"Print the last N lines of the newest object(s) of PATTERN (the newest time"
        + " bucket of the last 24 hours); with -f, then follow: poll the objects' lengths, read only the new bytes,"
        + " move on to the next object when the writer rolls (next %%i, next time bucket, a roll after a foreign"
        + " writer), and keep going through network errors and writer restarts, every line exactly once. With no"
        + " object yet, -f waits for the first one. stdout is flushed after every poll."})
final class TailCommand extends BaseCommand {
    @Option(names = {"-f", "--follow"}, description = "Keep following as the objects grow, until interrupted.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "Last lines to print first (default: 10);"
            + " 0 prints only what lands after the start.")
    int lines = 10;

    @Option(names = "--poll-interval", paramLabel = "DURATION", converter = Times.DurationConverter.class,
            description = "How often -f looks for new bytes (default: 500ms).")
    Duration pollInterval = Duration.ofMillis(500);

    @Option(names = "--from", paramLabel = "CHECKPOINT", description = "Start after this checkpoint"
            + " (offset[+lines]:key, as the Java API's Checkpoint prints it) instead of the last N lines.")
    String from;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    int run(LogReader reader) throws Exception {
        if (lines < 0) {
            throw new IllegalArgumentException("-n must be 0 or more, was " + lines);
        }
        Follower follower = from != null ? reader.follow(Checkpoint.parse(from), pollInterval)
                : reader.follow(lines, pollInterval);
        Consumer<LogLine> print = line -> output.print(session.out, line);
        follower.poll(print);
        session.flush();
        while (follow) {
            Thread.sleep(pollInterval.toMillis());
            follower.poll(print);
            session.flush();
        }
        return Osslog.OK;
    }
}
