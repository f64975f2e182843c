package io.github.osslog.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One setting's value as the user wrote it, read as its kind; each reader throws an {@link IllegalArgumentException}
 * saying what is wrong and how to write it, without the value when the setting is a secret. Immutable.
 */
final class SettingText {
    private final Setting setting;
    private final String text;

    SettingText(Setting setting, String text) {
        this.setting = setting;
        this.text = text;
    }

    String text() {
        return text;
    }

    long size() {
        return SettingValues.parseSize(text);
    }

    /** A size that must fit an {@code int}. */
    int intSize() {
        long bytes = size();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name() + " (" + text + ") must be below 2GB");
        }
        return (int) bytes;
    }

    Duration duration() {
        return SettingValues.parseDuration(text);
    }

    <E extends Enum<E>> E choice(Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.replace('-', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException(name() + " '" + text + "' is unknown: use one of "
                + Arrays.toString(type.getEnumConstants()));
    }

    /** One of {@code allowed}, case-insensitive, as spelled there. */
    String oneOf(String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException(name() + " '" + text + "' is not allowed for appendable objects: use"
                + " one of " + Arrays.toString(allowed));
    }

    int integer(String range) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name() + " '" + text + "' is not a number: use " + range);
        }
    }

    /** {@code 0.8} or {@code 80%}. */
    double fraction() {
        try {
            return text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1).trim()) / 100
                    : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a fraction: write e.g. 0.8 or 80%");
        }
    }

    boolean bool() {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(name() + " '" + text + "' is not a boolean: use true or false");
    }

    Path path(String example) {
        try {
            return Paths.get(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(name() + " '" + text + "' is not a valid path (" + e.getReason()
                    + "): use a local path such as " + example);
        }
    }

    ZoneId zone() {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time zone: use e.g. UTC, Asia/Shanghai or"
                    + " +08:00");
        }
    }

    /** {@code name=value} pairs separated by commas, in order. */
    Map<String, String> metadata() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair.trim() + "' is not a metadata entry: write"
                        + " name=value pairs separated by commas, e.g. app=shop,team=payments");
            }
            entries.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return entries;
    }

    private String name() {
        return setting.property();
    }
}
