package io.github.osslog.core.internal.buffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drop counts by reason, and truncations: a ring's totals since it was built ({@link RingBuffer#drops()}), or the
 * drops of one {@link DropReport}. Immutable.
 */
public final class DropCounters {
    private final long droppedNewest;
    private final long droppedOldest;
    private final long blockTimeouts;
    private final long levelDiscards;
    private final long spoolFull;
    private final long rejected;
    private final long corruptSpool;
    private final long truncated;

    DropCounters(long droppedNewest, long droppedOldest, long blockTimeouts, long levelDiscards, long spoolFull,
            long rejected, long corruptSpool, long truncated) {
        this.droppedNewest = droppedNewest;
        this.droppedOldest = droppedOldest;
        this.blockTimeouts = blockTimeouts;
        this.levelDiscards = levelDiscards;
        this.spoolFull = spoolFull;
        this.rejected = rejected;
        this.corruptSpool = corruptSpool;
        this.truncated = truncated;
    }

    /** Events dropped because the ring was full (policy {@code DROP_NEWEST}, or {@code DROP_OLDEST} falling back). */
    public long droppedNewest() {
        return droppedNewest;
    }

    /** Published records discarded to make room for newer ones (policy {@code DROP_OLDEST}). */
    public long droppedOldest() {
        return droppedOldest;
    }

    /** Events dropped after waiting the block timeout, or on interrupt (policy {@code BLOCK}). */
    public long blockTimeouts() {
        return blockTimeouts;
    }

    /** Low-level events discarded because the ring was above its fill threshold. */
    public long levelDiscards() {
        return levelDiscards;
    }

    /** Events dropped after they left the ring because the local spool was full (see docs/spool.md). */
    public long spoolFull() {
        return spoolFull;
    }

    /** Events in batches the store rejected for good (HTTP 400/411: resending them unchanged cannot succeed). */
    public long rejected() {
        return rejected;
    }

    /** Events in spool records that failed their checksum or could not be decoded (see docs/spool.md). */
    public long corruptSpool() {
        return corruptSpool;
    }

    /** Events longer than the maximum event size, published truncated with a marker (not drops). */
    public long truncated() {
        return truncated;
    }

    /** All drops, whatever the reason; truncations are not drops. */
    public long totalDropped() {
        return droppedNewest + droppedOldest + blockTimeouts + levelDiscards + spoolFull + rejected + corruptSpool;
    }

    /** These counts and {@code other}'s added up. */
    public DropCounters plus(DropCounters other) {
        return new DropCounters(droppedNewest + other.droppedNewest, droppedOldest + other.droppedOldest,
                blockTimeouts + other.blockTimeouts, levelDiscards + other.levelDiscards, spoolFull + other.spoolFull,
                rejected + other.rejected, corruptSpool + other.corruptSpool, truncated + other.truncated);
    }

    /**
     * The drops by reason, named as the drop line and the metrics name them ("buffer full", "oldest discarded",
     * "block timeout", "level discard", "spool full", "rejected by the store", "corrupt spool record"), in that
     * order, zeros included.
     */
    public Map<String, Long> byReason() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        byReason.put(DropReason.BUFFER_FULL.text(), droppedNewest);
        byReason.put(DropReason.OLDEST_DISCARDED.text(), droppedOldest);
        byReason.put(DropReason.BLOCK_TIMEOUT.text(), blockTimeouts);
        byReason.put(DropReason.LEVEL_DISCARD.text(), levelDiscards);
        byReason.put(DropReason.SPOOL_FULL.text(), spoolFull);
        byReason.put(DropReason.REJECTED.text(), rejected);
        byReason.put(DropReason.CORRUPT_SPOOL_RECORD.text(), corruptSpool);
        return byReason;
    }

    @Override
    public String toString() {
        return "DropCounters{droppedNewest=" + droppedNewest + ", droppedOldest=" + droppedOldest
                + ", blockTimeouts=" + blockTimeouts + ", levelDiscards=" + levelDiscards + ", spoolFull=" + spoolFull
                + ", rejected=" + rejected + ", corruptSpool=" + corruptSpool + ", truncated=" + truncated + '}';
    }
}
