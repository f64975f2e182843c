package io.github.osslog.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** {@code --since/--until}: the time buckets to read; default the buckets that overlap the last 24 hours. */
final class WindowOptions {
    static final Duration DEFAULT = Duration.ofHours(24);

    @Option(names = "--since", paramLabel = "TIME", description = "Start of the window: 2h (ago), 2026-12-07,"
            + " 2026-12-07T10:00 (in --time-zone) or 2026-12-07T10:00:00Z (default: 24h).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "End of the window, same forms (default: now).")
    String until;

    Instant since(ZoneId zone, Instant now) {
        return since == null ? now.minus(DEFAULT) : Times.instant(since, zone, now, false);
    }

    Instant until(ZoneId zone, Instant now) {
        return until == null ? now : Times.instant(until, zone, now, true);
    }
}
