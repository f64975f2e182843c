package io.github.osslog.core.internal.objects;

import java.time.Instant;

/**
 * Picks the object key for the next batch: the pattern's date parts at the batch's time, and a rollover index that
 * restarts at 0 whenever those date parts change. Not thread-safe: confined to the shipper thread.
 */
public final class ObjectRouter {
    private final KeyPattern pattern;
    private String bucket;
    private int index;
    private String key;

    public ObjectRouter(KeyPattern pattern) {
        this.pattern = pattern;
    }

    /** The key for a batch cut at {@code now}; a new time bucket starts again at index 0. */
    public String keyFor(Instant now) {
        String nowBucket = pattern.timeBucket(now);
        if (!nowBucket.equals(bucket)) {
            bucket = nowBucket;
            index = 0;
            key = pattern.render(now, index);
        }
        return key;
    }

    /** Moves to the next index of the current time bucket and returns its key. */
    public String roll(Instant now) {
        keyFor(now);
        index++;
        key = pattern.render(now, index);
        return key;
    }

    /** The key {@link #roll} would move to, without moving. */
    public String peekNext(Instant now) {
        keyFor(now);
        return pattern.render(now, index + 1);
    }

    /** The current rollover index. */
    public int index() {
        return index;
    }
}
