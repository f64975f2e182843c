package io.github.osslog.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses the command line's times and durations, and the leading timestamps of log lines. Stateless. */
final class Times {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    /** A line's leading ISO-8601 timestamp: date, 'T' or space, time, optional fraction and offset. */
    private static final Pattern LEADING = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)(Z|[+-]\\d{2}:?\\d{2})?");

    private Times() {
    }

    /** {@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, {@code 500ms}. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 500ms, 90s, 15m, 2h, 7d");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms": return Duration.ofMillis(n);
            case "s": return Duration.ofSeconds(n);
            case "m": return Duration.ofMinutes(n);
            case "h": return Duration.ofHours(n);
            default: return Duration.ofDays(n);
        }
    }

    /**
     * A point in time: a duration ago ({@code 2h}), an ISO instant or offset time, a local date-time or a date in
     * {@code zone}. A date alone means its start, or its end when {@code end} is set.
     */
    static Instant instant(String text, ZoneId zone, Instant now, boolean end) {
        String t = text.trim();
        if (DURATION.matcher(t.toLowerCase(Locale.ROOT)).matches()) {
            return now.minus(duration(t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset; try the local forms
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            LocalDate date = LocalDate.parse(t);
            return end ? date.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1)
                    : date.atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: write e.g. 2h (ago),"
                    + " 2026-12-07, 2026-12-07T10:00, or 2026-12-07T10:00:00Z");
        }
    }

    /** The instant of a line's leading timestamp (zone-less ones in {@code zone}), or {@code null} if it has none. */
    static Instant leading(String line, ZoneId zone) {
        Matcher m = LEADING.matcher(line);
        if (!m.find()) {
            return null;
        }
        try {
            String local = m.group(1) + "T" + m.group(2).replace(',', '.');
            LocalDateTime time = LocalDateTime.parse(local, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            String offset = m.group(3);
            if (offset == null) {
                return time.atZone(zone).toInstant();
            }
            if (offset.length() == 5) {
                offset = offset.substring(0, 3) + ":" + offset.substring(3);
            }
            return time.atZone(ZoneId.of(offset)).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** picocli converter for durations. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return duration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
