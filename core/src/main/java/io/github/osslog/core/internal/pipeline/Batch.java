package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.internal.objects.ObjectState;
import io.github.osslog.core.internal.spool.SpoolAnchor;
import java.time.Instant;

/**
 * One cut batch on its way: {@code data[0, length)} holding {@code events} events, cut at {@code cutTime} (which
 * picks its object key), and where an earlier append of it may already have landed. The bytes are borrowed from
 * the loop's buffer or encoder, or belong to a spool record: valid until the batch is settled. Not thread-safe:
 * confined to the shipper thread.
 */
final class Batch {
    private final byte[] data;
    private final int length;
    private final int events;
    private final Instant cutTime;
    private SpoolAnchor mayHaveLandedAt;

    Batch(byte[] data, int length, int events, Instant cutTime, SpoolAnchor mayHaveLandedAt) {
        this.data = data;
        this.length = length;
        this.events = events;
        this.cutTime = cutTime;
        this.mayHaveLandedAt = mayHaveLandedAt;
    }

    byte[] data() {
        return data;
    }

    int length() {
        return length;
    }

    int events() {
        return events;
    }

    Instant cutTime() {
        return cutTime;
    }

    /**
     * Where an append of this batch may have landed (an answer was lost, or contradicted what was sent), or
     * {@code null} when nowhere: the next delivery HEADs it before appending, and a spooled batch keeps it.
     */
    SpoolAnchor mayHaveLandedAt() {
        return mayHaveLandedAt;
    }

    /** Notes that an append at {@code state}'s position may have landed; {@code null} clears it. */
    void mayHaveLandedAt(ObjectState state) {
        mayHaveLandedAt = state == null ? null
                : new SpoolAnchor(state.key(), state.position(), state.crc(), state.crcKnown());
    }
}
