package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.internal.buffer.DropReport;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.RecordConsumer;
import io.github.osslog.core.internal.buffer.RingBuffer;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The shipper thread's loop: drains the ring into a reused buffer, cuts a batch at {@code batchMaxBytes} or
 * {@code flushInterval} (or at once on flush and stop, or when the ring fills with a spool to give way to), starting
 * it with a drop notice after drops and compressing it when asked, hands it to the {@link BatchRouter}, and waits.
 * Where a batch goes and how it lands is the router's and the engine's business. Runs on one thread;
 * {@link #requestFlush(long)}, {@link #requestStop(long)}, {@link #accountedFor()} and {@link #awaitSettled} may be
 * called from any thread.
 */
final class BatchLoop implements Runnable, RecordConsumer {
    private final RingBuffer ring;
    private final AppendEngine engine;
    private final BatchRouter router;
    private final InternalLogger logger;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final int batchMaxBytes;
    private final int maxEventSize;
    private final long flushIntervalNanos;
    private final BatchBuffer buffer;
    private final GzipEncoder gzip;
    private final AtomicLong flushTarget = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private volatile boolean stopping;
    private volatile long deadlineNanos;
    private int loopFailures;
    /** The batch cut and not yet settled; after a loop failure, it is routed again as it is before anything else. */
    private Batch cut;
    private volatile long batchBytes;
    private DropReport noticeInBatch;
    private DropReport undelivered;

    BatchLoop(PipelineConfig config, RingBuffer ring, AppendEngine engine, PipelineMetrics metrics,
            InternalLogger logger, LongSupplier nanoTime) {
        this.ring = ring;
        this.engine = engine;
        this.router = new BatchRouter(engine, ring, metrics);
        this.logger = logger;
        this.clock = config.clock();
        this.nanoTime = nanoTime;
        this.batchMaxBytes = config.batchMaxBytes();
        this.maxEventSize = config.maxEventSize();
        this.flushIntervalNanos = config.flushInterval().toNanos();
        this.buffer = new BatchBuffer(batchMaxBytes + 256);
        this.gzip = config.compression() == Compression.GZIP
                ? new GzipEncoder(batchMaxBytes + batchMaxBytes / 100 + 64, config.compressionLevel(),
                        Runtime.getRuntime().availableProcessors() > 1 ? "osslog-gzip-" + config.name() : null)
                : null;
    }

    /** Uses {@code spool} (null for none) from now on; called before the thread starts. */
    void useSpool(SpoolSession spool) {
        router.useSpool(spool);
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
            router.close();
            signalProgress();
        }
    }

    private void loop() throws InterruptedException {
        // the same bytes, cut time and anchor again, so that reconciling compares exactly what may have landed
        if (cut != null && !settle(cut)) {
            return;
        }
        long batchStart = 0;
        while (true) {
            // Read before fill(): an empty batch then proves that everything published before stop() was drained.
            boolean stopSeen = stopping;
            boolean draining = stopSeen || flushOutstanding();
            boolean wasEmpty = buffer.isEmpty();
            boolean full = fill();
            if (wasEmpty && !buffer.isEmpty()) {
                batchStart = nanoTime.getAsLong();
            }
            boolean aged = !buffer.isEmpty() && nanoTime.getAsLong() - batchStart >= flushIntervalNanos;
            if (!buffer.isEmpty() && (full || aged || draining || ringUnderPressure())) {
                if (!settle(cut())) {
                    return;
                }
                continue;
            }
            if (router.hasBacklog()) {
                boolean goOn = router.replayOne(this::replayGivesWay);
                signalProgress();
                if (!goOn) {
                    return;
                }
                continue;
            }
            if (buffer.isEmpty()) {
                signalProgress();
                if (stopSeen) {
                    return;
                }
            }
            if (stopping && nanoTime.getAsLong() - deadlineNanos >= 0) {
                return;
            }
            if (buffer.isEmpty()) {
                ring.awaitData(Long.MAX_VALUE);
            } else {
                // a started batch waits for its age or for enough to fill it (or to put the ring under pressure),
                // not for every event
                long wait = flushIntervalNanos - (nanoTime.getAsLong() - batchStart);
                ring.awaitBytes(Math.min(batchMaxBytes - buffer.size(), ring.capacity() / 2), Math.max(wait, 0));
            }
        }
    }

    /**
     * Drains the ring into the buffer; true when it cannot take the next record. A drain that hands over nothing
     * stops at an empty ring, at a record still being written, or at a committed record larger than the room left:
     * only the last one means the batch is full.
     */
    private boolean fill() throws InterruptedException {
        while (true) {
            int room = batchMaxBytes - buffer.size();
            if (room <= 0) {
                return true;
            }
            if (buffer.isEmpty()) {
                addDropNotice();
            }
            if (ring.drain(this, room) == 0) {
                // hasData, not awaitData(0): that would swallow a flush's wake-up and the loop would then sleep
                // out the flush interval
                return !buffer.isEmpty() && room < maxEventSize && ring.hasData();
            }
        }
    }

    @Override
    public void accept(byte[] bytes, int off, int len, LogLevel level) {
        buffer.addEvent(bytes, off, len);
        batchBytes = buffer.size();
    }

    private void addDropNotice() {
        DropReport taken = ring.takeDropReport();
        DropReport report = undelivered != null ? undelivered.plus(taken) : taken;
        undelivered = null;
        noticeInBatch = report;
        if (report != null) {
            byte[] line = (report.message() + "\n").getBytes(StandardCharsets.UTF_8);
            buffer.addBytes(line, 0, line.length);
            if (taken != null) {
                logger.warn(taken.message());
            }
        }
    }

    /** Cuts the buffer into a batch, compressed when asked (the encoder's output holds it until the next cut). */
    private Batch cut() {
        if (gzip == null || buffer.size() == 0) {
            cut = new Batch(buffer.bytes(), buffer.size(), buffer.events(), clock.instant(), null);
        } else {
            int size = gzip.encode(buffer.bytes(), 0, buffer.size()); // before output(): it names this batch's array
            cut = new Batch(gzip.output(), size, buffer.events(), clock.instant(), null);
        }
        return cut;
    }

    /** Routes the cut batch; false when it was kept because the stop deadline passed (or on interrupt). */
    private boolean settle(Batch batch) {
        Outcome outcome = router.route(batch, this::giveWay);
        if (!outcome.settled()) {
            return false;
        }
        cut = null;
        buffer.clear();
        batchBytes = 0;
        loopFailures = 0;
        if (outcome.dropped()) {
            // the batch took its drop notice along: the next one repeats it
            undelivered = noticeInBatch;
        }
        settled.addAndGet(batch.events());
        signalProgress();
        return true;
    }

    /**
     * Whether a failing delivery should give way to the spool: the ring is half full (spool now rather than drop
     * later), or stop is draining and events wait behind the batch.
     */
    private boolean giveWay() {
        return ringUnderPressure() || (stopping && ring.usedBytes() > 0);
    }

    /** The same for a replayed batch, behind which the batch being filled waits too. */
    private boolean replayGivesWay() {
        return giveWay() || (stopping && !buffer.isEmpty());
    }

    private boolean ringUnderPressure() {
        return router.spools() && ring.usedBytes() >= ring.capacity() / 2;
    }

    /** Whether older batches wait in the spool. Any thread. */
    boolean spoolBacklog() {
        return router.hasBacklog();
    }

    /** Bytes of the batch being filled or sent, before compression. Any thread. */
    long batchBytes() {
        return batchBytes;
    }

    /** Bytes of spool segment files, 0 without a spool. Any thread. */
    long spoolBytes() {
        return router.spoolBytes();
    }

    /** Events waiting in the spool, 0 without one. */
    long spooledEvents() {
        return router.spooledEvents();
    }

    /** Cuts batches without waiting for the flush interval until {@code target} events are accounted for. */
    void requestFlush(long target) {
        flushTarget.accumulateAndGet(target, Math::max);
        ring.wakeConsumer();
    }

    private boolean flushOutstanding() {
        long target = flushTarget.get();
        return target > settled.get() && target > accountedFor();
    }

    /** Delivers what is left, giving up at {@code deadline} ({@code nanoTime} units). */
    void requestStop(long deadline) {
        deadlineNanos = deadline;
        stopping = true;
        engine.deadline(deadline);
        ring.wakeConsumer();
    }

    /**
     * Events of this pipeline that settled (landed, spooled, or dropped for a proven permanent reason or because the
     * spool was full) or were discarded from the ring by the {@code DROP_OLDEST} policy.
     */
    long accountedFor() {
        return settled.get() + ring.drops().droppedOldest();
    }

    /** Waits until {@code done} holds or {@code timeoutNanos} passed; rechecked whenever the loop progresses. */
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
