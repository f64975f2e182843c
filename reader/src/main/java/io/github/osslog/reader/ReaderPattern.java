package io.github.osslog.reader;

import io.github.osslog.core.internal.objects.KeyPattern;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An appender's object key pattern read backwards: which keys it produces in a time window, with the
 * {@code %host}/{@code %pid}/{@code %{name}} parts either given or left open (wildcards). The appenders' own
 * {@link KeyPattern} renders the keys; open parts and the index render as sentinels that become regular-expression
 * groups. Immutable and thread-safe.
 */
public final class ReaderPattern {
    /** How the index renders in a template: {@code render(time, Integer.MAX_VALUE)}. */
    private static final String INDEX_SENTINEL = Integer.toString(Integer.MAX_VALUE);
    private static final String WILDCARD_SENTINEL = "osslogOpenPart";
    private static final String WILDCARD_GROUP = "([A-Za-z0-9._-]+?)";
    /** A process id is a number: this keeps {@code %host-%pid} apart when the host name has a '-'. */
    private static final String PID_GROUP = "([0-9]+)";
    private static final String INDEX_GROUP = "(0|[1-9][0-9]{0,9})";
    /** Coarsest first: the bucket resolution is the coarsest unit whose cells never straddle a bucket boundary. */
    private static final ChronoUnit[] RESOLUTIONS = {ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
        ChronoUnit.SECONDS};

    private final String text;
    private final ZoneId zone;
    private final KeyPattern keys;
    private final List<String> wildcards;
    /** The sentinels, mapped to their wildcard's name or "" for %i. */
    private final Map<String, String> sentinels;
    private final boolean hasDate;
    private final ChronoUnit resolution;

    private ReaderPattern(String text, ZoneId zone, KeyPattern keys, List<String> wildcards) {
        this.text = text;
        this.zone = zone;
        this.keys = keys;
        this.wildcards = wildcards;
        this.hasDate = !keys.timeBucket(Instant.EPOCH).isEmpty();
        this.resolution = hasDate ? resolution(keys, zone, text) : ChronoUnit.FOREVER;
        this.sentinels = sentinels(keys.render(Instant.EPOCH, Integer.MAX_VALUE), wildcards, text);
    }

    /**
     * Compiles an appender's {@code objectKeyPattern} for reading.
     *
     * @param zone the time zone the appender rendered {@code %d} in (the appenders' default is UTC)
     * @param given values of {@code host}, {@code pid} and {@code %{name}} parts; parts without a value match any
     *     key-safe text
     * @throws IllegalArgumentException naming what is wrong with the pattern
     */
    public static ReaderPattern compile(String pattern, ZoneId zone, Map<String, String> given) {
        Objects.requireNonNull(zone, "zone");
        List<String> open = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>(given);
        for (String name : valueNames(pattern == null ? "" : pattern)) {
            String value = given.get(name);
            if (value == null || value.isEmpty()) {
                values.put(name, WILDCARD_SENTINEL + open.size() + "x");
                open.add(name);
            }
        }
        KeyPattern keys = KeyPattern.compile(pattern, zone, values);
        return new ReaderPattern(pattern, zone, keys, Collections.unmodifiableList(open));
    }

