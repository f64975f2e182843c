package io.github.osslog.core;

import java.time.Duration;

/** What {@link Pipeline#stop(Duration)} achieved. Immutable. */
public final class ShutdownReport {
    private final long shipped;
    private final long notShipped;
    private final long spooled;
    private final long dropped;
    private final long failed;
    private final boolean timedOut;
    private final Duration took;

    public ShutdownReport(long shipped, long notShipped, long spooled, long dropped, long failed, boolean timedOut, Duration took) {
        this.shipped = shipped;
        this.notShipped = notShipped;
        this.spooled = spooled;
        this.dropped = dropped;
        this.failed = failed;
        this.timedOut = timedOut;
        this.took = took;
    }

    /** Events that landed in the store over the pipeline's life (the {@code eventsShipped} counter). */
    public long shipped() {
        return shipped;
    }

    /**
     * Events accepted but neither landed, spooled, failed nor dropped when stop returned: still in the
     * buffer, or in the batch being appended when the budget ran out (that append may still land).
     */
    public long notShipped() {
        return notShipped;
    }

    /**
     * Events waiting in the local spool when stop returned (including any an earlier run left there): they are on
     * disk and the next pipeline started on the same spool directory replays them. 0 without a spool.
     */
    public long spooled() {
        return spooled;
    }

    /**
     * Events dropped over the pipeline's life, each for a counted reason (buffer full, level discard, spool full,
     * rejected by the store, corrupt spool record, ...).
     */
    public long dropped() {
        return dropped;
    }

    /** Events in batches the store rejected for good; they are among {@link #dropped()} too. */
    public long failed() {
        return failed;
    }

    /** True when the budget ran out before every event settled (landed, spooled or dropped for a reason). */
    public boolean timedOut() {
        return timedOut;
    }

    /** How long stop took. */
    public Duration took() {
        return took;
    }

    @Override
    public String toString() {
        return "ShutdownReport{shipped=" + shipped + ", notShipped=" + notShipped + ", spooled=" + spooled
                + ", dropped=" + dropped + ", failed=" + failed + ", timedOut=" + timedOut + ", took=" + took + '}';
    }
}
