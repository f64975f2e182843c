package io.github.osslog.core.pipeline;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.buffer.DropReason;
import io.github.osslog.core.buffer.DropReport;
import io.github.osslog.core.buffer.LogLevel;
import io.github.osslog.core.buffer.RecordConsumer;
import io.github.osslog.core.buffer.RingBuffer;
import io.github.osslog.core.metrics.PipelineMetrics;
import io.github.osslog.core.spool.SpoolAnchor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The shipper thread's work: drains the ring into a reused batch, cuts it at {@code batchMaxBytes} or
 * {@code flushInterval} (or at once on flush and stop), writes a drop notice after drops, compresses when asked,
 * and hands the batch to the {@link AppendEngine}; with a spool, batches that cannot be shipped in time go to the
 * {@link Spooler}, and while it holds any, newer batches queue behind them there. Runs on one thread; {@link #requestFlush(long)},
 * {@link #requestStop(long)}, {@link #accountedFor()} and {@link #awaitSettled} may be called from any thread.
 */
final class Shipper implements Runnable, RecordConsumer {
    private final RingBuffer ring;
    private final AppendEngine engine;
    private final PipelineMetrics metrics;
    private final InternalLogger logger;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final int batchMaxBytes;
    private final int maxEventSize;
    private final long flushIntervalNanos;
    private final BatchBuffer batch;
    private final GzipEncoder gzip;
    private final AtomicLong flushTarget = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private volatile boolean stopping;
    private volatile long deadlineNanos;
    private volatile Spooler spooler;
    private boolean replaying;
    private int loopFailures;
    /** Set when the loop failed with a batch in memory: the restarted loop ships it as it is before draining more. */
    private boolean resumeBatch;
    private volatile long batchBytes;
    /** Where the batch in memory may have landed when a Throwable ended its last attempt; null when nowhere. */
    private SpoolAnchor keptAnchor;
    private DropReport noticeInBatch;
    private DropReport undelivered;

    Shipper(PipelineConfig config, RingBuffer ring, AppendEngine engine, PipelineMetrics metrics,
            InternalLogger logger, LongSupplier nanoTime) {
        this.ring = ring;
        this.engine = engine;
        this.metrics = metrics;
        this.logger = logger;
        this.clock = config.clock();
        this.nanoTime = nanoTime;
        this.batchMaxBytes = config.batchMaxBytes();
        this.maxEventSize = config.maxEventSize();
        this.flushIntervalNanos = config.flushInterval().toNanos();
        this.batch = new BatchBuffer(batchMaxBytes + 256);
        this.gzip = config.compression() == Compression.GZIP
                ? new GzipEncoder(batchMaxBytes + batchMaxBytes / 100 + 64, config.compressionLevel(),
                        Runtime.getRuntime().availableProcessors() > 1 ? "osslog-gzip-" + config.name() : null)
                : null;
    }

    /** Uses {@code spool} from now on; called before the thread starts. */
    void useSpool(Spooler spool) {
        this.spooler = spool;
    }

    /**
     * Runs the loop until stop; any {@link Throwable} from it is contained (DESIGN §4, issue 19): reported, and the
     * loop restarted after a backoff with its batch still in memory, so the buffer keeps accepting within its budget.
     * By the time the catch runs the failed frames have unwound, releasing what they held (an
     * {@link OutOfMemoryError} from a hostile body included).
     */
    @Override
    public void run() {
        try {
            while (true) {
                try {
                    loop();
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Throwable e) {
                    replaying = false;
                    resumeBatch = !batch.isEmpty();
                    loopFailures++;
                    if (!engine.restartAfter(e, loopFailures)) {
                        return;
                    }
                }
            }
        } finally {
            if (gzip != null) {
                gzip.close();
            }
            if (spooler != null) {
                spooler.close();
            }
            signalProgress();
        }
    }

    private void loop() throws InterruptedException {
        // the same bytes again, so that reconciling against keptAnchor compares what may have landed
        if (resumeBatch) {
            resumeBatch = false;
            if (!shipBatch()) {
                return;
            }
        }
        long batchStart = 0;
        while (true) {
            // Read before fill(): an empty batch then proves that everything published before stop() was drained.
            boolean stopSeen = stopping;
            boolean draining = stopSeen || flushOutstanding();
            boolean wasEmpty = batch.isEmpty();
            boolean full = fill();
            if (wasEmpty && !batch.isEmpty()) {
                batchStart = nanoTime.getAsLong();
            }
            boolean aged = !batch.isEmpty() && nanoTime.getAsLong() - batchStart >= flushIntervalNanos;
            if (!batch.isEmpty() && (full || aged || draining || ringUnderPressure())) {
                if (!shipBatch()) {
                    return;
                }
                continue;
            }
            if (spooler != null && spooler.hasBacklog()) {
                replaying = true;
                boolean goOn = spooler.replayOne(this::giveWay);
                replaying = false;
                signalProgress();
                if (!goOn) {
                    return;
                }
                continue;
            }
            if (batch.isEmpty()) {
                signalProgress();
                if (stopSeen) {
                    return;
                }
            }
            if (stopping && nanoTime.getAsLong() - deadlineNanos >= 0) {
                return;
            }
            if (batch.isEmpty()) {
                ring.awaitData(Long.MAX_VALUE);
            } else {
                // a started batch waits for its age or for enough to fill it (or to put the ring under pressure),
                // not for every event
                long wait = flushIntervalNanos - (nanoTime.getAsLong() - batchStart);
                ring.awaitBytes(Math.min(batchMaxBytes - batch.size(), ring.capacity() / 2), Math.max(wait, 0));
            }
        }
    }

    /**
     * Drains the ring into the batch; true when the batch cannot take the next record. A drain that hands over
     * nothing stops at an empty ring, at a record still being written, or at a committed record larger than the
     * room left: only the last one means the batch is full.
     */
    private boolean fill() throws InterruptedException {
        while (true) {
            int room = batchMaxBytes - batch.size();
            if (room <= 0) {
                return true;
            }
            if (batch.isEmpty()) {
                addDropNotice();
            }
            if (ring.drain(this, room) == 0) {
                // hasData, not awaitData(0): that would swallow a flush's wake-up and the shipper would then sleep
                // out the flush interval
                return !batch.isEmpty() && room < maxEventSize && ring.hasData();
            }
        }
    }

    @Override
    public void accept(byte[] buffer, int off, int len, LogLevel level) {
        batch.addEvent(buffer, off, len);
        batchBytes = batch.size();
    }

    private void addDropNotice() {
        DropReport taken = ring.takeDropReport();
        DropReport report = undelivered != null ? undelivered.plus(taken) : taken;
        undelivered = null;
        noticeInBatch = report;
        if (report != null) {
            byte[] line = (report.message() + "\n").getBytes(StandardCharsets.UTF_8);
            batch.addBytes(line, 0, line.length);
            if (taken != null) {
                logger.warn(taken.message());
            }
        }
    }

    /** Ships or spools the batch; false when it was kept because the stop deadline passed (or on interrupt). */
    private boolean shipBatch() {
        int events = batch.events();
        if (batch.size() == 0) {
            metrics.batchShipped(events, 0);
        } else {
            boolean left;
            if (gzip != null) {
                int size = gzip.encode(batch.bytes(), 0, batch.size()); // before output(): it names this batch's array
                left = shipOrSpool(gzip.output(), size, events);
            } else {
                left = shipOrSpool(batch.bytes(), batch.size(), events);
            }
            if (!left) {
                return false;
            }
        }
        batch.clear();
        batchBytes = 0;
        loopFailures = 0;
        settled.addAndGet(events);
        signalProgress();
        return true;
    }

    /**
     * Queues the batch behind older spooled ones; else ships it, spooling it instead when the engine gives way (the
     * buffer is filling, or stop is draining) or gives up at the stop deadline. True when the batch left memory: it
     * landed, a permanent condition was proven for it (counted and noted), it is durably spooled, or the full spool's
     * policy dropped it (counted and noted).
     */
    private boolean shipOrSpool(byte[] data, int len, int events) {
        Instant cutTime = clock.instant();
        SpoolAnchor anchor = keptAnchor;
        keptAnchor = null;
        if (spooler != null && spooler.hasBacklog()) {
            Spooler.Result result = spooler.spool(data, len, events, cutTime, anchor);
            if (result != Spooler.Result.UNAVAILABLE) {
                return spooled(result);
            }
        }
        BooleanSupplier giveWay = spooler == null ? null : this::giveWay;
        AppendEngine.Outcome outcome = ship(data, len, events, cutTime, anchor, giveWay);
        if (outcome.resolved()) {
            return resolved(outcome, events);
        }
        if (spooler == null) {
            return false;
        }
        Spooler.Result result = spooler.spool(data, len, events, cutTime, engine.unresolved());
        if (result != Spooler.Result.UNAVAILABLE) {
            return spooled(result);
        }
        // the spool failed: keep the batch in memory and go on shipping it, minding where it may have landed
        if (outcome == AppendEngine.Outcome.KEPT_GAVE_WAY) {
            outcome = ship(data, len, events, cutTime, engine.unresolved(), null);
        }
        return outcome.resolved() && resolved(outcome, events);
    }

    /** One attempt through the engine; when a Throwable escapes it, remembers where the batch may have landed. */
    private AppendEngine.Outcome ship(byte[] data, int len, int events, Instant cutTime, SpoolAnchor anchor,
            BooleanSupplier giveWay) {
        try {
            return engine.ship(data, len, events, cutTime, anchor, giveWay, null);
        } catch (Throwable e) {
            keptAnchor = engine.unresolved();
            throw e;
        }
    }

    /** A landed or dropped batch left memory; a dropped one is counted and noted, and takes no drop notice along. */
    private boolean resolved(AppendEngine.Outcome outcome, int events) {
        if (outcome == AppendEngine.Outcome.DROPPED) {
            ring.countDownstreamLoss(DropReason.REJECTED, events);
            undeliver();
        }
        return true;
    }

    /** A batch dropped because the spool was full took its drop notice along: the next batch repeats it. */
    private boolean spooled(Spooler.Result result) {
        if (result == Spooler.Result.DROPPED) {
            undeliver();
        }
        return true;
    }

    private void undeliver() {
        if (noticeInBatch != null) {
            undelivered = noticeInBatch;
        }
    }

    /**
     * Whether a failing append should give way to the spool: the buffer is half full (spool now rather than drop
     * later), or stop is draining and events wait behind the batch being retried.
     */
    private boolean giveWay() {
        return ringUnderPressure()
                || (stopping && (ring.usedBytes() > 0 || (replaying && !batch.isEmpty())));
    }

    private boolean ringUnderPressure() {
        return spooler != null && ring.usedBytes() >= ring.capacity() / 2;
    }

    /** Whether older batches wait in the spool. Any thread. */
    boolean spoolBacklog() {
        return spooler != null && spooler.hasBacklog();
    }

    /** Bytes of the batch being filled or sent, before compression. Any thread. */
    long batchBytes() {
        return batchBytes;
    }

    /** Bytes of spool segment files, 0 without a spool. Any thread. */
    long spoolBytes() {
        return spooler == null ? 0 : spooler.bytesInUse();
    }

    /** Events waiting in the spool, 0 without one. */
    long spooledEvents() {
        return spooler == null ? 0 : spooler.pendingEvents();
    }

    /** Ships without waiting for the flush interval until {@code target} events are accounted for. */
    void requestFlush(long target) {
        flushTarget.accumulateAndGet(target, Math::max);
        ring.wakeConsumer();
    }

    private boolean flushOutstanding() {
        long target = flushTarget.get();
        return target > settled.get() && target > accountedFor();
    }

    /** Ships what is left, giving up at {@code deadline} ({@code nanoTime} units). */
    void requestStop(long deadline) {
        deadlineNanos = deadline;
        stopping = true;
        engine.deadline(deadline);
        ring.wakeConsumer();
    }

    /**
     * Events of this pipeline that left memory: landed, spooled, dropped for a proven permanent reason or because the
     * spool was full, or discarded from the ring by the {@code DROP_OLDEST} policy.
     */
    long accountedFor() {
        return settled.get() + ring.drops().droppedOldest();
    }

    /** Waits until {@code done} holds or {@code timeoutNanos} passed; rechecked whenever the shipper progresses. */
    boolean awaitSettled(BooleanSupplier done, long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        lock.lock();
        try {
            while (!done.getAsBoolean()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = progress.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void signalProgress() {
        lock.lock();
        try {
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
