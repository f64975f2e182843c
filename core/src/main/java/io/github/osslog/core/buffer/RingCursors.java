package io.github.osslog.core.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

// Hierarchy padding: the JVM lays out superclass fields first, so each hot field below gets 128 bytes (two
// prefetched cache lines) to itself and producers CASing the tail never invalidate the consumer's head line.
abstract class RingPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e;
}

abstract class RingTail extends RingPad0 {
    long tail;
}

abstract class RingPad1 extends RingTail {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e;
}

abstract class RingHeadCache extends RingPad1 {
    long headCache;
}

abstract class RingPad2 extends RingHeadCache {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e;
}

abstract class RingHead extends RingPad2 {
    long head;
    int headOwner;
    int dropRequested;
}

abstract class RingPad3 extends RingHead {
    long p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p3a, p3b, p3c, p3d, p3e;
}

abstract class RingSignal extends RingPad3 {
    int consumerSleeping;
    volatile boolean wakeRequested;
    volatile Thread consumerThread;
}

abstract class RingPad4 extends RingSignal {
    long p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p4a, p4b, p4c, p4d, p4e;
}

/**
 * The positions of the byte ring and the lock-free protocol that moves them (see docs/ring-buffer.md). Positions
 * only grow; an index is {@code position & mask}. Producers claim {@code [tail, tail + span)} by CAS on the tail;
 * the head owner (the consumer, or under DROP_OLDEST a producer that took ownership) zeroes what it frees before
 * moving the head with release semantics. Thread-safe as documented per method.
 */
abstract class RingCursors extends RingPad4 {
    private static final VarHandle TAIL;
    private static final VarHandle HEAD_CACHE;
    private static final VarHandle HEAD;
    private static final VarHandle HEAD_OWNER;
    private static final VarHandle DROP_REQUESTED;
    private static final VarHandle SLEEPING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(RingTail.class, "tail", long.class);
            HEAD_CACHE = lookup.findVarHandle(RingHeadCache.class, "headCache", long.class);
            HEAD = lookup.findVarHandle(RingHead.class, "head", long.class);
            HEAD_OWNER = lookup.findVarHandle(RingHead.class, "headOwner", int.class);
            DROP_REQUESTED = lookup.findVarHandle(RingHead.class, "dropRequested", int.class);
            SLEEPING = lookup.findVarHandle(RingSignal.class, "consumerSleeping", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final byte[] buffer;
    final int capacity;
    final int mask;

    RingCursors(int capacity) {
        this.buffer = new byte[capacity];
        this.capacity = capacity;
        this.mask = capacity - 1;
    }

    /**
     * Claims {@code span} contiguous bytes (a multiple of 8, at most capacity / 2) for any producer thread and
     * returns their index, or -1 when the ring has no room. When the span does not fit before the end of the
     * array, the rest of the array is claimed too and published as padding.
     */
    final int tryClaim(int span) {
        final int cap = capacity;
        long head = (long) HEAD_CACHE.getAcquire(this);
        long tail;
        int index;
        int padding;
        do {
            tail = (long) TAIL.getVolatile(this);
            if (span > cap - (tail - head)) {
                head = (long) HEAD.getVolatile(this);
                if (span > cap - (tail - head)) {
                    return -1;
                }
                HEAD_CACHE.setRelease(this, head);
            }
            padding = 0;
            index = (int) tail & mask;
            int toEnd = cap - index;
            if (span > toEnd) {
                // The check above puts the head in the tail's lap, so its index bounds the free bytes at 0.
                int headIndex = (int) head & mask;
                if (span > headIndex) {
                    head = (long) HEAD.getVolatile(this);
                    headIndex = (int) head & mask;
                    if (span > headIndex) {
                        return -1;
                    }
                    HEAD_CACHE.setRelease(this, head);
                }
                padding = toEnd;
            }
        } while (!TAIL.compareAndSet(this, tail, tail + span + padding));
        if (padding != 0) {
            RecordLayout.commitPadding(buffer, index, padding);
            index = 0;
        }
        return index;
    }

    /** The first position not yet freed. */
    final long head() {
        return (long) HEAD.getAcquire(this);
    }

    /** The first position not yet claimed. */
    final long tail() {
        return (long) TAIL.getVolatile(this);
    }

    /** Head owner only: zeroes {@code [index, index + span)} for the next lap, then moves the head. */
    final void free(int index, int span, long newHead) {
        Arrays.fill(buffer, index, index + span, (byte) 0);
        HEAD.setRelease(this, newHead);
    }

    /** Head owner only: a sequentially consistent store of the head, for a Dekker-style handshake that follows. */
    final void fenceHead(long newHead) {
        HEAD.setVolatile(this, newHead);
    }

    final long used() {
        long head = head();
        long used = tail() - head;
        return Math.max(0, Math.min(used, capacity));
    }

    /** True when the record at the head is committed (it may be padding); a hint outside the head owner. */
    final boolean hasCommittedRecord() {
        return RecordLayout.committedLength(buffer, (int) head() & mask) != 0;
    }

    final boolean tryOwnHead() {
        return HEAD_OWNER.compareAndSet(this, 0, 1);
    }

    final void releaseHead() {
        HEAD_OWNER.setRelease(this, 0);
    }

    final void requestDrop() {
        if ((int) DROP_REQUESTED.getOpaque(this) == 0) {
            DROP_REQUESTED.setOpaque(this, 1);
        }
    }

    /** Consumer: true (and clears the request) when a DROP_OLDEST producer waits for the head. */
    final boolean takeDropRequest() {
        if ((int) DROP_REQUESTED.getOpaque(this) == 0) {
            return false;
        }
        DROP_REQUESTED.setOpaque(this, 0);
        return true;
    }

    /**
     * Head owner only: frees committed records from the head until {@code span} would fit, stopping at a record
     * still being written. Returns the number of event records (not padding) discarded.
     */
    final int discardOldest(int span) {
        long head = head();
        int discarded = 0;
        while (!fits(span, head)) {
            int index = (int) head & mask;
            int length = RecordLayout.committedLength(buffer, index);
            if (length == 0) {
                break;
            }
            if (RecordLayout.type(buffer, index) != RecordLayout.PADDING) {
                discarded++;
            }
            int recordSpan = RecordLayout.align(length);
            head += recordSpan;
            free(index, recordSpan, head);
        }
        return discarded;
    }

    private boolean fits(int span, long head) {
        long tail = tail();
        int toEnd = capacity - ((int) tail & mask);
        long needed = span > toEnd ? (long) span + toEnd : span;
        return needed <= capacity - (tail - head);
    }

    /** Consumer: announces it is about to park; producers that see it unpark {@link #consumerThread}. */
    final void setConsumerSleeping(boolean sleeping) {
        SLEEPING.setVolatile(this, sleeping ? 1 : 0);
    }

    /** Producers, after each commit: one volatile read, and an unpark only when the consumer sleeps. */
    final void signalConsumer() {
        if ((int) SLEEPING.getVolatile(this) != 0 && SLEEPING.compareAndSet(this, 1, 0)) {
            LockSupport.unpark(consumerThread);
        }
    }
}
