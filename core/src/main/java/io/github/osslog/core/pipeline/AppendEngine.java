package io.github.osslog.core.pipeline;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.crc.Crc64;
import io.github.osslog.core.metrics.PipelineMetrics;
import io.github.osslog.core.naming.ObjectState;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Appends one batch at its object's tracked position, verifying the CRC-64, and retries, reconciles (DESIGN §4,
 * docs/reconciliation.md) and rolls until the batch has landed exactly once, has failed for good, or the stop
 * deadline passes. Not thread-safe: confined to the shipper thread, apart from {@link #deadline(long)}.
 */
final class AppendEngine {
    /** How one batch ended. */
    enum Outcome { SHIPPED, FAILED, ABANDONED }

    /** Why the object must be HEADed before the batch is (re)sent. */
    private enum Doubt { NONE, AMBIGUOUS, CONFLICT, CHECKSUM }

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
        int failures = 0;
        int rolls = 0;
        boolean quickRetryUsed = false;
        Doubt doubt = Doubt.NONE;
        ObjectState state = null;
        while (beforeDeadline()) {
            ErrorKind kind = null;
            try {
                if (state == null) {
                    state = objects.objectFor(cutTime, len);
                }
                if (doubt != Doubt.NONE) {
                    Reconciler.Verdict verdict = reconciler.check(state, data, len);
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
            if (!pause(backoff.delayNanos(failures, kind))) {
                return Outcome.ABANDONED;
            }
            metrics.retry();
        }
        return Outcome.ABANDONED;
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

    /** Waits {@code nanos}, cut short at the deadline; false when the deadline passed or the thread was interrupted. */
    private boolean pause(long nanos) {
        long wait = hasDeadline ? Math.min(nanos, Math.max(0, deadlineNanos - nanoTime.getAsLong())) : nanos;
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return beforeDeadline();
    }

    private boolean beforeDeadline() {
        return !hasDeadline || nanoTime.getAsLong() - deadlineNanos < 0;
    }
}
