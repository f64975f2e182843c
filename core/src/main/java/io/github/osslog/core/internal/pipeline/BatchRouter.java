package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.internal.buffer.RingBuffer;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import java.util.function.BooleanSupplier;

/**
 * Where a cut batch goes (docs/spool.md): straight through the {@link AppendEngine}, or, with a spool, to the spool's
 * tail while it holds older batches (one queue, first in first out) or when the delivery gives way; and the spool's
 * head replayed through the engine. Counts the batches the store rejects for good. Not thread-safe: confined to the
 * shipper thread, apart from the methods marked "any thread".
 */
final class BatchRouter {
    private final AppendEngine engine;
    private final RingBuffer ring;
    private final PipelineMetrics metrics;
    private volatile SpoolSession spool;

    BatchRouter(AppendEngine engine, RingBuffer ring, PipelineMetrics metrics) {
        this.engine = engine;
        this.ring = ring;
        this.metrics = metrics;
    }

    /** Uses {@code session} (null for none) from now on; called before the shipper thread starts. */
    void useSpool(SpoolSession session) {
        this.spool = session;
    }

    /** Whether batches that cannot be delivered in time can go to a spool. */
    boolean spools() {
        return spool != null && spool.usable();
    }

    /**
     * Settles {@code batch} if it can: {@link Outcome#LANDED}, {@link Outcome#SPOOLED}, or dropped (counted) for a
     * proven reason. A kept outcome leaves it with the caller, to be routed again: at the stop deadline, or, without
     * a usable spool, when the delivery gave way. {@code giveWay}: when a failing delivery should spool the batch.
     */
    Outcome route(Batch batch, BooleanSupplier giveWay) {
        if (batch.length() == 0) {
            // only empty events: nothing to append
            metrics.batchShipped(batch.events(), 0);
            return Outcome.LANDED;
        }
        if (hasBacklog()) {
            Outcome queued = spool.write(batch);
            if (queued.settled()) {
                return queued;
            }
        }
        if (!spools()) {
            return deliver(batch, null);
        }
        Outcome delivered = deliver(batch, giveWay);
        if (delivered.settled()) {
            return delivered;
        }
        Outcome spooled = spool.write(batch);
        if (spooled.settled()) {
            return spooled;
        }
        // the spool failed: the batch stays in memory and, unless the deadline passed, goes on being delivered
        return delivered == Outcome.GAVE_WAY ? deliver(batch, null) : delivered;
    }

    /**
     * Replays the spool's oldest batch. It is removed only once it settled: landed (proven by the answer or a HEAD)
     * or dropped for a proven reason (counted and noted like any drop); otherwise it stays at the head. False when
     * the stop deadline passed (or the thread was interrupted) with the batch kept.
     */
    boolean replayOne(BooleanSupplier giveWay) {
        SpoolSession session = spool;
        Batch head = session.head();
        if (head == null) {
            return true;
        }
        Outcome outcome = engine.deliver(head, giveWay, session::journal);
        if (outcome.settled()) {
            countIfDropped(outcome, head);
            session.removeHead(head, outcome == Outcome.LANDED);
        }
        return outcome != Outcome.STOPPED;
    }

    /** Whether older batches wait in the spool. Any thread. */
    boolean hasBacklog() {
        SpoolSession session = spool;
        return session != null && session.hasBacklog();
    }

    /** Bytes of spool segment files, 0 without a spool. Any thread. */
    long spoolBytes() {
        SpoolSession session = spool;
        return session == null ? 0 : session.bytesInUse();
    }

    /** Events waiting in the spool, 0 without one. */
    long spooledEvents() {
        SpoolSession session = spool;
        return session == null ? 0 : session.pendingEvents();
    }

    /** Ends the spool session, releasing its directory lock. */
    void close() {
        if (spool != null) {
            spool.close();
        }
    }

    private Outcome deliver(Batch batch, BooleanSupplier giveWay) {
        Outcome outcome = engine.deliver(batch, giveWay, null);
        countIfDropped(outcome, batch);
        return outcome;
    }

    /** The engine reports a rejection; its events are counted here with the ring's drops, for the drop line. */
    private void countIfDropped(Outcome outcome, Batch batch) {
        if (outcome.dropped()) {
            ring.countDownstreamLoss(outcome.loss(), batch.events());
        }
    }
}
