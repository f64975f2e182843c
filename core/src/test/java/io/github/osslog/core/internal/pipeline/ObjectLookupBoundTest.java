package io.github.osslog.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.ObjectType;
import io.github.osslog.core.store.StoreException;
import io.github.osslog.core.store.StoreLimits;
import io.github.osslog.core.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A store that reports every key as taken must not hold the shipper in an endless lookup: the object lookup gives
 * up after a bounded number of HEADs or a bounded time, with an I/O failure the engine retries after a backoff.
 */
class ObjectLookupBoundTest {
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    private final FakeClock clock = new FakeClock(START);
    private final AtomicInteger heads = new AtomicInteger();

    /** Every key holds a Normal object (not appendable); each HEAD takes {@code headTime} on the clock. */
    private AppendableStore everyKeyTaken(Duration headTime) {
        return new AppendableStore() {
            @Override
            public AppendResult append(String key, long position, byte[] data, int off, int len,
                    Map<String, String> creationHeaders) {
                throw new AssertionError("no append expected");
            }

            @Override
            public ObjectInfo head(String key) {
                heads.incrementAndGet();
                clock.advance(headTime);
                return new ObjectInfo(ObjectType.NORMAL, 10, StoreException.NO_POSITION, 0, false, null, null,
                        Collections.emptyMap(), null);
            }

            @Override
            public StoreLimits limits() {
                return StoreLimits.OSS;
            }
        };
    }

    private ObjectTracker tracker(AppendableStore store) {
        PipelineConfig config = PipelineConfig.builder().objectKeyPattern("app/%i.log").clock(clock).build();
        return new ObjectTracker(config, store, new PipelineMetrics(clock, () -> 0, Collections::emptyMap),
                InternalLogger.NONE);
    }

    @Test
    void theLookupStopsAfterABoundedNumberOfHeads() {
        ObjectTracker tracker = tracker(everyKeyTaken(Duration.ZERO));

        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(IOException.class, () -> tracker.objectFor(START, 10)));

        assertFalse(e instanceof StoreException);
        assertEquals(ObjectTracker.MAX_LOOKUPS, heads.get());
        assertTrue(e.getMessage().contains("after " + ObjectTracker.MAX_LOOKUPS + " lookups"), e.getMessage());
    }

    @Test
    void theLookupStopsAtItsDeadline() {
        ObjectTracker tracker = tracker(everyKeyTaken(Duration.ofSeconds(10)));

        assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(IOException.class, () -> tracker.objectFor(START, 10)));

        long expected = ObjectTracker.LOOKUP_TIME.getSeconds() / 10 + 1;
        assertEquals(expected, heads.get(), "HEADs until the clock passed the lookup time");
    }
}
