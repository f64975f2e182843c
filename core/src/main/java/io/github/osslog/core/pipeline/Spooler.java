package io.github.osslog.core.pipeline;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.buffer.DropReason;
import io.github.osslog.core.buffer.OverflowPolicy;
import io.github.osslog.core.buffer.RingBuffer;
import io.github.osslog.core.metrics.PipelineMetrics;
import io.github.osslog.core.naming.ObjectState;
import io.github.osslog.core.spool.Spool;
import io.github.osslog.core.spool.SpoolAnchor;
import io.github.osslog.core.spool.SpoolRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The shipper's use of the local {@link Spool} (docs/spool.md): writes batches that could not be shipped, applying
 * the overflow policy when it is full, and replays its head through the {@link AppendEngine}, journaling each append
 * attempt. A spool I/O error is reported once and ends the spool's use; what it holds stays for the next start.
 * Not thread-safe: confined to the shipper thread, apart from {@link #hasBacklog()}.
 */
final class Spooler {
    /** What became of a batch handed to {@link #spool}. */
    enum Result { SPOOLED, DROPPED, UNAVAILABLE }

    private final Spool spool;
    private final String directory;
    private final RingBuffer ring;
    private final AppendEngine engine;
    private final PipelineMetrics metrics;
    private final InternalLogger logger;
    private final OverflowPolicy policy;
    private final AppendEngine.AttemptListener journal = this::journal;
    private volatile boolean backlog;
    private boolean broken;
    private boolean fullReported;
    private long corruptEventsReported;

    private Spooler(Spool spool, PipelineConfig config, RingBuffer ring, AppendEngine engine,
            PipelineMetrics metrics, InternalLogger logger) {
        this.spool = spool;
        this.directory = String.valueOf(config.spoolDirectory());
        this.ring = ring;
        this.engine = engine;
        this.metrics = metrics;
        this.logger = logger;
        this.policy = config.overflowPolicy();
        refresh();
    }

    /**
     * Opens the configured spool; {@code null} when none is configured or it cannot be used (locked, not writable),
     * which is reported as an error: the pipeline then runs without a spool.
     */
    static Spooler open(PipelineConfig config, RingBuffer ring, AppendEngine engine, PipelineMetrics metrics,
            InternalLogger logger) {
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
            return new Spooler(spool, config, ring, engine, metrics, logger);
        } catch (IOException e) {
            metrics.failure("SpoolUnavailable", e.getMessage());
            logger.error(e.getMessage() + ". osslog runs without a spool: batches that cannot be shipped stay in"
                    + " memory and the overflowPolicy applies when the buffer is full", e);
            return null;
        }
    }

    /** True while older batches wait in the spool: newer ones must queue behind them. Any thread. */
    boolean hasBacklog() {
        return backlog;
    }

    /** Writes {@code data[0, len)} to the spool's tail; durable when this returns {@link Result#SPOOLED}. */
    Result spool(byte[] data, int len, int events, Instant cutTime, SpoolAnchor anchor) {
        if (broken) {
            return Result.UNAVAILABLE;
        }
        SpoolRecord record = new SpoolRecord(Arrays.copyOf(data, len), events, cutTime, anchor);
        try {
            while (!spool.append(record)) {
                if (policy != OverflowPolicy.DROP_OLDEST || spool.isEmpty()) {
                    ring.countDownstreamLoss(DropReason.SPOOL_FULL, events);
                    reportFull();
                    refresh();
                    return Result.DROPPED;
                }
                ring.countDownstreamLoss(DropReason.SPOOL_FULL, spool.discardOldest());
                reportFull();
            }
            fullReported = false;
            metrics.batchSpooled(events, len);
            refresh();
            return Result.SPOOLED;
        } catch (IOException e) {
            fail("write to", e);
            return Result.UNAVAILABLE;
        }
    }

    /**
     * Replays the oldest spooled batch. It is removed from the spool only when it landed (proven by the answer or a
     * HEAD) or a permanent condition was proven for it (counted and noted like any drop); otherwise it stays at the
     * head. False when the stop deadline passed (or the thread was interrupted) with the batch still kept.
     */
    boolean replayOne(BooleanSupplier giveWay) {
        try {
            SpoolRecord head = spool.peek();
            refresh();
            if (head == null) {
                return true;
            }
            AppendEngine.Outcome outcome = engine.ship(head.data(), head.data().length, head.events(),
                    head.cutTime(), head.anchor(), giveWay, journal);
            if (outcome.resolved()) {
                spool.remove();
                boolean landed = outcome == AppendEngine.Outcome.LANDED;
                if (!landed) {
                    ring.countDownstreamLoss(DropReason.REJECTED, head.events());
                }
                metrics.batchReplayed(landed ? head.events() : 0);
                refresh();
            }
            return outcome != AppendEngine.Outcome.KEPT_STOPPED;
        } catch (IOException e) {
            fail("read from", e);
            return true;
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

    private void journal(ObjectState state) {
        try {
            spool.attempt(new SpoolAnchor(state.key(), state.position(), state.crc(), state.crcKnown()));
        } catch (IOException e) {
            // replay goes on; only a crash right after this append could then duplicate the batch
            metrics.failure("SpoolError", "journal in spoolDirectory '" + directory + "': " + e);
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
