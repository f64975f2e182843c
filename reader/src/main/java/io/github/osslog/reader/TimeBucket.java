package io.github.osslog.reader;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of a key pattern's {@code %d} parts: the period starting at {@link #start()} whose keys share their date
 * text. Holds the bucket's key template, with the wildcards and the index still open. Immutable.
 */
final class TimeBucket {
    private final Instant start;
    private final Pattern keys;
    private final int indexGroup;
    private final String prefix;

    TimeBucket(Instant start, Pattern keys, int indexGroup, String prefix) {
        this.start = start;
        this.keys = keys;
        this.indexGroup = indexGroup;
        this.prefix = prefix;
    }

    /** The group of {@link #match(String)} that holds the index; the others hold the wildcards. */
    int indexGroup() {
        return indexGroup;
    }

    /** The first instant whose keys fall in this bucket (to the pattern's resolution). */
    Instant start() {
        return start;
    }

    /** The key text before the first open part: every key of this bucket starts with it. */
    String prefix() {
        return prefix;
    }

    /** A matcher of {@code key} against this bucket's keys. */
    Matcher match(String key) {
        return keys.matcher(key);
    }

    @Override
    public String toString() {
        return start + " (" + prefix + "...)";
    }
}
