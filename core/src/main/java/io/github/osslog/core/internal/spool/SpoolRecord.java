package io.github.osslog.core.internal.spool;

import java.time.Instant;
import java.util.Objects;

/**
 * One spooled batch: the bytes exactly as they are to be appended (complete gzip members when compression is on),
 * how many events they hold, the time the batch was cut (which picks its object key on replay) and, when an append
 * of it may already have landed, its {@link SpoolAnchor}. Immutable apart from the shared data array, which nobody
 * writes.
 */
public final class SpoolRecord {
    private final byte[] data;
    private final int events;
    private final Instant cutTime;
    private final SpoolAnchor anchor;

    /** Keeps {@code data} without copying; the caller must not change it afterwards. */
    public SpoolRecord(byte[] data, int events, Instant cutTime, SpoolAnchor anchor) {
        this.data = Objects.requireNonNull(data, "data");
        this.events = events;
        this.cutTime = Objects.requireNonNull(cutTime, "cutTime");
        this.anchor = anchor;
    }

    /** The batch's bytes; do not modify. */
    public byte[] data() {
        return data;
    }

    public int events() {
        return events;
    }

    public Instant cutTime() {
        return cutTime;
    }

    /** Where an earlier append of this batch may have landed, or {@code null} when none can have. */
    public SpoolAnchor anchor() {
        return anchor;
    }

    /** The same batch with another anchor. */
    public SpoolRecord withAnchor(SpoolAnchor newAnchor) {
        return new SpoolRecord(data, events, cutTime, newAnchor);
    }

    @Override
    public String toString() {
        return "SpoolRecord{bytes=" + data.length + ", events=" + events + ", cutTime=" + cutTime + ", anchor="
                + anchor + '}';
    }
}