    /** The names of the {@code %host}, {@code %pid} and {@code %{name}} parts, in order, each once. */
    static List<String> valueNames(String pattern) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < pattern.length() - 1; i++) {
            if (pattern.charAt(i) != '%') {
                continue;
            }
            String rest = pattern.substring(i + 1);
            String name = null;
            if (rest.startsWith("%")) {
                i++;
            } else if (rest.startsWith("host")) {
                name = "host";
            } else if (rest.startsWith("pid")) {
                name = "pid";
            } else if (rest.startsWith("{") && rest.indexOf('}') > 0) {
                name = rest.substring(1, rest.indexOf('}'));
            }
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static Map<String, String> sentinels(String template, List<String> wildcards, String pattern) {
        Map<String, String> order = new LinkedHashMap<>();
        for (int w = 0; w < wildcards.size(); w++) {
            String sentinel = WILDCARD_SENTINEL + w + "x";
            order.put(sentinel, wildcards.get(w));
        }
        int index = template.indexOf(INDEX_SENTINEL);
        if (index < 0 || template.indexOf(INDEX_SENTINEL, index + 1) >= 0) {
            throw new IllegalArgumentException("objectKeyPattern '" + pattern + "' cannot be read back: its literal"
                    + " text contains " + INDEX_SENTINEL + " or it has more than one %i");
        }
        order.put(INDEX_SENTINEL, "");
        return order;
    }

    /**
     * The coarsest unit such that every key's date text is constant within each unit-long cell of the zone's
     * calendar: the step by which a window is walked to find its buckets. Checked at instants spread over a leap
     * year, including the cells' last second.
     */
    private static ChronoUnit resolution(KeyPattern keys, ZoneId zone, String pattern) {
        for (ChronoUnit unit : RESOLUTIONS) {
            if (holds(keys, zone, unit)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("objectKeyPattern '" + pattern + "' cannot be read back: its %d part"
                + " changes more often than once a second");
    }

    private static boolean holds(KeyPattern keys, ZoneId zone, ChronoUnit unit) {
        ZonedDateTime t = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, zone);
        for (int i = 0; i < 400; i++) {
            ZonedDateTime cell = t.plusMinutes(i * 1319L + i % 61).truncatedTo(unit);
            ZonedDateTime last = cell.plus(1, unit).minusNanos(1_000_000);
            if (!keys.timeBucket(cell.toInstant()).equals(keys.timeBucket(last.toInstant()))) {
                return false;
            }
        }
        return true;
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The names of the parts without a value, which match any key-safe text. */
    public List<String> wildcards() {
        return wildcards;
    }

    /** True when every part has a value, so keys can be derived and probed without listing. */
    public boolean isFullyGiven() {
        return wildcards.isEmpty();
    }

    /** Whether the pattern has a {@code %d} part; without one, every key is in a single bucket. */
    boolean hasDate() {
        return hasDate;
    }

    /** The step the buckets are walked by ({@link ChronoUnit#FOREVER} without a {@code %d} part). */
    ChronoUnit resolution() {
        return resolution;
    }

    /** The buckets that overlap {@code [since, until]}, oldest first. */
    List<TimeBucket> buckets(Instant since, Instant until) {
        if (!hasDate) {
            return Collections.singletonList(bucket(Instant.EPOCH));
        }
        List<TimeBucket> buckets = new ArrayList<>();
        ZonedDateTime t = since.atZone(zone).truncatedTo(resolution);
        String previous = null;
        while (!t.toInstant().isAfter(until)) {
            String date = keys.timeBucket(t.toInstant());
            if (!date.equals(previous)) {
                buckets.add(bucket(t.toInstant()));
                previous = date;
            }
            t = t.plus(1, resolution);
        }
        return buckets;
    }

    /** The bucket holding {@code time}. */
    TimeBucket bucketAt(Instant time) {
        return buckets(time, time).get(0);
    }

    private TimeBucket bucket(Instant start) {
        String template = keys.render(start, Integer.MAX_VALUE);
        StringBuilder regex = new StringBuilder(template.length() + 32);
        int at = 0;
        int prefixEnd = -1;
        int groups = 0;
        int indexGroup = 0;
        while (true) {
            int next = -1;
            String found = null;
            for (String sentinel : sentinels.keySet()) {
                int i = template.indexOf(sentinel, at);
                if (i >= 0 && (next < 0 || i < next)) {
                    next = i;
                    found = sentinel;
                }
            }
            if (found == null) {
                break;
            }
            if (prefixEnd < 0) {
                prefixEnd = next;
            }
            groups++;
            if (found.equals(INDEX_SENTINEL)) {
                indexGroup = groups;
            }
            regex.append(Pattern.quote(template.substring(at, next)))
                    .append(found.equals(INDEX_SENTINEL) ? INDEX_GROUP
                            : sentinels.get(found).equals("pid") ? PID_GROUP : WILDCARD_GROUP);
            at = next + found.length();
        }
        regex.append(Pattern.quote(template.substring(at)));
        return new TimeBucket(start, Pattern.compile(regex.toString()), indexGroup, template.substring(0, prefixEnd));
    }

    /**
     * Matches {@code key} against {@code bucket}: the object's identity (its wildcard values) and index, or
     * {@code null} when the key is not one of the bucket's.
     */
    static KeyMatch match(TimeBucket bucket, String key) {
        Matcher m = bucket.match(key);
        if (!m.matches()) {
            return null;
        }
        StringBuilder identity = new StringBuilder();
        for (int g = 1; g <= m.groupCount(); g++) {
            if (g != bucket.indexGroup()) {
                identity.append(identity.length() == 0 ? "" : "/").append(m.group(g));
            }
        }
        long index = Long.parseLong(m.group(bucket.indexGroup()));
        return index > Integer.MAX_VALUE ? null : new KeyMatch(identity.toString(), (int) index);
    }

    /** The key of object {@code index} in {@code bucket}; only for a {@linkplain #isFullyGiven() fully given} pattern. */
    String key(TimeBucket bucket, int index) {
        if (!isFullyGiven()) {
            throw new IllegalStateException("keys of '" + text + "' cannot be derived: " + wildcards + " are open");
        }
        return keys.render(bucket.start(), index);
    }

    @Override
    public String toString() {
        return text + (wildcards.isEmpty() ? "" : " (open: " + wildcards + ")") + " in " + zone;
    }

    /** What a key match yields: the writer identity (its wildcard values joined by '/') and the index. */
    static final class KeyMatch {
        final String identity;
        final int index;

        KeyMatch(String identity, int index) {
            this.identity = identity;
            this.index = index;
        }
    }
}
