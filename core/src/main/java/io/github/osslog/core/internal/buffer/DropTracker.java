package io.github.osslog.core.internal.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the ring's drops by reason (the ring's own and those counted downstream of it) and remembers when the current report window's first and last drop happened.
 * Thread-safe: {@link #dropped} is lock-free (striped counters, so producers dropping at once do not contend on
 * one cache line); {@link #takeReport} is synchronized.
 */
final class DropTracker {
    /** A drop's time when the caller has no event time: the window's end is then the time of the report. */
    static final long NO_EVENT_TIME = Long.MIN_VALUE + 1;
    private static final long NONE = Long.MIN_VALUE;
    private static final VarHandle FIRST;
    private static final VarHandle LAST;
    private static final VarHandle OPEN_ENDED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            FIRST = lookup.findVarHandle(DropTracker.class, "firstMillis", long.class);
            LAST = lookup.findVarHandle(DropTracker.class, "lastMillis", long.class);
            OPEN_ENDED = lookup.findVarHandle(DropTracker.class, "openEnded", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Clock clock;
    private final LongAdder[] counts = new LongAdder[DropReason.values().length];
    private final LongAdder truncated = new LongAdder();
    private final long[] reported = new long[counts.length];
    private volatile long firstMillis = NONE;
    private volatile long lastMillis = NONE;
    /** A drop without an event time happened in this window: it ends when the report is taken. */
    private volatile boolean openEnded;

    DropTracker(Clock clock) {
        this.clock = clock;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void dropped(DropReason reason, long count) {
        dropped(reason, count, clock.millis());
    }

    /**
     * Counts drops that happened at {@code now} (epoch millis): a dropped event's own timestamp, which the caller
     * has at hand, saves a clock read per drop (on a VM that read can cost more than the rest of the drop).
     * {@link #NO_EVENT_TIME}: the caller has none; only the window's first drop reads the clock then, and the
     * window ends when the report is taken.
     */
    void dropped(DropReason reason, long count, long now) {
        // Timestamps before counts: a drop that a report counts has always stamped the window already.
        if (now == NO_EVENT_TIME) {
            if (firstMillis == NONE) {
                FIRST.compareAndSet(this, NONE, clock.millis());
            }
            if (!openEnded) {
                openEnded = true;
            }
        } else {
            if (firstMillis == NONE) {
                FIRST.compareAndSet(this, NONE, now);
            }
            long last;
            while ((last = lastMillis) < now && !LAST.compareAndSet(this, last, now)) {
                Thread.onSpinWait();
            }
        }
        counts[reason.ordinal()].add(count);
    }

    void truncated() {
        truncated.increment();
    }

    synchronized DropReport takeReport() {
        long[] delta = new long[counts.length];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            long sum = counts[i].sum();
            delta[i] = sum - reported[i];
            reported[i] = sum;
            total += delta[i];
        }
        if (total == 0) {
            return null;
        }
        long first = (long) FIRST.getAndSet(this, NONE);
        long last = (long) LAST.getAndSet(this, NONE);
        boolean open = (boolean) OPEN_ENDED.getAndSet(this, false);
        // Drops without an event time end the window now. Otherwise only a drop racing with this very call can
        // leave the window unstamped; the take time is then the bound too.
        if (last == NONE || open) {
            last = Math.max(last, clock.millis());
        }
        if (first == NONE || first > last) {
            first = last;
        }
        return new DropReport(counters(delta, 0), Instant.ofEpochMilli(first), Instant.ofEpochMilli(last));
    }

    DropCounters totals() {
        long[] sums = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            sums[i] = counts[i].sum();
        }
        return counters(sums, truncated.sum());
    }

    private static DropCounters counters(long[] byReason, long truncated) {
        return new DropCounters(byReason[DropReason.BUFFER_FULL.ordinal()],
                byReason[DropReason.OLDEST_DISCARDED.ordinal()], byReason[DropReason.BLOCK_TIMEOUT.ordinal()],
                byReason[DropReason.LEVEL_DISCARD.ordinal()], byReason[DropReason.SPOOL_FULL.ordinal()],
                byReason[DropReason.REJECTED.ordinal()], byReason[DropReason.CORRUPT_SPOOL_RECORD.ordinal()],
                truncated);
    }
}
