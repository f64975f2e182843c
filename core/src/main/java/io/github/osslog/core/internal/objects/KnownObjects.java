package io.github.osslog.core.internal.objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Per-key {@link ObjectState}s in a bounded cache that forgets keys idle longer than a set time; a forgotten key
 * is learned again with a HEAD. Thread-safe, though the pipeline uses it from its shipper thread only.
 */
public final class KnownObjects {
    private final Cache<String, ObjectState> cache;

    /**
     * @param maxKeys how many keys to remember at most
     * @param idle how long an unused key is remembered
     * @param clock the time source for idleness (a fake in tests)
     */
    public KnownObjects(int maxKeys, Duration idle, Clock clock) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(idle)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /** The state of {@code key}, or {@code null} when it is unknown or was forgotten. */
    public ObjectState get(String key) {
        return cache.getIfPresent(key);
    }

    public void put(ObjectState state) {
        cache.put(state.key(), state);
    }

    /** Forgets {@code key}, so its next use starts with a HEAD. */
    public void forget(String key) {
        cache.invalidate(key);
    }

    /** How many keys are remembered (after pending evictions). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
