package io.github.osslog.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The server's idea of "now": a base clock plus an adjustable offset (to test clients' skew handling). Thread-safe. */
final class ServerClock {
    static final DateTimeFormatter RFC_1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);
    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    ServerClock(Clock base) {
        this.base = base;
    }

    Instant now() {
        return base.instant().plus(offset);
    }

    void offset(Duration offset) {
        this.offset = offset;
    }
}
