package io.github.osslog.core.internal.objects;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A compiled object key pattern such as {@code logs/%d{yyyy-MM-dd}/%host-%pid-%i.log}. Immutable and thread-safe.
 * Tokens: {@code %d{format}} (a {@link DateTimeFormatter} pattern; {@code %d} alone means {@code yyyy-MM-dd}),
 * {@code %i} (the rollover index), {@code %host}, {@code %pid}, {@code %{name}} (a value the adapter supplies) and
 * {@code %%} (a literal percent sign). See docs/object-keys.md.
 */
public final class KeyPattern {
    /** OSS keys are 1 to 1023 bytes of UTF-8. */
    static final int MAX_KEY_BYTES = 1023;
    private static final String DEFAULT_DATE = "yyyy-MM-dd";
    private static final String KNOWN = "%d{format}, %i, %host, %pid, %{name}, %%";

    private final String pattern;
    private final List<Part> parts;
    private final List<DateTimeFormatter> dateParts;

    private KeyPattern(String pattern, List<Part> parts) {
        this.pattern = pattern;
        this.parts = parts;
        List<DateTimeFormatter> dates = new ArrayList<>();
        for (Part p : parts) {
            if (p.date != null) {
                dates.add(p.date);
            }
        }
        this.dateParts = Collections.unmodifiableList(dates);
    }

    /**
     * Compiles {@code pattern}.
     *
     * @param zone the time zone of the {@code %d} parts
     * @param values the values of {@code %{name}} tokens; {@code host} and {@code pid} also supply {@code %host}
     *     and {@code %pid}. Values are made key-safe: characters other than letters, digits, '.', '_' and '-'
     *     become '_'.
     * @throws IllegalArgumentException naming the problem: an unknown token, a bad date format, a missing value, no
     *     {@code %i}, a leading '/', or a key longer than 1023 bytes
     */
    public static KeyPattern compile(String pattern, ZoneId zone, Map<String, String> values) {
        Objects.requireNonNull(zone, "zone");
        if (pattern == null || pattern.isEmpty()) {
            throw invalid(pattern, "it is empty");
        }
        if (pattern.startsWith("/") || pattern.startsWith("\\")) {
            throw invalid(pattern, "an object key must not start with '/' or '\\'");
        }
        Map<String, String> safe = new TreeMap<>();
        values.forEach((k, v) -> safe.put(k, sanitize(v)));
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean hasIndex = false;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            String rest = pattern.substring(i + 1);
            if (rest.startsWith("%")) {
                literal.append('%');
                i += 2;
                continue;
            }
            if (literal.length() > 0) {
                parts.add(Part.literal(literal.toString()));
                literal.setLength(0);
            }
            if (rest.startsWith("host") || rest.startsWith("pid")) {
                String name = rest.startsWith("host") ? "host" : "pid";
                parts.add(Part.literal(value(pattern, safe, name, "%" + name)));
                i += 1 + name.length();
            } else if (rest.startsWith("i")) {
                parts.add(Part.INDEX);
                hasIndex = true;
                i += 2;
            } else if (rest.startsWith("d")) {
                String format = DEFAULT_DATE;
                int consumed = 1;
                if (rest.startsWith("d{")) {
                    int close = rest.indexOf('}');
                    if (close < 0) {
                        throw invalid(pattern, "'%d{' at position " + i + " has no closing '}'");
                    }
                    format = rest.substring(2, close);
                    consumed = close + 1;
                }
                parts.add(Part.date(dateFormat(pattern, format, zone)));
                i += 1 + consumed;
            } else if (rest.startsWith("{")) {
                int close = rest.indexOf('}');
                if (close < 0) {
                    throw invalid(pattern, "'%{' at position " + i + " has no closing '}'");
                }
                String name = rest.substring(1, close);
                parts.add(Part.literal(value(pattern, safe, name, "%{" + name + "}")));
                i += 2 + close;
            } else {
                throw invalid(pattern, "unknown token '%" + leadingWord(rest) + "' at position " + i
                        + "; known tokens are " + KNOWN);
            }
        }
        if (literal.length() > 0) {
            parts.add(Part.literal(literal.toString()));
        }
        if (!hasIndex) {
            throw invalid(pattern, "it has no %i: rolling to a new object needs the index");
        }
        KeyPattern compiled = new KeyPattern(pattern, Collections.unmodifiableList(parts));
        String sample;
        try {
            sample = compiled.render(Instant.now(), Integer.MAX_VALUE);
        } catch (DateTimeException e) {
            throw invalid(pattern, "a date format cannot be applied to a point in time: " + e.getMessage());
        }
        for (String segment : sample.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid(pattern, "'.' and '..' path segments are not allowed (HTTP clients collapse them)");
            }
        }
        if (sample.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalid(pattern, "keys would be longer than " + MAX_KEY_BYTES + " bytes, e.g. '" + sample + "'");
        }
        return compiled;
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** The key for {@code time} and rollover {@code index}. */
    public String render(Instant time, int index) {
        StringBuilder key = new StringBuilder(64);
        for (Part p : parts) {
            if (p.date != null) {
                p.date.formatTo(time, key);
            } else if (p.text != null) {
                key.append(p.text);
            } else {
                key.append(index);
            }
        }
        return key.toString();
    }

    /** The date parts of the key at {@code time}: when it changes, a new object starts. */
    public String timeBucket(Instant time) {
        if (dateParts.isEmpty()) {
            return "";
        }
        StringBuilder bucket = new StringBuilder(32);
        for (DateTimeFormatter f : dateParts) {
            f.formatTo(time, bucket);
            bucket.append('\u0000');
        }
        return bucket.toString();
    }

    @Override
    public String toString() {
        return pattern;
    }

    static String sanitize(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            out.append(safe ? c : '_');
        }
        return out.toString();
    }

    private static String value(String pattern, Map<String, String> values, String name, String token) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw invalid(pattern, "token '" + token + "' has no value: supply '" + name + "' in the key values");
        }
        return v;
    }

    private static DateTimeFormatter dateFormat(String pattern, String format, ZoneId zone) {
        try {
            return DateTimeFormatter.ofPattern(format).withZone(zone);
        } catch (IllegalArgumentException e) {
            throw invalid(pattern, "'%d{" + format + "}' is not a valid date format: " + e.getMessage());
        }
    }

    private static String leadingWord(String s) {
        int end = 0;
        while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 && !s.isEmpty() ? s.substring(0, 1) : s.substring(0, end);
    }

    private static IllegalArgumentException invalid(String pattern, String why) {
        return new IllegalArgumentException("objectKeyPattern '" + pattern + "' is invalid: " + why);
    }

    /** One piece of a pattern: literal text, a date, or the index. */
    private static final class Part {
        static final Part INDEX = new Part(null, null);
        final String text;
        final DateTimeFormatter date;

        private Part(String text, DateTimeFormatter date) {
            this.text = text;
            this.date = date;
        }

        static Part literal(String text) {
            return new Part(text, null);
        }

        static Part date(DateTimeFormatter date) {
            return new Part(null, date);
        }
    }
}
