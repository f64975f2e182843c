package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.auth.CredentialsException;
import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import io.github.osslog.core.internal.objects.ObjectState;
import io.github.osslog.core.internal.pipeline.Delivery.Doubt;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Delivers one batch to its object: appends it at the object's tracked position, verifying the CRC-64, and retries,
 * reconciles (DESIGN §4, docs/reconciliation.md) and rolls until the batch has landed exactly once, a permanent
 * condition is proven for it, or the caller takes it back (give way, stop deadline). Not thread-safe: confined to
 * the shipper thread, apart from {@link #deadline(long)}.
 */
final class AppendEngine {
    /** Told before each append of a batch, so a spool can journal where it may land. */
    interface AttemptListener {
        void beforeAppend(ObjectState state);
    }

    /** How often retry waits check the give-way condition. */
    private static final long GIVE_WAY_POLL_NANOS = 20_000_000L;

    /** Rolls in a row for one batch after which NOT_APPENDABLE answers are retried with backoff, not at once. */
    private static final int QUICK_ROLLS = 3;

    private final AppendableStore store;
    private final ObjectTracker objects;
    private final Reconciler reconciler;
    private final DeliveryReporter reporter;
    private final Map<String, String> creationHeaders;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final PipelineMetrics metrics;
    private volatile boolean hasDeadline;
    private volatile long deadlineNanos;

    /** @param nanoTime a monotonic time source for the stop deadline and retry waits ({@code System::nanoTime}) */
    AppendEngine(PipelineConfig config, AppendableStore store, Backoff backoff, Sleeper sleeper, LongSupplier nanoTime,
            PipelineMetrics metrics, InternalLogger logger) {
        this.store = store;
        this.objects = new ObjectTracker(config, store, metrics, logger);
        this.reconciler = new Reconciler(store);
        this.reporter = new DeliveryReporter(metrics, logger, config.maxBackoff());
        this.creationHeaders = config.creationHeaders();
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.metrics = metrics;
    }

    /** From now on, give up a batch instead of retrying past {@code deadline} ({@code nanoTime} units). */
    void deadline(long deadline) {
        deadlineNanos = deadline;
        hasDeadline = true;
        sleeper.wake();
    }

    /** Delivers {@code batch} with neither a give-way condition nor a journal; see below. */
    Outcome deliver(Batch batch) {
        return deliver(batch, null, null);
    }

    /**
     * Delivers {@code batch}: {@link Outcome#LANDED}, {@link Outcome#dropped dropped} when the store rejects it for
     * good (reported here, counted by the caller), {@link Outcome#GAVE_WAY} when {@code giveWay} (if not null) holds
     * between retries, or {@link Outcome#STOPPED} when the deadline passed or the thread was interrupted first. A
     * batch that {@linkplain Batch#mayHaveLandedAt() may have landed} is checked there before it is appended; while
     * in doubt, the batch says where, so a kept batch, or one whose delivery a {@link Throwable} ended, is checked
     * there next time. {@code listener} (if not null) is told before each append.
     *
     * <p>Only a proven outcome ends the batch: anything thrown that is not a store's answer (a credentials
     * failure, a response that cannot be parsed, a bug, an {@link Error} once its frames have unwound) is reported
     * once per episode and retried with backoff like an outage, after a HEAD when the append may have been sent.
     */
    Outcome deliver(Batch batch, BooleanSupplier giveWay, AttemptListener listener) {
        Delivery delivery = new Delivery(batch);
        while (beforeDeadline()) {
            ErrorKind kind = null;
            try {
                Outcome done = delivery.doubt == Doubt.NONE ? appendAtTrackedPosition(delivery, listener)
                        : reconcile(delivery);
                if (done != null) {
                    return done;
                }
                continue;
            } catch (StoreException e) {
                kind = e.kind();
                Outcome done = refused(delivery, e);
                if (done != null) {
                    return done;
                }
                if (retryAtOnce(delivery, kind)) {
                    metrics.retry();
                    continue;
                }
            } catch (IOException e) {
                // the doubt first: if reporting throws, the batch must already say where it may have landed
                delivery.mayHaveBeenSent();
                delivery.failures++;
                reporter.failed(e, delivery.state);
            } catch (CredentialsException e) {
                // thrown while signing, before anything was sent: the batch cannot have landed
                delivery.failures++;
                reporter.credentialsUnavailable(e);
            } catch (Throwable e) {
                delivery.mayHaveBeenSent();
                delivery.failures++;
                reporter.unexpected(e, delivery.state);
            }
            Outcome cut = pause(backoff.delayNanos(delivery.failures, kind), giveWay);
            if (cut != null) {
                return cut;
            }
            metrics.retry();
        }
        return Outcome.STOPPED;
    }

    /**
     * Reports a failure of the shipper loop and waits the backoff for its {@code failures}-th failure in a row before
     * the loop restarts; false when the stop deadline passed or the thread was interrupted first.
     */
    boolean restartAfter(Throwable failure, int failures) {
        reporter.loopFailed(failure);
        return pause(backoff.delayNanos(failures, null), null) == null;
    }

    /** Appends at the object's tracked position: LANDED when the answer proves it, else null with the batch in doubt. */
    private Outcome appendAtTrackedPosition(Delivery delivery, AttemptListener listener) throws IOException {
        Batch batch = delivery.batch;
        if (delivery.state == null) {
            delivery.state = objects.objectFor(batch.cutTime(), batch.length());
        }
        ObjectState state = delivery.state;
        if (listener != null) {
            listener.beforeAppend(state);
        }
        AppendResult result = store.append(state.key(), state.position(), batch.data(), 0, batch.length(),
                state.position() == 0 ? creationHeaders : Collections.<String, String>emptyMap());
        metrics.append();
        if (accept(state, result, batch)) {
            return landed(delivery);
        }
        delivery.enter(Doubt.CHECKSUM);
        return null;
    }

    /**
     * Settles a doubt with a HEAD: LANDED when the object ends with the batch; else null, with the batch to be sent
     * again, to the same object when it is as we left it, to the next one when someone else changed it.
     */
    private Outcome reconcile(Delivery delivery) throws IOException {
        Reconciler.Verdict verdict = reconciler.check(delivery.state, delivery.batch.data(), delivery.batch.length());
        if (delivery.doubt == Doubt.ANCHORED) {
            // the tracker may hold an older picture of the anchor's object: learn it again
            objects.forget(delivery.state.key());
            if (verdict != Reconciler.Verdict.LANDED) {
                // not there: the batch goes where the key pattern routes it now
                delivery.state = null;
                delivery.enter(Doubt.NONE);
                return null;
            }
        }
        if (verdict == Reconciler.Verdict.LANDED) {
            reporter.reconciled(delivery.state, delivery.doubt == Doubt.CHECKSUM);
            return landed(delivery);
        }
        if (verdict == Reconciler.Verdict.FOREIGN) {
            reporter.foreign(delivery.state, delivery.doubt == Doubt.CHECKSUM);
            rollToNextObject(delivery);
        }
        delivery.enter(Doubt.NONE);
        return null;
    }

    /**
     * A store's answer refused a call: a permanent rejection drops the batch, a position conflict puts it in doubt,
     * an object that takes no appends is left for the next one; null when the batch is to be retried.
     */
    private Outcome refused(Delivery delivery, StoreException e) {
        delivery.failures++;
        reporter.failed(e, delivery.state);
        if (e.kind() == ErrorKind.BAD_REQUEST) {
            return dropForGood(delivery, e);
        }
        if (e.kind() == ErrorKind.POSITION_CONFLICT && delivery.state != null) {
            delivery.enter(Doubt.CONFLICT);
        } else if (e.kind() == ErrorKind.NOT_APPENDABLE && delivery.state != null) {
            reporter.notAppendable(delivery.state, e);
            rollToNextObject(delivery);
            delivery.rolls++;
        }
        return null;
    }

    /**
     * Whether to retry without a backoff: a first position conflict, the first few rolls of a batch, one clock skew
     * (the client adopted the server's clock). CREDENTIALS never: the store refreshed them once already.
     */
    private static boolean retryAtOnce(Delivery delivery, ErrorKind kind) {
        boolean quick = (kind == ErrorKind.POSITION_CONFLICT && delivery.failures == 1)
                || (kind == ErrorKind.NOT_APPENDABLE && delivery.rolls <= QUICK_ROLLS)
                || (kind == ErrorKind.CLOCK_SKEW && !delivery.quickRetryUsed);
        delivery.quickRetryUsed |= quick && kind == ErrorKind.CLOCK_SKEW;
        return quick;
    }

    /** Resending the batch unchanged cannot succeed: it is dropped, reported here, counted and noted by the caller. */
    private Outcome dropForGood(Delivery delivery, StoreException e) {
        reporter.rejected(e, delivery.batch.events(), delivery.batch.length());
        delivery.batch.mayHaveLandedAt(null);
        return Outcome.dropped(DropReason.REJECTED);
    }

    private Outcome landed(Delivery delivery) {
        reporter.landed(delivery.state, delivery.batch.events(), delivery.batch.length(), delivery.failures);
        delivery.batch.mayHaveLandedAt(null);
        return Outcome.LANDED;
    }

    /** Leaves the current object for the next index; the next append learns the new object first. */
    private void rollToNextObject(Delivery delivery) {
        objects.roll(delivery.batch.cutTime());
        delivery.state = null;
    }

    /** Applies a successful append's answer; false when its position or CRC-64 contradicts what was sent. */
    private boolean accept(ObjectState state, AppendResult result, Batch batch) {
        int len = batch.length();
        long expected = state.crcKnown() ? Crc64.update(state.crc(), batch.data(), 0, len) : 0;
        boolean positionOk = result.nextPosition() == state.position() + len;
        boolean crcOk = !result.hasCrc64() || !state.crcKnown() || result.crc64() == expected;
        if (positionOk && crcOk) {
            state.advance(state.position() + len, result.hasCrc64() ? result.crc64() : expected,
                    result.hasCrc64() || state.crcKnown());
            return true;
        }
        reporter.mismatch(state, result, expected, len);
        return false;
    }

    /**
     * Waits {@code nanos}, cut short at the deadline or when {@code giveWay} holds (checked every few ms); null to
     * go on, else why not.
     */
    private Outcome pause(long nanos, BooleanSupplier giveWay) {
        long left = nanos;
        do {
            if (giveWay != null && giveWay.getAsBoolean()) {
                return Outcome.GAVE_WAY;
            }
            long wait = giveWay == null ? left : Math.min(left, GIVE_WAY_POLL_NANOS);
            if (hasDeadline) {
                wait = Math.min(wait, Math.max(0, deadlineNanos - nanoTime.getAsLong()));
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.STOPPED;
            }
            left -= wait;
        } while (left > 0 && beforeDeadline());
        return beforeDeadline() ? null : Outcome.STOPPED;
    }

    private boolean beforeDeadline() {
        return !hasDeadline || nanoTime.getAsLong() - deadlineNanos < 0;
    }
}
