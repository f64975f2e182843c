package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import io.github.osslog.core.internal.objects.ObjectRouter;
import io.github.osslog.core.internal.objects.ObjectState;
import io.github.osslog.core.internal.objects.KnownObjects;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.ObjectType;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Knows which object a batch goes to and that object's state: routes by the key pattern, learns unknown keys with
 * a HEAD (continuing an appendable object, rolling past anything else), and rolls on time, size, append count or
 * when told to. Not thread-safe: confined to the shipper thread.
 */
final class ObjectTracker {
    private static final int REMEMBERED_KEYS = 64;
    private static final Duration IDLE_KEY = Duration.ofHours(1);
    /**
     * HEADs one {@link #objectFor} may make before it gives up: a store that reports every key as taken (or a
     * broken one) must not hold the shipper in an endless lookup. Giving up is an I/O failure: the batch is kept
     * and retried after a backoff.
     */
    static final int MAX_LOOKUPS = 1000;
    /** How long one {@link #objectFor} may look for its object, by the configured clock. */
    static final Duration LOOKUP_TIME = Duration.ofMinutes(1);

    private final AppendableStore store;
    private final ObjectRouter router;
    private final KnownObjects states;
    private final long maxObjectSize;
    private final long maxAppends;
    private final PipelineMetrics metrics;
    private final InternalLogger logger;
    private final Clock clock;
    private String currentKey;
    private int lookups;
    private Instant lookupDeadline;

    ObjectTracker(PipelineConfig config, AppendableStore store, PipelineMetrics metrics, InternalLogger logger) {
        this.store = store;
        this.router = new ObjectRouter(config.objectKeyPattern());
        this.states = new KnownObjects(REMEMBERED_KEYS, IDLE_KEY, config.clock());
        this.maxObjectSize = Math.min(config.maxObjectSize(), store.limits().maxObjectSize());
        this.maxAppends = store.limits().maxAppendsPerObject();
        this.metrics = metrics;
        this.logger = logger;
        this.clock = config.clock();
    }

    /**
     * The object for a batch of {@code len} bytes cut at {@code cutTime}; counts a rollover when the time part of
     * the key moved on, and rolls first when the batch would make the object too large or take too many appends.
     */
    ObjectState objectFor(Instant cutTime, int len) throws IOException {
        lookups = 0;
        lookupDeadline = clock.instant().plus(LOOKUP_TIME);
        String key = router.keyFor(cutTime);
        if (currentKey != null && !key.equals(currentKey)) {
            metrics.rollover();
        }
        ObjectState state = learn(key, cutTime);
        while (state.position() > 0 && (state.position() + len > maxObjectSize || state.appends() >= maxAppends)) {
            roll(cutTime);
            state = learn(currentKey, cutTime);
        }
        return state;
    }

    /** Leaves the current object for the next index; the next {@link #objectFor} learns the new key. */
    void roll(Instant cutTime) {
        states.forget(currentKey);
        metrics.rollover();
        enter(router.roll(cutTime));
    }

    /** Forgets what is known about {@code key}; its next use learns it again with a HEAD. */
    void forget(String key) {
        states.forget(key);
    }

    /**
     * The state of {@code key}, learned with a HEAD when unknown. An existing object with a later index after it is
     * skipped (after a restart the pipeline resumes at the last object, never writing behind a newer one); the last
     * one is continued when it is appendable, else rolled past.
     */
    private ObjectState learn(String key, Instant cutTime) throws IOException {
        String candidate = key;
        ObjectInfo peeked = null;
        while (true) {
            ObjectState known = states.get(candidate);
            if (known != null) {
                enter(candidate);
                return known;
            }
            ObjectInfo info = peeked != null ? peeked : head(candidate);
            peeked = null;
            if (info != null) {
                peeked = head(router.peekNext(cutTime));
                if (peeked != null) {
                    candidate = router.roll(cutTime);
                    continue;
                }
            }
            ObjectState learned = null;
            if (info == null) {
                learned = ObjectState.fresh(candidate);
            } else if (info.type() != ObjectType.APPENDABLE) {
                logger.warn("Object '" + candidate + "' is a " + info.type() + " object, not appendable:"
                        + " rolling past it");
            } else if (maxAppends != Long.MAX_VALUE) {
                logger.info("Object '" + candidate + "' exists and the store caps appends per object, which a HEAD"
                        + " cannot count: rolling past it");
            } else {
                learned = ObjectState.existing(candidate, info);
                logger.info("Continuing object '" + candidate + "' at position " + learned.position());
            }
            if (learned != null) {
                states.put(learned);
                enter(candidate);
                return learned;
            }
            metrics.rollover();
            candidate = router.roll(cutTime);
        }
    }

    /** A HEAD within the lookup budget of the current {@link #objectFor}. */
    private ObjectInfo head(String key) throws IOException {
        if (lookups >= MAX_LOOKUPS || clock.instant().isAfter(lookupDeadline)) {
            throw new IOException("No object to append to found after " + lookups + " lookups (next '" + key
                    + "'): every key checked exists and is full or not appendable; the batch is kept and the"
                    + " lookup retried");
        }
        lookups++;
        return store.head(key);
    }

    private void enter(String key) {
        if (!key.equals(currentKey)) {
            currentKey = key;
            metrics.currentKey(key);
        }
    }
}
