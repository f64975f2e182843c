package io.github.osslog.core.internal.spool;

import java.util.Objects;

/**
 * Where an append of a spooled batch may already have landed: the object key, the position the append was made
 * at and the whole-object CRC-64 before it. Replay HEADs the key and skips the batch when the object ends with it
 * (DESIGN §4). Immutable.
 */
public final class SpoolAnchor {
    private final String key;
    private final long position;
    private final long crc;
    private final boolean crcKnown;

    public SpoolAnchor(String key, long position, long crc, boolean crcKnown) {
        this.key = Objects.requireNonNull(key, "key");
        this.position = position;
        this.crc = crc;
        this.crcKnown = crcKnown;
    }

    public String key() {
        return key;
    }

    /** The position the append was made at: the object's length before the batch. */
    public long position() {
        return position;
    }

    /** The whole-object CRC-64 at {@link #position()}; meaningful only when {@link #crcKnown()}. */
    public long crc() {
        return crc;
    }

    public boolean crcKnown() {
        return crcKnown;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SpoolAnchor)) {
            return false;
        }
        SpoolAnchor a = (SpoolAnchor) o;
        return key.equals(a.key) && position == a.position && crc == a.crc && crcKnown == a.crcKnown;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, position, crc, crcKnown);
    }

    @Override
    public String toString() {
        return "SpoolAnchor{key=" + key + ", position=" + position + ", crc="
                + (crcKnown ? Long.toUnsignedString(crc) : "unknown") + '}';
    }
}
