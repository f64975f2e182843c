package io.github.osslog.core.internal.metrics;

import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.core.Redactor;
import io.github.osslog.core.internal.buffer.DropReason;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The counters of one pipeline (DESIGN §7): read them through the getters or JMX; the pipeline records into them.
 * Thread-safe: producers record from application threads, the shipper from its own.
 */
public final class PipelineMetrics implements PipelineMXBean {
    /** How many distinct failure codes are counted by name; codes beyond them are counted as {@value #OTHER_CODE}. */
    public static final int MAX_CODES = 32;
    /** The failure code that counts every code beyond the first {@value #MAX_CODES}. */
    public static final String OTHER_CODE = "other";
    /** Failure codes come from servers: longer ones are cut to this many characters. */
    static final int MAX_CODE_LENGTH = 64;
    /** The longest {@link #getLastError()} text, in characters. */
    static final int MAX_ERROR_LENGTH = 2048;

    private final Clock clock;
    private final LongSupplier bufferBytes;
    private final Supplier<Map<String, Long>> bufferDrops;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder bytesEncoded = new LongAdder();
    /** Drops counted outside the ring (by the pipeline and the sink), indexed by {@link DropReason#ordinal()}. */
    private final LongAdder[] ownDrops = new LongAdder[DropReason.values().length];
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytesShipped = new AtomicLong();
    private final AtomicLong appends = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong reconciled = new AtomicLong();
    private final AtomicLong rollovers = new AtomicLong();
    private final AtomicLong crcMismatches = new AtomicLong();
    private final AtomicLong spooledBatches = new AtomicLong();
    private final AtomicLong spooledBytes = new AtomicLong();
    private final AtomicLong replayedBatches = new AtomicLong();
    private final AtomicLong spooledEvents = new AtomicLong();
    private final AtomicLong replayedEvents = new AtomicLong();
    private volatile long corruptSpoolRecords;
    private volatile long spoolBytesInUse;
    private volatile long spoolEventsInUse;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private volatile String currentKey = "";
    private volatile String lastError = "";
    private volatile Redactor redactor = new Redactor();
    private volatile LongSupplier eventsInFlight = () -> 0;
    private volatile LongSupplier bytesInFlight = () -> 0;

    /**
     * @param bufferBytes reads the bytes in use in the buffer
     * @param bufferDrops reads the buffer's cumulative drop counts by reason
     */
    public PipelineMetrics(Clock clock, LongSupplier bufferBytes, Supplier<Map<String, Long>> bufferDrops) {
        this.clock = clock;
        this.bufferBytes = bufferBytes;
        this.bufferDrops = bufferDrops;
        for (int i = 0; i < ownDrops.length; i++) {
            ownDrops[i] = new LongAdder();
        }
    }

    // Recording methods: called by the pipeline only.

    public void eventAccepted(int bytes, boolean wasTruncated) {
        accepted.increment();
        bytesEncoded.add(bytes);
        if (wasTruncated) {
            truncated.increment();
        }
    }

    /** An event turned away before it reached the buffer (the buffer counts its own drops). */
    public void eventDropped(DropReason reason) {
        ownDrops[reason.ordinal()].increment();
    }

    public void batchSpooled(int events, long bytes) {
        spooledEvents.addAndGet(events);
        spooledBatches.incrementAndGet();
        spooledBytes.addAndGet(bytes);
    }

    /** A spooled batch is done with; {@code shippedEvents} of it landed (0 when it was rejected for good). */
    public void batchReplayed(int shippedEvents) {
        replayedEvents.addAndGet(shippedEvents);
        replayedBatches.incrementAndGet();
    }

    /** The spool's current state: bytes on disk, events waiting, corrupt records skipped so far. */
    public void spool(long bytesInUse, long eventsInUse, long corruptRecords) {
        spoolBytesInUse = bytesInUse;
        spoolEventsInUse = eventsInUse;
        corruptSpoolRecords = corruptRecords;
    }

    public void batchShipped(int events, long bytes) {
        shipped.addAndGet(events);
        bytesShipped.addAndGet(bytes);
    }

    public void eventsFailed(int events) {
        failed.addAndGet(events);
    }

    public void append() {
        appends.incrementAndGet();
    }

    public void retry() {
        retries.incrementAndGet();
    }

    public void reconciledLostResponse() {
        reconciled.incrementAndGet();
    }

    public void rollover() {
        rollovers.incrementAndGet();
    }

    public void crcMismatch() {
        crcMismatches.incrementAndGet();
    }

