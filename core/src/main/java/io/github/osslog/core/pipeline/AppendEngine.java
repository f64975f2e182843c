package io.github.osslog.core.pipeline;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.crc.Crc64;
import io.github.osslog.core.metrics.PipelineMetrics;
import io.github.osslog.core.naming.ObjectRouter;
import io.github.osslog.core.naming.ObjectState;
import io.github.osslog.core.naming.ObjectStates;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.ObjectType;
import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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

    private final AppendableStore store;
    private final ObjectRouter router;
    private final ObjectStates states;
    private final Map<String, String> creationHeaders;
    private final long maxObjectSize;
    private final long maxAppends;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final PipelineMetrics metrics;
    private final InternalLogger logger;
    private final Reconciler reconciler;
    private final Duration slowRetry;
    private final LongSupplier nanoTime;
    private volatile boolean hasDeadline;
    private volatile long deadlineNanos;
    private String currentKey;
    private boolean failing;
    private boolean configErrorReported;

    /** @param nanoTime a monotonic time source for the stop deadline and retry waits ({@code System::nanoTime}) */
    AppendEngine(PipelineConfig config, AppendableStore store, Backoff backoff, Sleeper sleeper, LongSupplier nanoTime,
            PipelineMetrics metrics, InternalLogger logger) {
        this.store = store;
        this.router = new ObjectRouter(config.objectKeyPattern());
        this.clock = config.clock();
        this.states = new ObjectStates(64, Duration.ofHours(1), clock);
        this.creationHeaders = config.creationHeaders();
        this.maxObjectSize = Math.min(config.maxObjectSize(), store.limits().maxObjectSize());
        this.maxAppends = store.limits().maxAppendsPerObject();
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.slowRetry = config.maxBackoff();
        this.metrics = metrics;
        this.logger = logger;
        this.reconciler = new Reconciler(store);
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
        boolean quickRetryUsed = false;
        Doubt doubt = Doubt.NONE;
        ObjectState state = null;
        while (beforeDeadline()) {
            ErrorKind kind;
            try {
                if (state == null) {
                    String key = router.keyFor(cutTime);
                    if (currentKey != null && !key.equals(currentKey)) {
                        metrics.rollover();
                    }
                    state = stateFor(key, cutTime);
                }
                if (doubt != Doubt.NONE) {
                    Reconciler.Verdict verdict = reconciler.check(state, data, len);
                    if (verdict == Reconciler.Verdict.LANDED) {
                        landedAfterDoubt(state, doubt);
                        return shipped(state, events, len, failures);
                    }
                    if (verdict == Reconciler.Verdict.FOREIGN) {
                        reportForeign(state, doubt);
                        roll(cutTime);
                        state = null;
                    }
                    doubt = Doubt.NONE;
                    continue;
                }
                if (isFull(state, len)) {
                    roll(cutTime);
                    state = null;
                    continue;
                }
                AppendResult result = store.append(state.key(), state.position(), data, 0, len,
                        state.position() == 0 ? creationHeaders : Collections.<String, String>emptyMap());
                metrics.append();
                if (accept(state, result, data, len)) {
                    return shipped(state, events, len, failures);
                }
                doubt = Doubt.CHECKSUM;
                continue;
            } catch (StoreException e) {
                kind = e.kind();
                failures++;
                failed(e.code().isEmpty() ? "HTTP " + e.status() : e.code(), e, state);
                if (kind == ErrorKind.POSITION_CONFLICT) {
                    doubt = Doubt.CONFLICT;
                    if (failures == 1) {
                        metrics.retry();
                        continue;
                    }
                } else if (kind == ErrorKind.NOT_APPENDABLE && state != null) {
                    logger.warn("Object '" + state.key() + "' does not accept appends (" + e.code()
                            + "): rolling to a new object");
                    roll(cutTime);
                    state = null;
                    metrics.retry();
                    continue;
                } else if (kind == ErrorKind.BAD_REQUEST) {
                    logger.error("The store rejected a batch of " + events + " events (" + len + " bytes) for good: "
                            + describe(e) + "; the batch is dropped and counted as failed", e);
                    metrics.eventsFailed(events);
                    return Outcome.FAILED;
                } else if ((kind == ErrorKind.CREDENTIALS || kind == ErrorKind.CLOCK_SKEW) && !quickRetryUsed) {
                    quickRetryUsed = true;
                    metrics.retry();
                    continue;
                } else if (kind == ErrorKind.CONFIGURATION && !configErrorReported) {
                    configErrorReported = true;
                    logger.error("The store refused access: " + describe(e) + ". Check the bucket, endpoint,"
                            + " region, credentials and permissions; osslog keeps buffering and retries about every "
                            + slowRetry, e);
                }
            } catch (IOException e) {
                kind = null;
                failures++;
                failed("IOException", e, state);
                if (doubt == Doubt.NONE && state != null) {
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

    /** The state of {@code key}, learned with a HEAD when unknown; rolls past objects that cannot be appended. */
    private ObjectState stateFor(String key, Instant cutTime) throws IOException {
        String candidate = key;
        while (true) {
            ObjectState known = states.get(candidate);
            if (known != null) {
                return enter(known);
            }
            ObjectInfo info = store.head(candidate);
            if (info == null) {
                return enter(remember(ObjectState.fresh(candidate)));
            }
            if (info.type() == ObjectType.APPENDABLE) {
                ObjectState existing = remember(ObjectState.existing(candidate, info));
                logger.info("Continuing object '" + candidate + "' at position " + existing.position());
                return enter(existing);
            }
            logger.warn("Object '" + candidate + "' is a " + info.type() + " object, not appendable:"
                    + " rolling past it");
            metrics.rollover();
            candidate = router.roll(cutTime);
        }
    }

    /** Moves to the next key; the next loop round learns its state. */
    private void roll(Instant cutTime) {
        states.forget(currentKey);
        metrics.rollover();
        currentKey = router.roll(cutTime);
        metrics.currentKey(currentKey);
    }

    private ObjectState remember(ObjectState state) {
        states.put(state);
        return state;
    }

    /** Makes {@code state} the current object. */
    private ObjectState enter(ObjectState state) {
        if (!state.key().equals(currentKey)) {
            currentKey = state.key();
            metrics.currentKey(currentKey);
        }
        return state;
    }

    private boolean isFull(ObjectState state, int len) {
        return state.position() > 0 && (state.position() + len > maxObjectSize || state.appends() >= maxAppends);
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
        metrics.crcMismatch();
        metrics.failure("CrcMismatch", "append to '" + state.key() + "' at " + state.position());
        logger.error("Append to '" + state.key() + "' at position " + state.position() + " answered next position "
                + result.nextPosition() + " and CRC-64 " + (result.hasCrc64() ? Crc64.toUnsigned(result.crc64())
                : "none") + ", expected " + (state.position() + len) + " and " + Crc64.toUnsigned(expected)
                + " (request id " + result.requestId() + "): checking the object");
        return false;
    }

    private void landedAfterDoubt(ObjectState state, Doubt doubt) {
        if (doubt == Doubt.CHECKSUM) {
            logger.warn("Object '" + state.key() + "' holds exactly the bytes sent: only the append's response was"
                    + " wrong");
        } else {
            metrics.append();
            metrics.reconciledLostResponse();
        }
    }

    private void reportForeign(ObjectState state, Doubt doubt) {
        if (doubt == Doubt.CHECKSUM) {
            logger.error("Object '" + state.key() + "' does not hold the bytes sent (corrupted or written by"
                    + " someone else): shipping the batch again to a new object; it may appear damaged in the old one");
        } else {
            logger.warn("Another writer changed object '" + state.key() + "' (expected length " + state.position()
                    + " or that plus this batch): rolling to a new object; osslog never interleaves with a"
                    + " foreign writer");
        }
    }

    private Outcome shipped(ObjectState state, int events, int len, int failures) {
        metrics.batchShipped(events, len);
        if (failing) {
            failing = false;
            logger.info("Appends to '" + state.key() + "' succeed again after " + failures + " failed attempts");
        }
        if (configErrorReported) {
            configErrorReported = false;
            logger.info("The store accepts appends again");
        }
        return Outcome.SHIPPED;
    }

    private void failed(String code, IOException e, ObjectState state) {
        String where = state == null ? "" : " (object '" + state.key() + "' at " + state.position() + ")";
        metrics.failure(code, describe(e) + where);
        if (!failing && !(e instanceof StoreException && ((StoreException) e).kind() == ErrorKind.CONFIGURATION)) {
            failing = true;
            logger.warn("Store call failed" + where + ": " + describe(e) + "; retrying", e);
        }
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

    private static String describe(IOException e) {
        if (e instanceof StoreException) {
            StoreException s = (StoreException) e;
            return "HTTP " + s.status() + " " + s.code() + " '" + s.getMessage() + "' (request id " + s.requestId()
                    + ")";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
