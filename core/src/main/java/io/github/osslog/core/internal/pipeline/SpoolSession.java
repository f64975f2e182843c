package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.internal.buffer.RingBuffer;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import io.github.osslog.core.internal.objects.ObjectState;
import io.github.osslog.core.internal.spool.Spool;
import io.github.osslog.core.internal.spool.SpoolAnchor;
import io.github.osslog.core.internal.spool.SpoolRecord;
import java.io.IOException;
import java.util.Arrays;

/**
 * The pipeline's use of the local {@link Spool} from start to stop (docs/spool.md), holding its directory lock:
 * writes batches at its tail, applying the overflow policy when it is full, reads and removes its head, journals each
 * append attempt of the head, and counts damaged records as lost. A spool I/O error is reported once and ends the
 * session; what the spool holds stays for the next start. Which batch goes where is {@link BatchRouter}'s decision.
 * Not thread-safe: confined to the shipper thread, apart from {@link #hasBacklog()} and the sizes.
 */
final class SpoolSession {
    private final Spool spool;
    private final String directory;
    private final RingBuffer ring;
    private final PipelineMetrics metrics;
    private final InternalLogger logger;
    private final OverflowPolicy policy;
    private volatile boolean backlog;
    private boolean broken;
    private boolean fullReported;
    private long corruptEventsReported;

    private SpoolSession(Spool spool, PipelineConfig config, RingBuffer ring, PipelineMetrics metrics,
            InternalLogger logger) {
        this.spool = spool;
        this.directory = String.valueOf(config.spoolDirectory());
        this.ring = ring;
        this.metrics = metrics;
        this.logger = logger;
        this.policy = config.overflowPolicy();
        refresh();
    }

    /**
     * Opens the configured spool; {@code null} when none is configured or it cannot be used (locked, not writable),
     * which is reported as an error: the pipeline then runs without a spool.
     */
    static SpoolSession open(PipelineConfig config, RingBuffer ring, PipelineMetrics metrics, InternalLogger logger) {
        if (config.spoolDirectory() == null) {
            return null;
        }
        try {
            Spool spool = Spool.open(config.spoolDirectory(), config.spoolMaxBytes());
            spool.warnings().forEach(logger::warn);
            spool.problems().forEach(logger::error);
            if (!spool.isEmpty()) {
                logger.info("Spool '" + config.spoolDirectory() + "' holds " + spool.pendingEvents()
                        + " events from an earlier run: replaying them before newer events");
            }
            return new SpoolSession(spool, config, ring, metrics, logger);
        } catch (IOException e) {
            metrics.failure("SpoolUnavailable", e.getMessage());
            logger.error(e.getMessage() + ". osslog runs without a spool: batches that cannot be shipped stay in"
                    + " memory and the overflowPolicy applies when the buffer is full", e);
            return null;
        }
    }

    /** True until a spool I/O error ended the session. */
    boolean usable() {
        return !broken;
    }

    /** True while older batches wait in the spool: newer ones must queue behind them. Any thread. */
    boolean hasBacklog() {
        return backlog;
    }

    /**
     * Writes {@code batch} to the spool's tail, with where it may have landed: {@link Outcome#SPOOLED} once it is
     * durable, {@linkplain Outcome#dropped dropped} (counted) when the full spool's policy dropped it, or
     * {@link Outcome#NOT_SPOOLED} when the spool failed (or had failed before).
     */
    Outcome write(Batch batch) {
        if (broken) {
            return Outcome.NOT_SPOOLED;
        }
        SpoolRecord record = new SpoolRecord(Arrays.copyOf(batch.data(), batch.length()), batch.events(),
                batch.cutTime(), batch.mayHaveLandedAt());
        try {
            while (!spool.append(record)) {
                if (policy != OverflowPolicy.DROP_OLDEST || spool.isEmpty()) {
                    ring.countDownstreamLoss(DropReason.SPOOL_FULL, batch.events());
                    reportFull();
                    refresh();
                    return Outcome.dropped(DropReason.SPOOL_FULL);
                }
                ring.countDownstreamLoss(DropReason.SPOOL_FULL, spool.discardOldest());
                reportFull();
            }
            fullReported = false;
            metrics.batchSpooled(batch.events(), batch.length());
            refresh();
            return Outcome.SPOOLED;
        } catch (IOException e) {
            fail("write to", e);
            return Outcome.NOT_SPOOLED;
        }
    }

    /** The oldest spooled batch, with the anchor of its last journaled attempt; null when none (or on failure). */
    Batch head() {
        try {
            SpoolRecord head = spool.peek();
            refresh();
            return head == null ? null
                    : new Batch(head.data(), head.data().length, head.events(), head.cutTime(), head.anchor());
        } catch (IOException e) {
            fail("read from", e);
            return null;
        }
    }

    /** Removes the head {@link #head()} returned, once it settled; {@code landed} counts its events as replayed. */
    void removeHead(Batch head, boolean landed) {
        try {
            spool.remove();
            metrics.batchReplayed(landed ? head.events() : 0);
            refresh();
        } catch (IOException e) {
            fail("read from", e);
        }
    }

    /** Journals an append attempt of the head at {@code state}, before it is made (an {@link AppendEngine.AttemptListener}). */
    void journal(ObjectState state) {
        try {
            spool.attempt(new SpoolAnchor(state.key(), state.position(), state.crc(), state.crcKnown()));
        } catch (IOException e) {
            // replay goes on; only a crash right after this append could then duplicate the batch
            metrics.failure("SpoolError", "journal in spoolDirectory '" + directory + "': " + e);
        }
    }

    /** Bytes of segment files on disk. Any thread. */
    long bytesInUse() {
        return spool.bytesInUse();
    }

    /** Events waiting in the spool. */
    long pendingEvents() {
        return spool.pendingEvents();
    }

    /** Saves the replay cursor and releases the directory lock. */
    void close() {
        try {
            spool.close();
        } catch (IOException e) {
            logger.error("Closing spoolDirectory '" + directory + "' failed: " + e, e);
        }
    }

    private void reportFull() {
        if (!fullReported) {
            fullReported = true;
            logger.warn("The spool in '" + directory + "' is full (spoolMaxBytes): overflowPolicy " + policy
                    + (policy == OverflowPolicy.DROP_OLDEST ? " discards its oldest segment" : " drops the new batch")
                    + "; the drops are counted and noted in the log");
        }
    }

    private void fail(String what, IOException e) {
        broken = true;
        backlog = false;
        metrics.failure("SpoolError", "cannot " + what + " spoolDirectory '" + directory + "': " + e);
        logger.error("Cannot " + what + " spoolDirectory '" + directory + "' (" + e + "): osslog stops using the"
                + " spool; what it holds stays there for the next start", e);
    }

    /** Publishes the spool's state; newly found corrupt records are counted as lost, noted in the object, reported. */
    private void refresh() {
        backlog = !broken && !spool.isEmpty();
        metrics.spool(spool.bytesInUse(), spool.pendingEvents(), spool.corruptRecords());
        long lost = spool.corruptEvents() - corruptEventsReported;
        if (lost > 0) {
            corruptEventsReported += lost;
            ring.countDownstreamLoss(DropReason.CORRUPT_SPOOL_RECORD, lost);
            logger.error("spoolDirectory '" + directory + "' held damaged records (" + spool.corruptRecords()
                    + " so far): their " + lost + " events are lost, counted (reason '"
                    + DropReason.CORRUPT_SPOOL_RECORD.text() + "') and noted in the object; damaged bytes are"
                    + " never shipped");
        }
    }
}
