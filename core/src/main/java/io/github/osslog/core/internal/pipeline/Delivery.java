package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.internal.objects.ObjectState;
import io.github.osslog.core.internal.spool.SpoolAnchor;

/**
 * One batch's delivery in progress ({@link AppendEngine}): the object chosen, the doubt about it, failures and rolls
 * so far. Entering a doubt updates the batch's {@link Batch#mayHaveLandedAt()} at once, so whatever is thrown next,
 * the batch says where it may have landed. Not thread-safe: confined to the shipper thread.
 */
final class Delivery {
    /** Why the object must be HEADed before the batch is (re)sent; ANCHORED: an earlier attempt may have landed. */
    enum Doubt { NONE, AMBIGUOUS, CONFLICT, CHECKSUM, ANCHORED }

    final Batch batch;
    ObjectState state;
    Doubt doubt = Doubt.NONE;
    int failures;
    int rolls;
    boolean quickRetryUsed;

    Delivery(Batch batch) {
        this.batch = batch;
        SpoolAnchor anchor = batch.mayHaveLandedAt();
        if (anchor != null) {
            state = ObjectState.at(anchor.key(), anchor.position(), anchor.crc(), anchor.crcKnown());
            doubt = Doubt.ANCHORED;
        }
    }

    /** Enters {@code next} doubt about the current object, keeping the batch's anchor in step. */
    void enter(Doubt next) {
        doubt = next;
        batch.mayHaveLandedAt(next == Doubt.NONE ? null : state);
    }

    /**
     * A call failed without an answer: with an object chosen and no doubt yet, it was the append, which may have
     * landed.
     */
    void mayHaveBeenSent() {
        if (doubt == Doubt.NONE && state != null) {
            enter(Doubt.AMBIGUOUS);
        }
    }
}
