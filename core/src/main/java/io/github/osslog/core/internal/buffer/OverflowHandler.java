package io.github.osslog.core.internal.buffer;

/**
 * Applies a ring's {@link OverflowPolicy} when a claim finds no room, counts what it drops, and coordinates the
 * consumer with the producers that policy involves: under DROP_OLDEST both sides take turns owning the head,
 * under BLOCK the consumer wakes waiting producers. Thread-safe.
 */
final class OverflowHandler {
    /** Tries a DROP_OLDEST producer may spend waiting for the head before it drops its own event instead. */
    private static final int DROP_OLDEST_ATTEMPTS = 256;
    private static final int CONSUMER_SPINS = 100;

    private final OverflowPolicy policy;
    private final long blockTimeoutNanos;
    private final DropTracker drops;
    private final BlockedProducers blocked;

    OverflowHandler(OverflowPolicy policy, long blockTimeoutNanos, DropTracker drops) {
        this.policy = policy;
        this.blockTimeoutNanos = blockTimeoutNanos;
        this.drops = drops;
        this.blocked = policy == OverflowPolicy.BLOCK ? new BlockedProducers() : null;
    }

    OverflowPolicy policy() {
        return policy;
    }

    /** Any producer, after {@link RingCursors#tryClaim} failed: the claimed index, or -1 with the drop counted. */
    int claimWhenFull(RingCursors ring, int span) {
        switch (policy) {
            case DROP_OLDEST:
                return claimDroppingOldest(ring, span);
            case BLOCK:
                int index = blocked.claim(ring, span, blockTimeoutNanos);
                if (index < 0) {
                    drops.dropped(DropReason.BLOCK_TIMEOUT, 1);
                }
                return index;
            default:
                drops.dropped(DropReason.BUFFER_FULL, 1);
                return -1;
        }
    }

    private int claimDroppingOldest(RingCursors ring, int span) {
        for (int attempt = 0; attempt < DROP_OLDEST_ATTEMPTS; attempt++) {
            if (ring.tryOwnHead()) {
                int discarded;
                try {
                    discarded = ring.discardOldest(span);
                } finally {
                    ring.releaseHead();
                }
                if (discarded > 0) {
                    drops.dropped(DropReason.OLDEST_DISCARDED, discarded);
                }
            } else {
                ring.requestDrop();
                // Spin first; then yield, which lets a consumer preempted on this core finish its record.
                if (attempt < DROP_OLDEST_ATTEMPTS / 4) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            int index = ring.tryClaim(span);
            if (index >= 0) {
                return index;
            }
        }
        drops.dropped(DropReason.BUFFER_FULL, 1);
        return -1;
    }

    /** True when producers may move the head too, so the consumer must own it while it drains. */
    boolean sharesHead() {
        return policy == OverflowPolicy.DROP_OLDEST;
    }

    /** Consumer, before draining when {@link #sharesHead()}: waits out a producer that is discarding records. */
    void ownHeadForConsumer(RingCursors ring) {
        // A producer owns the head only while it discards records, which never waits on anything.
        for (int spins = 0; !ring.tryOwnHead(); spins++) {
            if (spins < CONSUMER_SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Consumer, after a drain moved the head to {@code head}: wakes producers waiting for room, if any. */
    void afterFree(RingCursors ring, long head) {
        if (blocked != null) {
            ring.fenceHead(head);
            blocked.signal();
        }
    }
}
