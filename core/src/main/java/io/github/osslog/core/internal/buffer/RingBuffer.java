package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A bounded, preallocated, multi-producer / single-consumer ring of byte records, each carrying a
 * {@link LogLevel}. Producers ({@link #publish}) are lock-free and allocation-free: they claim space with one CAS,
 * copy or encode, and publish the record header with release semantics. Exactly one consumer thread calls
 * {@link #drain} and {@link #awaitData}; every other method is safe from any thread. See docs/ring-buffer.md.
 */
public final class RingBuffer extends RingCursors {
    /** The {@code eventMillis} of {@link #dropIfRefused} for a drop with no event time at hand (no clock read per drop). */
    public static final long NO_EVENT_TIME = DropTracker.NO_EVENT_TIME;
    /** The smallest ring, in bytes. */
    public static final int MIN_CAPACITY = 4 << 10;
    /** The largest ring, in bytes. */
    public static final int MAX_CAPACITY = 1 << 30;
    /** The smallest longest-event size: room for a line and the truncation marker. */
    public static final int MIN_EVENT_BYTES = 256;
    /** The bytes each record takes besides its payload; an event of at most capacity / 2 minus this fits twice. */
    public static final int RECORD_HEADER_BYTES = RecordLayout.HEADER;
    private static final LogLevel[] LEVELS = LogLevel.values();
    private static final byte[] EMPTY = new byte[0];

    private final int maxEventBytes;
    private final int discardBelow;
    private final long discardAboveBytes;
    private final DropTracker drops;
    private final OverflowHandler overflow;

    private RingBuffer(Builder b, int capacity, int maxEventBytes) {
        super(capacity);
        this.maxEventBytes = maxEventBytes;
        this.discardBelow = b.discardBelow == null ? 0 : b.discardBelow.ordinal();
        this.discardAboveBytes = (long) (capacity * b.discardThreshold);
        this.drops = new DropTracker(b.clock);
        this.overflow = new OverflowHandler(b.overflowPolicy, saturatedNanos(b.blockTimeout), drops);
    }

    /** A builder with the defaults: 32 MiB, events up to 256 KiB, {@link OverflowPolicy#DROP_NEWEST}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Publishes a copy of {@code src[off, off + len)}; the caller may reuse {@code src} as soon as this returns.
     * A {@code null} src publishes an empty record; a {@code null} level counts as {@link LogLevel#INFO}. Events
     * longer than {@link #maxEventBytes()} are cut and end with a visible marker ({@link PublishResult#TRUNCATED}).
     *
     * @throws IndexOutOfBoundsException when {@code off}/{@code len} do not fit in a non-null {@code src}
     */
    public PublishResult publish(byte[] src, int off, int len, LogLevel level) {
        if (src == null) {
            src = EMPTY;
            off = 0;
            len = 0;
        } else {
            Objects.checkFromIndexSize(off, len, src.length);
        }
        int type = type(level);
        if (droppedForLevel(type)) {
            return PublishResult.DROPPED;
        }
        if (len > maxEventBytes) {
            return publishTruncated(src, off, len, type);
        }
        int index = claim(RecordLayout.span(len));
        if (index < 0) {
            return PublishResult.DROPPED;
        }
        System.arraycopy(src, off, buffer, index + RecordLayout.HEADER, len);
        RecordLayout.commit(buffer, index, len, type);
        signalConsumer();
        return PublishResult.PUBLISHED;
    }

    /**
     * Counts a drop and answers true when the ring would drop an event of {@code level} and about
     * {@code expectedLength} bytes now, so that a producer can skip encoding it: when the level is discarded at this
     * fill, or when the policy is {@link OverflowPolicy#DROP_NEWEST} and the free space is below the event's span.
     * False promises nothing: {@code publish} still applies the policy. {@code eventMillis}, the event's timestamp (epoch millis),
     * stamps the drop report's window instead of a clock read; pass {@link #NO_EVENT_TIME} when there is none yet.
     * See docs/ring-buffer.md ("Refusing before encoding").
     */
    public boolean dropIfRefused(LogLevel level, int expectedLength, long eventMillis) {
        DropReason reason = refusal(level, expectedLength);
        if (reason == null) {
            return false;
        }
        drops.dropped(reason, 1, eventMillis);
        return true;
    }

    /**
     * A cheap first test, counting nothing, for a producer that must check more than the ring before it may drop
     * an event (the adapters' early-drop filters): false when the ring cannot refuse an event of {@code level} now,
     * because the level is not discarded at this fill and, under {@link OverflowPolicy#DROP_NEWEST}, the free space
     * holds an event of the maximum size. True promises nothing: {@link #dropIfRefused} decides, and counts.
     */
    public boolean mayRefuse(LogLevel level) {
        return discardedForLevel(type(level)) || overflow.policy() == OverflowPolicy.DROP_NEWEST
                && capacity - used() < RecordLayout.span(maxEventBytes);
    }

    private DropReason refusal(LogLevel level, int expectedLength) {
        if (discardedForLevel(type(level))) {
            return DropReason.LEVEL_DISCARD;
        }
        if (overflow.policy() == OverflowPolicy.DROP_NEWEST
                && capacity - used() < RecordLayout.span(Math.min(Math.max(expectedLength, 0), maxEventBytes))) {
            return DropReason.BUFFER_FULL;
        }
        return null;
    }

    private PublishResult publishTruncated(byte[] src, int off, int len, int type) {
        int markerLength = TruncationMarker.length(len);
        int keep = TruncationMarker.keep(src, off, maxEventBytes - markerLength);
        int payload = keep + markerLength;
        int index = claim(RecordLayout.span(payload));
        if (index < 0) {
            return PublishResult.DROPPED;
        }
        int start = index + RecordLayout.HEADER;
        System.arraycopy(src, off, buffer, start, keep);
        TruncationMarker.write(buffer, start + keep, len);
        RecordLayout.commit(buffer, index, payload, type);
        drops.truncated();
        signalConsumer();
        return PublishResult.TRUNCATED;
    }

    /** Level discard, not counted: only events below the configured level pay for reading the fill. */
    private boolean discardedForLevel(int type) {
        return type < discardBelow && used() > discardAboveBytes;
    }

    /** Level discard for publish, counted as it happens (stamped with the clock: publish has no event time). */
    private boolean droppedForLevel(int type) {
        if (!discardedForLevel(type)) {
            return false;
        }
        drops.dropped(DropReason.LEVEL_DISCARD, 1);
        return true;
    }

    /** Claims {@code span} bytes or applies the overflow policy; -1 (drop already counted) when it gives up. */
    private int claim(int span) {
        int index = tryClaim(span);
        return index >= 0 ? index : overflow.claimWhenFull(this, span);
    }

    /**
     * Consumer thread only: hands whole records, oldest first, to {@code consumer} while their payloads add up to
     * at most {@code maxBytes}, and frees their space. A record larger than {@code maxBytes} stays in the ring (the
     * call returns 0 for it), so pass at least {@link #maxEventBytes()} to be sure of progress. Returns the number
     * of records handed over; 0 when the ring is empty or the next record is still being written.
     */
    public int drain(RecordConsumer consumer, int maxBytes) {
        Objects.requireNonNull(consumer, "consumer");
        boolean shared = overflow.sharesHead();
        if (shared) {
            overflow.ownHeadForConsumer(this);
        }
        int records = 0;
        long head = head();
        long start = head;
        try {
            long bytes = 0;
            byte[] array = buffer;
            while (true) {
                int index = (int) head & mask;
                int length = RecordLayout.committedLength(array, index);
                if (length == 0) {
                    break;
                }
                int type = RecordLayout.type(array, index);
                if (type != RecordLayout.PADDING) {
                    int payload = length - RecordLayout.HEADER;
                    if (bytes + payload > maxBytes) {
                        break;
                    }
                    consumer.accept(array, index + RecordLayout.HEADER, payload, LEVELS[type]);
                    bytes += payload;
                    records++;
                }
                int span = RecordLayout.align(length);
                head += span;
                free(index, span, head);
                if (shared && takeDropRequest()) {
                    break;
                }
            }
        } finally {
            if (shared) {
                releaseHead();
            }
            if (head != start) {
                overflow.afterFree(this, head);
            }
        }
        return records;
    }

    /**
     * Consumer thread only: returns {@code true} as soon as a record can be drained, {@code false} when
     * {@code timeoutNanos} passed or {@link #wakeConsumer()} was called without data. Producers unpark the consumer
     * only while it sleeps here, so publishing costs no system call when the consumer is busy.
     *
     * @throws InterruptedException when the consumer thread is interrupted while waiting
     */
    public boolean awaitData(long timeoutNanos) throws InterruptedException {
        return awaitCommitted(0, timeoutNanos);
    }

    /**
     * Consumer thread only: like {@link #awaitData(long)}, but returns {@code true} only once at least
     * {@code minBytes} of the ring are in use (headers and padding included) and a record can be drained. A
     * consumer that is filling a batch waits this way, so a trickle of events neither unparks it once per event
     * nor costs each producer a system call.
     *
     * @throws InterruptedException when the consumer thread is interrupted while waiting
     */
    public boolean awaitBytes(long minBytes, long timeoutNanos) throws InterruptedException {
        return awaitCommitted(Math.min(minBytes, capacity), timeoutNanos);
    }

    /**
     * Whether a committed record waits at the head; unlike {@code awaitData(0)} it leaves a pending
     * {@link #wakeConsumer()} in place. Consumer thread only.
     */
    public boolean hasData() {
        return hasCommittedRecord();
    }

    /** Makes a pending or the next {@link #awaitData} return at once, e.g. for flush or stop. Any thread. */
    public void wakeConsumer() {
        wake();
    }

    /** Bytes claimed and not yet freed, headers and padding included; a snapshot. */
    public long usedBytes() {
        return used();
    }

    /** The ring's size in bytes: the configured capacity rounded up to a power of two. */
    public int capacity() {
        return capacity;
    }

    /** The longest event stored as is; longer events are truncated with a marker to at most this length. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** The policy applied when the ring is full. */
    public OverflowPolicy overflowPolicy() {
        return overflow.policy();
    }

    /** Drops since the previous call, by reason and with first/last drop time; {@code null} when there were none. */
    public DropReport takeDropReport() {
        return drops.takeReport();
    }

    /**
     * Counts {@code events} that left the ring but were lost for good downstream, so they appear in {@link #drops()}
     * and in the next {@link #takeDropReport()} (the drop line written into the object) like the ring's own drops.
     */
    public void countDownstreamLoss(DropReason reason, long events) {
        if (reason != DropReason.SPOOL_FULL && reason != DropReason.REJECTED
                && reason != DropReason.CORRUPT_SPOOL_RECORD) {
            throw new IllegalArgumentException(reason.name() + " is no downstream loss");
        }
        if (events > 0) {
            drops.dropped(reason, events);
        }
    }

    /** Cumulative drop and truncation totals since the ring was built. */
    public DropCounters drops() {
        return drops.totals();
    }

    private static int type(LogLevel level) {
        return level == null ? LogLevel.INFO.ordinal() : level.ordinal();
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Configures a {@link RingBuffer}. It trusts its arguments: {@code PipelineConfig.Builder}, through which every
     * ring users configure is built, checks them against the limits above with messages naming the user's settings.
     * Not thread-safe.
     */
    public static final class Builder {
        static final int DEFAULT_CAPACITY = 32 << 20;
        static final int DEFAULT_MAX_EVENT_BYTES = 256 << 10;

        private int capacityBytes = DEFAULT_CAPACITY;
        private int maxEventBytes = -1;
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_NEWEST;
        private Duration blockTimeout = Duration.ofSeconds(1);
        private LogLevel discardBelow;
        private double discardThreshold = 1.0;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The ring's size in bytes, {@link #MIN_CAPACITY} to {@link #MAX_CAPACITY}, rounded up to a power of two.
         * Default 32 MiB.
         */
        public Builder capacityBytes(int capacityBytes) {
            this.capacityBytes = capacityBytes;
            return this;
        }

        /**
         * The longest event kept whole, at least {@link #MIN_EVENT_BYTES} and at most capacity / 2 minus
         * {@link #RECORD_HEADER_BYTES}; longer ones are truncated with a marker. Default: 256 KiB, or capacity / 4
         * for rings smaller than 1 MiB.
         */
        public Builder maxEventBytes(int maxEventBytes) {
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        /** What publishing does when the ring is full. Default {@link OverflowPolicy#DROP_NEWEST}. */
        public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
            return this;
        }

        /** How long a producer waits for room under {@link OverflowPolicy#BLOCK}, zero or more. Default 1 second. */
        public Builder blockTimeout(Duration blockTimeout) {
            this.blockTimeout = blockTimeout;
            return this;
        }

        /**
         * Discards events whose level is below {@code level} while the ring is more than {@code fillThreshold}
         * full (above 0 and below 1), e.g. {@code discardBelow(LogLevel.INFO, 0.8)} drops TRACE and DEBUG once 80% is
         * in use. Off by default.
         */
        public Builder discardBelow(LogLevel level, double fillThreshold) {
            this.discardBelow = level;
            this.discardThreshold = fillThreshold;
            return this;
        }

        /** The clock that timestamps drops in {@link DropReport}s. Default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Builds the ring, allocating its whole array now. */
        public RingBuffer build() {
            int capacity = Integer.highestOneBit(capacityBytes - 1) << 1;
            int maxEvent = maxEventBytes > 0 ? maxEventBytes : Math.min(DEFAULT_MAX_EVENT_BYTES, capacity / 4);
            return new RingBuffer(this, capacity, maxEvent);
        }
    }
}
