package io.github.osslog.reader;

import java.util.Objects;

/**
 * Where a reader stands: in object {@code key}, after byte {@code offset}, having also consumed {@code lines}
 * lines of the gzip member that starts there (0 for plain objects and at member boundaries). Pass it to
 * {@link LogReader#follow} to continue after the last line a consumer processed. Immutable; {@link #toString()}
 * and {@link #parse(String)} round-trip, for storing it.
 */
public final class Checkpoint {
    private final String key;
    private final long offset;
    private final long lines;

    private Checkpoint(String key, long offset, long lines) {
        this.key = Objects.requireNonNull(key, "key");
        if (offset < 0 || lines < 0) {
            throw new IllegalArgumentException("checkpoint offset and lines must not be negative");
        }
        this.offset = offset;
        this.lines = lines;
    }

    /** After byte {@code offset} of {@code key}. */
    public static Checkpoint of(String key, long offset) {
        return new Checkpoint(key, offset, 0);
    }

    /** After {@code lines} lines of the gzip member starting at byte {@code offset} of {@code key}. */
    public static Checkpoint of(String key, long offset, long lines) {
        return new Checkpoint(key, offset, lines);
    }

    /** Parses {@link #toString()}'s form {@code offset[+lines]:key}. */
    public static Checkpoint parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("checkpoint '" + text + "' is malformed: write offset[+lines]:key");
        }
        String position = text.substring(0, colon);
        int plus = position.indexOf('+');
        try {
            return plus < 0 ? of(text.substring(colon + 1), Long.parseLong(position))
                    : of(text.substring(colon + 1), Long.parseLong(position.substring(0, plus)),
                            Long.parseLong(position.substring(plus + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint '" + text + "' is malformed: write offset[+lines]:key");
        }
    }

    public String key() {
        return key;
    }

    public long offset() {
        return offset;
    }

    public long lines() {
        return lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint && ((Checkpoint) o).key.equals(key) && ((Checkpoint) o).offset == offset
                && ((Checkpoint) o).lines == lines;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, offset, lines);
    }

    @Override
    public String toString() {
        return offset + (lines == 0 ? "" : "+" + lines) + ":" + key;
    }
}
