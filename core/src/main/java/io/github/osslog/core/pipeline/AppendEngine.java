package io.github.osslog.core.pipeline;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.auth.CredentialsException;
import io.github.osslog.core.crc.Crc64;
import io.github.osslog.core.metrics.PipelineMetrics;
import io.github.osslog.core.naming.ObjectState;
import io.github.osslog.core.spool.SpoolAnchor;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Appends one batch at its object's tracked position, verifying the CRC-64, and retries, reconciles (DESIGN §4,
 * docs/reconciliation.md) and rolls until the batch has landed exactly once, a permanent condition is proven for it,
 * or the caller takes it back (give way, stop deadline). Not thread-safe: confined to the shipper thread, apart from {@link #deadline(long)}.
 */
final class AppendEngine {
    /**
     * How one batch ended (DESIGN §4, "The failure rule"). Only {@link #LANDED} and {@link #DROPPED} let a batch
     * leave memory or the spool; the two KEPT outcomes leave it with the caller, unresolved.
     */
    enum Outcome {
        /** The batch is in the object exactly once, proven by the append's answer or by a HEAD. */
        LANDED,
        /**
         * A permanent condition was proven for this batch (the store rejects it as it is): the loss is counted, reported
         * and must be noted in the object by the caller ({@link io.github.osslog.core.buffer.DropReason#REJECTED}).
         */
        DROPPED,
        /** Not resolved; the caller's give-way condition held between retries: keep the batch (spool it). */
        KEPT_GAVE_WAY,
        /** Not resolved; the stop deadline passed or the thread was interrupted: keep the batch. */
        KEPT_STOPPED;

        /** True when the batch's fate is known and it may leave memory or the spool. */
        boolean resolved() {
            return this == LANDED || this == DROPPED;
        }
    }

    /** Why the object must be HEADed before the batch is (re)sent; ANCHORED: an earlier run's append may have landed. */
    private enum Doubt { NONE, AMBIGUOUS, CONFLICT, CHECKSUM, ANCHORED }

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
    private final ShipStatus status;
    private final Map<String, String> creationHeaders;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final PipelineMetrics metrics;
    private volatile boolean hasDeadline;
    private volatile long deadlineNanos;
    private SpoolAnchor unresolved;

    /** @param nanoTime a monotonic time source for the stop deadline and retry waits ({@code System::nanoTime}) */
    AppendEngine(PipelineConfig config, AppendableStore store, Backoff backoff, Sleeper sleeper, LongSupplier nanoTime,
            PipelineMetrics metrics, InternalLogger logger) {
        this.store = store;
        this.objects = new ObjectTracker(config, store, metrics, logger);
        this.reconciler = new Reconciler(store);
        this.status = new ShipStatus(metrics, logger, config.maxBackoff());
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

    /**
     * Ships {@code data[0, len)}, which holds {@code events} events, to the object for {@code cutTime}.
     * Returns {@link Outcome#KEPT_STOPPED} when the deadline passed or the thread was interrupted first.
     */
    Outcome ship(byte[] data, int len, int events, Instant cutTime) {
        return ship(data, len, events, cutTime, null, null, null);
    }

    /**
     * Ships like {@link #ship(byte[], int, int, Instant)}, first checking {@code anchor} (if not null) and skipping
     * the append when the batch is found there already; returns {@link Outcome#KEPT_GAVE_WAY} when {@code giveWay}
     * (if not null) holds between retries. After a KEPT outcome, or when a {@link Throwable} escaped this method,
     * {@link #unresolved()} says where the batch may have landed.
     *
     * <p>Only a proven outcome ends the batch: anything thrown that is not a store's answer (a credentials
     * failure, a response that cannot be parsed, a bug, an {@link Error} once its frames have unwound) is reported
     * once per episode and retried with backoff like an outage, after a HEAD when the append may have been sent.
     */
    Outcome ship(byte[] data, int len, int events, Instant cutTime, SpoolAnchor anchor, BooleanSupplier giveWay,
            AttemptListener listener) {
        int failures = 0;
        int rolls = 0;
        boolean quickRetryUsed = false;
        Doubt doubt = Doubt.NONE;
        ObjectState state = null;
        unresolved = anchor;
        if (anchor != null) {
            state = ObjectState.at(anchor.key(), anchor.position(), anchor.crc(), anchor.crcKnown());
            doubt = Doubt.ANCHORED;
        }
        while (beforeDeadline()) {
            ErrorKind kind = null;
            try {
                if (state == null) {
                    state = objects.objectFor(cutTime, len);
                }
                if (doubt != Doubt.NONE) {
                    Reconciler.Verdict verdict = reconciler.check(state, data, len);
                    if (doubt == Doubt.ANCHORED) {
                        // the tracker may hold an older picture of the anchor's object: learn it again
                        objects.forget(state.key());
                        if (verdict != Reconciler.Verdict.LANDED) {
                            state = null;
                            doubt = doubt(Doubt.NONE, null);
                            continue;
                        }
                    }
                    if (verdict == Reconciler.Verdict.LANDED) {
                        status.landed(state, doubt == Doubt.CHECKSUM);
                        status.shipped(state, events, len, failures);
                        unresolved = null;
                        return Outcome.LANDED;
                    }
                    if (verdict == Reconciler.Verdict.FOREIGN) {
                        status.foreign(state, doubt == Doubt.CHECKSUM);
                        objects.roll(cutTime);
                        state = null;
                    }
                    doubt = doubt(Doubt.NONE, null);
                    continue;
                }
                if (listener != null) {
                    listener.beforeAppend(state);
                }
                AppendResult result = store.append(state.key(), state.position(), data, 0, len,
                        state.position() == 0 ? creationHeaders : Collections.<String, String>emptyMap());
                metrics.append();
                if (accept(state, result, data, len)) {
                    status.shipped(state, events, len, failures);
                    return Outcome.LANDED;
                }
                doubt = doubt(Doubt.CHECKSUM, state);
                continue;
            } catch (StoreException e) {
                kind = e.kind();
                failures++;
                status.failed(e, state);
                if (kind == ErrorKind.BAD_REQUEST) {
                    status.rejected(e, events, len);
                    unresolved = null;
                    return Outcome.DROPPED;
                }
                if (kind == ErrorKind.POSITION_CONFLICT) {
                    doubt = doubt(Doubt.CONFLICT, state);
                } else if (kind == ErrorKind.NOT_APPENDABLE && state != null) {
                    status.notAppendable(state, e);
                    objects.roll(cutTime);
                    state = null;
                    rolls++;
                }
                // CREDENTIALS gets no quick retry: the store refreshed them once already (ErrorKind.CREDENTIALS)
                boolean quick = (kind == ErrorKind.POSITION_CONFLICT && failures == 1)
                        || (kind == ErrorKind.NOT_APPENDABLE && rolls <= QUICK_ROLLS)
                        || (kind == ErrorKind.CLOCK_SKEW && !quickRetryUsed);
                if (quick) {
                    quickRetryUsed |= kind == ErrorKind.CLOCK_SKEW;
                    metrics.retry();
                    continue;
                }
            } catch (IOException e) {
                // the doubt first: if reporting throws, unresolved() must already say where the batch may be
                doubt = afterFailedCall(doubt, state);
                failures++;
                status.failed(e, state);
            } catch (CredentialsException e) {
                // thrown while signing, before anything was sent: the batch cannot have landed
                failures++;
                status.credentialsUnavailable(e);
            } catch (Throwable e) {
                doubt = afterFailedCall(doubt, state);
                failures++;
                status.unexpected(e, state);
            }
            Outcome interrupted = pause(backoff.delayNanos(failures, kind), giveWay);
            if (interrupted != null) {
                return interrupted;
            }
            metrics.retry();
        }
        return Outcome.KEPT_STOPPED;
    }

    /**
     * Where the last batch left unresolved (a KEPT outcome, or a {@link Throwable} that escaped {@link #ship}) may
     * have landed, or {@code null} when nowhere.
     */
    SpoolAnchor unresolved() {
        return unresolved;
    }

    /**
     * Reports a failure of the shipper loop and waits the backoff for its {@code failures}-th failure in a row before
     * the loop restarts; false when the stop deadline passed or the thread was interrupted first.
     */
    boolean restartAfter(Throwable failure, int failures) {
        status.loopFailed(failure);
        return pause(backoff.delayNanos(failures, null), null) == null;
    }

    /** With state set and no doubt yet, the failed call was the append itself: it may have landed. */
    private Doubt afterFailedCall(Doubt doubt, ObjectState state) {
        return doubt == Doubt.NONE && state != null ? doubt(Doubt.AMBIGUOUS, state) : doubt;
    }

    /** Enters {@code doubt} about {@code state} (null with NONE), keeping {@link #unresolved()} in step at once. */
    private Doubt doubt(Doubt doubt, ObjectState state) {
        unresolved = doubt == Doubt.NONE ? null
                : new SpoolAnchor(state.key(), state.position(), state.crc(), state.crcKnown());
        return doubt;
    }

    /** Applies a successful append's answer; false when its position or CRC-64 contradicts what was sent. */
    private boolean accept(ObjectState state, AppendResult result, byte[] data, int len) {
        long expected = state.crcKnown() ? Crc64.update(state.crc(), data, 0, len) : 0;
        boolean positionOk = result.nextPosition() == state.position() + len;
        boolean crcOk = !result.hasCrc64() || !state.crcKnown() || result.crc64() == expected;
        if (positionOk && crcOk) {
            state.advance(state.position() + len, result.hasCrc64() ? result.crc64() : expected,
                    result.hasCrc64() || state.crcKnown());
            return true;
        }
        status.mismatch(state, result, expected, len);
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
                return Outcome.KEPT_GAVE_WAY;
            }
            long wait = giveWay == null ? left : Math.min(left, GIVE_WAY_POLL_NANOS);
            if (hasDeadline) {
                wait = Math.min(wait, Math.max(0, deadlineNanos - nanoTime.getAsLong()));
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.KEPT_STOPPED;
            }
            left -= wait;
        } while (left > 0 && beforeDeadline());
        return beforeDeadline() ? null : Outcome.KEPT_STOPPED;
    }

    private boolean beforeDeadline() {
        return !hasDeadline || nanoTime.getAsLong() - deadlineNanos < 0;
    }
}
