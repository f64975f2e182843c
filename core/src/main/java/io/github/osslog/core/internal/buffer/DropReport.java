package io.github.osslog.core.internal.buffer;

import java.time.Instant;
import java.util.Map;

/**
 * The drops of one ring between two calls of {@link RingBuffer#takeDropReport()}, by reason, with the time of the
 * first and the last one; the shipper writes {@link #message()} into the log stream so readers see the gap.
 * Immutable.
 */
public final class DropReport {
    private final DropCounters counts;
    private final Instant firstDrop;
    private final Instant lastDrop;

    DropReport(DropCounters counts, Instant firstDrop, Instant lastDrop) {
        this.counts = counts;
        this.firstDrop = firstDrop;
        this.lastDrop = lastDrop;
    }

    /** The drops of this report by reason (no truncations). */
    public DropCounters counts() {
        return counts;
    }

    /** All drops in this report; always at least 1. */
    public long total() {
        return counts.totalDropped();
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
        return new DropReport(counts.plus(later.counts),
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
        for (Map.Entry<String, Long> reason : counts.byReason().entrySet()) {
            if (reason.getValue() != 0) {
                sb.append(sep).append(reason.getKey()).append(": ").append(reason.getValue());
                sep = ", ";
            }
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
