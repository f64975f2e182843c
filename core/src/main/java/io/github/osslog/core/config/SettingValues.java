package io.github.osslog.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses sizes ({@code 64MB}, {@code 512 KB}, {@code 1048576}) and durations ({@code 2 seconds}, {@code 500ms},
 * {@code 1 minute}, {@code PT2S}) the way logging configurations write them, with messages that show the accepted
 * forms. Stateless.
 */
final class SettingValues {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|bytes?|kb|kib|mb|mib|gb|gib)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([a-z]+)?");

    private SettingValues() {
    }

    /**
     * Parses a byte size: a number with an optional unit B, KB, MB or GB (binary multiples, case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write e.g. 64MB, 512KB, 1GB or 1048576");
        }
        long number;
        try {
            number = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = unit.startsWith("k") ? 10 : unit.startsWith("m") ? 20 : unit.startsWith("g") ? 30 : 0;
        if (number > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        return number << shift;
    }

    /**
     * Parses a duration: a number with a unit (ms, millisecond(s), s, second(s), m, minute(s), h, hour(s),
     * d, day(s)), or an ISO-8601 duration such as {@code PT2S}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static Duration parseDuration(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw notADuration(text);
            }
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches() || m.group(2) == null) {
            throw notADuration(text);
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw notADuration(text);
        }
        try {
            switch (m.group(2)) {
                case "ms": case "milli": case "millis": case "millisecond": case "milliseconds":
                    return Duration.ofMillis(n);
                case "s": case "sec": case "secs": case "second": case "seconds":
                    return Duration.ofSeconds(n);
                case "m": case "min": case "mins": case "minute": case "minutes":
                    return Duration.ofMinutes(n);
                case "h": case "hour": case "hours":
                    return Duration.ofHours(n);
                case "d": case "day": case "days":
                    return Duration.ofDays(n);
                default:
                    throw notADuration(text);
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration: write e.g. 2 seconds or 1 minute");
        }
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 2 seconds, 500 milliseconds,"
                + " 1 minute, 500ms or PT2S");
    }
}
