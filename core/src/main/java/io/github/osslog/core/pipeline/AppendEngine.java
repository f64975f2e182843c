package io.github.osslog.core.pipeline;

import io.github.osslog.core.InternalLogger;
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
 * docs/reconciliation.md) and rolls until the batch has landed exactly once, has failed for good, or the stop
 * deadline passes. Not thread-safe: confined to the shipper thread, apart from {@link #deadline(long)}.
 */
final class AppendEngine {
    /** How one batch ended: DEFERRED when the caller's give-way condition held between retries. */
    enum Outcome { SHIPPED, FAILED, ABANDONED, DEFERRED }

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
     * Returns {@link Outcome#ABANDONED} when the deadline passed or the thread was interrupted first.
     */
    Outcome ship(byte[] data, int len, int events, Instant cutTime) {
        return ship(data, len, events, cutTime, null, null, null);
    }

    /**
     * Ships like {@link #ship(byte[], int, int, Instant)}, first checking {@code anchor} (if not null) and skipping
     * the append when the batch is found there already; returns {@link Outcome#DEFERRED} when {@code giveWay}
     * (if not null) holds between retries. After DEFERRED or ABANDONED, {@link #unresolved()} says where the batch
     * may have landed.
     */
    Outcome ship(byte[] data, int len, int events, Instant cutTime, SpoolAnchor anchor, BooleanSupplier giveWay,
            AttemptListener listener) {
        int failures = 0;
        int rolls = 0;
        boolean quickRetryUsed = false;
        Doubt doubt = Doubt.NONE;
        ObjectState state = null;
        unresolved = null;
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
                            doubt = Doubt.NONE;
                            continue;
                        }
                    }
                    if (verdict == Reconciler.Verdict.LANDED) {
                        status.landed(state, doubt == Doubt.CHECKSUM);
                        status.shipped(state, events, len, failures);
                        return Outcome.SHIPPED;
                    }
                    if (verdict == Reconciler.Verdict.FOREIGN) {
                        status.foreign(state, doubt == Doubt.CHECKSUM);
                        objects.roll(cutTime);
                        state = null;
                    }
                    doubt = Doubt.NONE;
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
                    return Outcome.SHIPPED;
                }
                doubt = Doubt.CHECKSUM;
                continue;
            } catch (StoreException e) {
                kind = e.kind();
                failures++;
                status.failed(e, state);
                if (kind == ErrorKind.BAD_REQUEST) {
                    status.rejected(e, events, len);
                    return Outcome.FAILED;
                }
                if (kind == ErrorKind.POSITION_CONFLICT) {
                    doubt = Doubt.CONFLICT;
                } else if (kind == ErrorKind.NOT_APPENDABLE && state != null) {
                    status.notAppendable(state, e);
                    objects.roll(cutTime);
                    state = null;
                    rolls++;
                }
                boolean quick = (kind == ErrorKind.POSITION_CONFLICT && failures == 1)
                        || (kind == ErrorKind.NOT_APPENDABLE && rolls <= QUICK_ROLLS)
                        || ((kind == ErrorKind.CREDENTIALS || kind == ErrorKind.CLOCK_SKEW) && !quickRetryUsed);
                if (quick) {
                    quickRetryUsed |= kind == ErrorKind.CREDENTIALS || kind == ErrorKind.CLOCK_SKEW;
                    metrics.retry();
                    continue;
                }
            } catch (RuntimeException e) {
                status.crashed(e, events, len);
                return Outcome.FAILED;
            } catch (IOException e) {
                failures++;
                status.failed(e, state);
                if (doubt == Doubt.NONE && state != null) {
                    // state is set and there is no doubt yet, so the append itself failed: it may have landed
                    doubt = Doubt.AMBIGUOUS;
                }
            }
            Outcome interrupted = pause(backoff.delayNanos(failures, kind), giveWay);
            if (interrupted != null) {
                return unfinished(interrupted, doubt, state);
            }
            metrics.retry();
        }
        return unfinished(Outcome.ABANDONED, doubt, state);
    }

    /** Where the last batch given up (DEFERRED or ABANDONED) may have landed, or {@code null} when nowhere. */
    SpoolAnchor unresolved() {
        return unresolved;
    }

    private Outcome unfinished(Outcome outcome, Doubt doubt, ObjectState state) {
        unresolved = doubt != Doubt.NONE && state != null
                ? new SpoolAnchor(state.key(), state.position(), state.crc(), state.crcKnown()) : null;
        return outcome;
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
                return Outcome.DEFERRED;
            }
            long wait = giveWay == null ? left : Math.min(left, GIVE_WAY_POLL_NANOS);
            if (hasDeadline) {
                wait = Math.min(wait, Math.max(0, deadlineNanos - nanoTime.getAsLong()));
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.ABANDONED;
            }
            left -= wait;
        } while (left > 0 && beforeDeadline());
        return beforeDeadline() ? null : Outcome.ABANDONED;
    }

    private boolean beforeDeadline() {
        return !hasDeadline || nanoTime.getAsLong() - deadlineNanos < 0;
    }
}
