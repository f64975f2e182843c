package io.github.osslog.core.buffer;

import java.time.Instant;

/**
 * The drops of one ring between two calls of {@link RingBuffer#takeDropReport()}, by reason, with the time of the
 * first and the last one; the shipper writes {@link #message()} into the log stream so readers see the gap.
 * Immutable.
 */
public final class DropReport {
    private final long droppedNewest;
    private final long droppedOldest;
    private final long blockTimeouts;
    private final long levelDiscards;
    private final long spoolFull;
    private final Instant firstDrop;
    private final Instant lastDrop;

    DropReport(long droppedNewest, long droppedOldest, long blockTimeouts, long levelDiscards,
            long spoolFull, Instant firstDrop, Instant lastDrop) {
        this.droppedNewest = droppedNewest;
        this.droppedOldest = droppedOldest;
        this.blockTimeouts = blockTimeouts;
        this.levelDiscards = levelDiscards;
        this.spoolFull = spoolFull;
        this.firstDrop = firstDrop;
        this.lastDrop = lastDrop;
    }

    /** Events dropped because the ring was full. */
    public long droppedNewest() {
        return droppedNewest;
    }

    /** Published records discarded to make room for newer ones. */
    public long droppedOldest() {
        return droppedOldest;
    }

    /** Events dropped after waiting the block timeout. */
    public long blockTimeouts() {
        return blockTimeouts;
    }

    /** Low-level events discarded above the fill threshold. */
    public long levelDiscards() {
        return levelDiscards;
    }

    /** Events dropped after they left the ring because the local spool was full. */
    public long spoolFull() {
        return spoolFull;
    }

    /** All drops in this report; always at least 1. */
    public long total() {
        return droppedNewest + droppedOldest + blockTimeouts + levelDiscards + spoolFull;
    }

    /** When the first drop of this report happened, by the ring's clock. */
    public Instant firstDrop() {
        return firstDrop;
    }

    /** When the last drop of this report happened, by the ring's clock. */
    public Instant lastDrop() {
        return lastDrop;
    }

    /** This report and {@code later} together (a notice that could not be delivered joins the next one). */
    public DropReport plus(DropReport later) {
        if (later == null) {
            return this;
        }
        return new DropReport(droppedNewest + later.droppedNewest, droppedOldest + later.droppedOldest,
                blockTimeouts + later.blockTimeouts, levelDiscards + later.levelDiscards, spoolFull + later.spoolFull,
                firstDrop.isBefore(later.firstDrop) ? firstDrop : later.firstDrop,
                lastDrop.isAfter(later.lastDrop) ? lastDrop : later.lastDrop);
    }

    /**
     * One line for the log stream, without a line terminator, e.g. {@code osslog dropped 12 events between
     * 2024-05-01T10:00:00Z and 2024-05-01T10:00:03Z (buffer full: 12)}.
     */
    public String message() {
        StringBuilder sb = new StringBuilder(128)
                .append("osslog dropped ").append(total()).append(total() == 1 ? " event" : " events")
                .append(" between ").append(firstDrop).append(" and ").append(lastDrop).append(" (");
        String sep = "";
        sep = reason(sb, sep, "buffer full", droppedNewest);
        sep = reason(sb, sep, "oldest discarded", droppedOldest);
        sep = reason(sb, sep, "block timeout", blockTimeouts);
        sep = reason(sb, sep, "level discard", levelDiscards);
        reason(sb, sep, "spool full", spoolFull);
        return sb.append(')').toString();
    }

    private static String reason(StringBuilder sb, String sep, String name, long count) {
        if (count == 0) {
            return sep;
        }
        sb.append(sep).append(name).append(": ").append(count);
        return ", ";
    }

    @Override
    public String toString() {
        return message();
    }
}
