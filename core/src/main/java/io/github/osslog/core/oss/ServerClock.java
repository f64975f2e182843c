package io.github.osslog.core.oss;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local clock plus the offset learnt from OSS after a {@code RequestTimeTooSkewed} rejection, so requests are
 * signed with the server's idea of now. Thread-safe.
 */
final class ServerClock {
    private final Clock clock;
    private final AtomicLong offsetMillis = new AtomicLong();

    ServerClock(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().plusMillis(offsetMillis.get());
    }

    long offsetMillis() {
        return offsetMillis.get();
    }

    /** Adopts the offset to the server time in an RFC 1123 {@code Date} header; false if there is none to adopt. */
    boolean adopt(String dateHeader) {
        if (dateHeader == null) {
            return false;
        }
        try {
            Instant server = ZonedDateTime.parse(dateHeader.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            offsetMillis.set(server.toEpochMilli() - clock.millis());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
