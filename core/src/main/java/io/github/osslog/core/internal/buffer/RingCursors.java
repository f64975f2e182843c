package io.github.osslog.core.internal.buffer;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The positions of the byte ring and the lock-free protocol that moves them (see docs/ring-buffer.md). Positions
 * only grow; an index is {@code position & mask}. Producers claim {@code [tail, tail + span)} by CAS on the tail;
 * the head owner (the consumer, or under DROP_OLDEST a producer that took ownership) zeroes what it frees before
 * moving the head with release semantics. Thread-safe as documented per method.
 */
abstract class RingCursors extends RingPadding {
    /** Poll interval while a claimed record at the head is still being written. */
    private static final long UNCOMMITTED_POLL_NANOS = 100_000;

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
        return HEAD_OWNER.compareAndSet(this, 0L, 1L);
    }

    final void releaseHead() {
        HEAD_OWNER.setRelease(this, 0L);
    }

    final void requestDrop() {
        if ((long) DROP_REQUESTED.getOpaque(this) == 0L) {
            DROP_REQUESTED.setOpaque(this, 1L);
        }
    }

    /** Consumer: true (and clears the request) when a DROP_OLDEST producer waits for the head. */
    final boolean takeDropRequest() {
        if ((long) DROP_REQUESTED.getOpaque(this) == 0L) {
            return false;
        }
        DROP_REQUESTED.setOpaque(this, 0L);
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

    /**
     * Producers, after each commit: one volatile read, and an unpark only when the consumer sleeps and the ring
     * holds the bytes it waits for.
     */
    final void signalConsumer() {
        if ((long) SLEEPING.getVolatile(this) != 0L && used() >= wakeAtBytes && SLEEPING.compareAndSet(this, 1L, 0L)) {
            LockSupport.unpark(consumerThread);
        }
    }

    /**
     * Consumer: parks until a committed record is at the head and at least {@code minBytes} are in use (0: any
     * record), {@link #wake()} is called, or the timeout passes. Setting the sleeping flag and then re-reading the
     * tail, against a producer's tail CAS and then its read of the flag in {@link #signalConsumer()}, guarantees
     * that one side sees the other (all volatile accesses).
     */
    final boolean awaitCommitted(long minBytes, long timeoutNanos) throws InterruptedException {
        Thread current = Thread.currentThread();
        if (consumerThread != current) {
            consumerThread = current;
        }
        long start = System.nanoTime();
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (ready(minBytes)) {
                return true;
            }
            if (wakeRequested) {
                wakeRequested = false;
                return hasCommittedRecord();
            }
            long remaining = timeoutNanos - (System.nanoTime() - start);
            if (remaining <= 0) {
                return false;
            }
            wakeAtBytes = minBytes;
            SLEEPING.setVolatile(this, 1L);
            if (ready(minBytes)) {
                SLEEPING.setVolatile(this, 0L);
                return true;
            }
            if (tail() != head() && used() >= minBytes) {
                // Claimed but not yet committed: its producer may have read the flag before we set it.
                LockSupport.parkNanos(this, Math.min(remaining, UNCOMMITTED_POLL_NANOS));
            } else if (!wakeRequested) {
                LockSupport.parkNanos(this, remaining);
            }
            SLEEPING.setVolatile(this, 0L);
        }
    }

    private boolean ready(long minBytes) {
        return hasCommittedRecord() && (minBytes <= 0 || used() >= minBytes);
    }

    /** Any thread: makes a pending or the next {@link #awaitCommitted} return at once. */
    final void wake() {
        wakeRequested = true;
        Thread consumer = consumerThread;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }
}