    /**
     * From now on, {@link #failure} passes its message through {@code redactor}, which knows the credentials in
     * use. Set before the pipeline starts.
     */
    public void redactWith(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * Counts a failed store call under {@code code} and remembers {@code message}, redacted and shortened, as the
     * last error. The code (often a server's text) is cut to printable ASCII of at most {@value #MAX_CODE_LENGTH}
     * characters, and beyond {@value #MAX_CODES} distinct codes counted as {@value #OTHER_CODE}.
     */
    public void failure(String code, String message) {
        String name = codeName(code);
        LongAdder counter = failures.get(name);
        if (counter == null) {
            counter = failures.computeIfAbsent(failures.size() < MAX_CODES ? name : OTHER_CODE, c -> new LongAdder());
        }
        counter.increment();
        String text = redactor.redact(String.valueOf(message));
        if (text.length() > MAX_ERROR_LENGTH) {
            text = text.substring(0, MAX_ERROR_LENGTH) + "...";
        }
        lastError = clock.instant() + " " + text;
    }

    private static String codeName(String code) {
        if (code == null || code.isEmpty()) {
            return "unknown";
        }
        StringBuilder name = new StringBuilder(Math.min(code.length(), MAX_CODE_LENGTH));
        for (int i = 0; i < code.length() && i < MAX_CODE_LENGTH; i++) {
            char c = code.charAt(i);
            name.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return name.toString();
    }

    public void currentKey(String key) {
        currentKey = key;
    }

    /** Where {@link #getEventsInFlight()} and {@link #getBytesInFlight()} read from; set once by the pipeline. */
    public void inFlight(LongSupplier events, LongSupplier bytes) {
        eventsInFlight = events;
        bytesInFlight = bytes;
    }

    @Override
    public long getEventsAccepted() {
        return accepted.sum();
    }

    @Override
    public long getEventsTruncated() {
        return truncated.sum();
    }

    @Override
    public long getEventsDropped() {
        long total = 0;
        for (long n : getEventsDroppedByReason().values()) {
            total += n;
        }
        return total;
    }

    @Override
    public Map<String, Long> getEventsDroppedByReason() {
        Map<String, Long> all = new TreeMap<>(bufferDrops.get());
        for (DropReason reason : DropReason.values()) {
            all.merge(reason.text(), ownDrops[reason.ordinal()].sum(), Long::sum);
        }
        all.values().removeIf(n -> n == 0);
        return Collections.unmodifiableMap(all);
    }

    @Override
    public long getEventsFailed() {
        return failed.get();
    }

    @Override
    public long getBytesEncoded() {
        return bytesEncoded.sum();
    }

    @Override
    public long getEventsShipped() {
        return shipped.get();
    }

    @Override
    public long getBytesShipped() {
        return bytesShipped.get();
    }

    @Override
    public long getAppends() {
        return appends.get();
    }

    @Override
    public long getRetries() {
        return retries.get();
    }

    @Override
    public long getReconciledLostResponses() {
        return reconciled.get();
    }

    @Override
    public long getRollovers() {
        return rollovers.get();
    }

    @Override
    public long getCrcMismatches() {
        return crcMismatches.get();
    }

    @Override
    public Map<String, Long> getFailuresByCode() {
        Map<String, Long> all = new TreeMap<>();
        failures.forEach((code, n) -> all.put(code, n.sum()));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public long getBufferBytesInUse() {
        return bufferBytes.getAsLong();
    }

    @Override
    public long getEventsInFlight() {
        return eventsInFlight.getAsLong();
    }

    @Override
    public long getBytesInFlight() {
        return bytesInFlight.getAsLong();
    }

    @Override
    public long getSpooledBatches() {
        return spooledBatches.get();
    }

    @Override
    public long getEventsSpooled() {
        return spooledEvents.get();
    }

    @Override
    public long getEventsReplayed() {
        return replayedEvents.get();
    }

    @Override
    public long getSpooledBytes() {
        return spooledBytes.get();
    }

    @Override
    public long getReplayedBatches() {
        return replayedBatches.get();
    }

    @Override
    public long getCorruptSpoolRecords() {
        return corruptSpoolRecords;
    }

    @Override
    public long getSpoolBytesInUse() {
        return spoolBytesInUse;
    }

    @Override
    public long getSpoolEventsInUse() {
        return spoolEventsInUse;
    }

    @Override
    public String getCurrentObjectKey() {
        return currentKey;
    }

    @Override
    public String getLastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return "PipelineMetrics{accepted=" + getEventsAccepted() + ", shipped=" + getEventsShipped()
                + ", dropped=" + getEventsDroppedByReason() + ", failed=" + getEventsFailed()
                + ", appends=" + getAppends() + ", retries=" + getRetries() + ", rollovers=" + getRollovers()
                + ", bufferBytesInUse=" + getBufferBytesInUse() + ", spooledBatches=" + getSpooledBatches()
                + ", replayedBatches=" + getReplayedBatches() + ", spoolBytesInUse=" + getSpoolBytesInUse() + '}';
    }
}
