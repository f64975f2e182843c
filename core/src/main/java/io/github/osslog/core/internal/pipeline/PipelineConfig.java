package io.github.osslog.core.internal.pipeline;

import static io.github.osslog.core.InvalidSettingException.require;

import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.internal.buffer.RingBuffer;
import io.github.osslog.core.internal.objects.KeyPattern;
import io.github.osslog.core.internal.objects.LocalIdentity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The settings of one pipeline (see docs/pipeline-config.md). Immutable and thread-safe; build it with
 * {@link #builder()}, which checks each value when it is set and their combinations in {@link Builder#build()}.
 * Every error is an {@link io.github.osslog.core.InvalidSettingException} naming the setting. These are the only
 * checks of the ring buffer's shape: {@link RingBuffer.Builder} trusts what it is given.
 */
public final class PipelineConfig {
    /** OSS's limit for an appendable object, and so the largest {@code maxObjectSize}. */
    public static final long MAX_OBJECT_SIZE_LIMIT = 5L << 30;
    /** Deflate's fastest level: log text still shrinks to a small fraction, at about three times level 6's speed. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 1;
    static final String DEFAULT_KEY_PATTERN = "logs/%d{yyyy-MM-dd}/%host-%pid-%i.log";

    private final String name;
    private final int bufferSize;
    private final int maxEventSize;
    private final int batchMaxBytes;
    private final Duration flushInterval;
    private final OverflowPolicy overflowPolicy;
    private final Duration blockTimeout;
    private final LogLevel discardLevel;
    private final double discardThreshold;
    private final boolean earlyDrop;
    private final long maxObjectSize;
    private final KeyPattern keyPattern;
    private final ZoneId timeZone;
    private final Compression compression;
    private final int compressionLevel;
    private final Map<String, String> creationHeaders;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration shutdownTimeout;
    private final Path spoolDirectory;
    private final long spoolMaxBytes;
    private final Clock clock;
    private final Ticker ticker;

    private PipelineConfig(Builder b, KeyPattern keyPattern, Map<String, String> creationHeaders) {
        this.name = b.name;
        this.bufferSize = b.bufferSize;
        this.maxEventSize = b.maxEventSize;
        this.batchMaxBytes = b.batchMaxBytes;
        this.flushInterval = b.flushInterval;
        this.overflowPolicy = b.overflowPolicy;
        this.blockTimeout = b.blockTimeout;
        this.discardLevel = b.discardLevel;
        this.discardThreshold = b.discardThreshold;
        this.earlyDrop = b.earlyDrop;
        this.maxObjectSize = b.maxObjectSize;
        this.keyPattern = keyPattern;
        this.timeZone = b.timeZone;
        this.compression = b.compression;
        this.compressionLevel = b.compressionLevel;
        this.creationHeaders = creationHeaders;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.shutdownTimeout = b.shutdownTimeout;
        this.spoolDirectory = b.spoolDirectory;
        this.spoolMaxBytes = b.spoolMaxBytes;
        this.clock = b.clock;
        this.ticker = b.ticker;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pipeline's name, used for its thread ({@code osslog-shipper-<name>}) and its JMX MBean. */
    public String name() {
        return name;
    }

    /** The ring buffer's capacity in bytes. */
    public int bufferSize() {
        return bufferSize;
    }

    /** The largest event in bytes; longer events are truncated with a marker. */
    public int maxEventSize() {
        return maxEventSize;
    }

    /** A batch is cut when it reaches this many bytes (before compression). */
    public int batchMaxBytes() {
        return batchMaxBytes;
    }

    /** A batch is cut at the latest this long after its first event. */
    public Duration flushInterval() {
        return flushInterval;
    }

    /** What publishing does when the buffer is full. */
    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    /** How long a producer waits for room under {@link OverflowPolicy#BLOCK}. */
    public Duration blockTimeout() {
        return blockTimeout;
    }

    /** Events below this level are discarded once the buffer is {@link #discardThreshold()} full; null: never. */
    public LogLevel discardLevel() {
        return discardLevel;
    }

    /** The buffer fill fraction above which events below {@link #discardLevel()} are discarded. */
    public double discardThreshold() {
        return discardThreshold;
    }

    /** Whether adapters may drop a refused call before their framework builds the event (docs/early-drop.md). */
    public boolean earlyDrop() {
        return earlyDrop;
    }

    /** An object rolls to the next index before an append would make it larger than this. */
    public long maxObjectSize() {
        return maxObjectSize;
    }

    public KeyPattern objectKeyPattern() {
        return keyPattern;
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public Compression compression() {
        return compression;
    }

    /**
     * The level of {@link Compression#GZIP}: 1 (fastest, default; osslog's own encoder) or 2 to 9 (that
     * {@link java.util.zip.Deflater} level); see docs/compression.md.
     */
    public int compressionLevel() {
        return compressionLevel;
    }

    /** Headers sent with the append that creates an object (names as given, case-insensitive map). */
    public Map<String, String> creationHeaders() {
        return creationHeaders;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The budget {@code Pipeline.stop()} uses when no other is given. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** Where batches that cannot be shipped in time go (docs/spool.md); {@code null}: no spool. */
    public Path spoolDirectory() {
        return spoolDirectory;
    }

    /** The most bytes the spool's segment files may take; past it the overflow policy applies. */
    public long spoolMaxBytes() {
        return spoolMaxBytes;
    }

    /** The clock for object key dates and drop notices. */
    public Clock clock() {
        return clock;
    }

    /** The monotonic time of flush intervals, retry waits and the stop budget. */
    public Ticker ticker() {
        return ticker;
    }

    @Override
    public String toString() {
        return "PipelineConfig{name=" + name + ", bufferSize=" + Sizes.format(bufferSize)
                + ", maxEventSize=" + Sizes.format(maxEventSize) + ", batchMaxBytes=" + Sizes.format(batchMaxBytes)
                + ", flushInterval=" + flushInterval + ", overflowPolicy=" + overflowPolicy
                + (overflowPolicy == OverflowPolicy.BLOCK ? ", blockTimeout=" + blockTimeout : "")
                + (discardLevel != null ? ", discardLevel=" + discardLevel + ", discardThreshold=" + discardThreshold
                        : "")
                + (earlyDrop ? "" : ", earlyDrop=false")
                + ", maxObjectSize=" + Sizes.format(maxObjectSize)
                + ", objectKeyPattern=" + keyPattern + ", timeZone=" + timeZone + ", compression=" + compression
                + (compression == Compression.GZIP ? ", compressionLevel=" + compressionLevel : "")
                + ", creationHeaders=" + creationHeaders.keySet() + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", shutdownTimeout=" + shutdownTimeout
                + (spoolDirectory != null ? ", spoolDirectory=" + spoolDirectory + ", spoolMaxBytes="
                        + Sizes.format(spoolMaxBytes) : "") + '}';
    }

    /** Collects and checks settings; not thread-safe. */
    public static final class Builder {
        private static final int MIN_BATCH_BYTES = 256;

        private String name = "osslog";
        private int bufferSize = 32 << 20;
        private int maxEventSize = 256 << 10;
        private int batchMaxBytes = 4 << 20;
        private Duration flushInterval = Duration.ofSeconds(1);
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_NEWEST;
        private Duration blockTimeout = Duration.ofSeconds(1);
        private LogLevel discardLevel;
        private double discardThreshold = 0.8;
        private boolean earlyDrop = true;
        private long maxObjectSize = 1L << 30;
        private String objectKeyPattern;
        private final Map<String, String> keyValues = new TreeMap<>();
        private ZoneId timeZone = ZoneOffset.UTC;
        private Compression compression = Compression.NONE;
        private int compressionLevel = DEFAULT_COMPRESSION_LEVEL;
        private final Map<String, String> creationHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private Path spoolDirectory;
        private long spoolMaxBytes = 1L << 30;
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.SYSTEM;

        private Builder() {
        }

        /** Letters, digits, '.', '_' and '-', at most 64 characters; default {@code osslog}. */
        public Builder name(String name) {
            require(name != null && name.matches("[A-Za-z0-9._-]{1,64}"), "name",
                    "'%s' is invalid: use 1-64 letters, digits, '.', '_' or '-'", name);
            this.name = name;
            return this;
        }

        /** Ring buffer capacity in bytes, 4KB to 1GB; default 32MB. */
        public Builder bufferSize(int bytes) {
            this.bufferSize = checkRange("bufferSize", bytes, RingBuffer.MIN_CAPACITY, RingBuffer.MAX_CAPACITY);
            return this;
        }

        /** Largest event in bytes, 256 bytes to 64MB; longer events are truncated with a marker. Default 256KB. */
        public Builder maxEventSize(int bytes) {
            this.maxEventSize = checkRange("maxEventSize", bytes, RingBuffer.MIN_EVENT_BYTES, 64 << 20);
            return this;
        }

        /** Batch size in bytes that triggers an append, 256 bytes to 512MB; default 4MB. */
        public Builder batchMaxBytes(int bytes) {
            this.batchMaxBytes = checkRange("batchMaxBytes", bytes, MIN_BATCH_BYTES, 512 << 20);
            return this;
        }

        /** Longest time a batch waits before it is appended, 1ms to 1 hour; default 1 second. */
        public Builder flushInterval(Duration interval) {
            this.flushInterval = checkDuration("flushInterval", interval, Duration.ofMillis(1), Duration.ofHours(1));
            return this;
        }

        /** What publishing does when the buffer is full; default {@link OverflowPolicy#DROP_NEWEST}. */
        public Builder overflowPolicy(OverflowPolicy policy) {
            this.overflowPolicy = Objects.requireNonNull(policy,
                    "overflowPolicy must not be null: use DROP_NEWEST, DROP_OLDEST or BLOCK");
            return this;
        }

        /** Longest wait for room under {@link OverflowPolicy#BLOCK}, 0 to 1 minute; default 1 second. */
        public Builder blockTimeout(Duration timeout) {
            this.blockTimeout = checkDuration("blockTimeout", timeout, Duration.ZERO, Duration.ofMinutes(1));
            return this;
        }

        /** Discard events below {@code level} once the buffer passes {@link #discardThreshold}; null: never. */
        public Builder discardLevel(LogLevel level) {
            this.discardLevel = level;
            return this;
        }

        /** Buffer fill fraction, above 0 and below 1, past which {@link #discardLevel} applies; default 0.8. */
        public Builder discardThreshold(double fraction) {
            require(fraction > 0.0 && fraction < 1.0, "discardThreshold",
                    "(%s) must be above 0 and below 1, e.g. 0.8 for 80%% full", fraction);
            this.discardThreshold = fraction;
            return this;
        }

        /** Whether adapters may drop a refused call before their framework builds the event; default true. */
        public Builder earlyDrop(boolean enabled) {
            this.earlyDrop = enabled;
            return this;
        }

        /** Object size at which to roll to the next index, up to 5GB; default 1GB. */
        public Builder maxObjectSize(long bytes) {
            require(bytes > 0 && bytes <= MAX_OBJECT_SIZE_LIMIT, "maxObjectSize",
                    "(%s) must be positive and at most %s, the limit of an appendable object", Sizes.format(bytes),
                    Sizes.format(MAX_OBJECT_SIZE_LIMIT));
            this.maxObjectSize = bytes;
            return this;
        }

        /**
         * The object key pattern (docs/object-keys.md); default {@code logs/%d{yyyy-MM-dd}/%host-%pid-%i.log},
         * with {@code .log.gz} when compressing. Checked in {@link #build()}, once the key values are known.
         */
        public Builder objectKeyPattern(String pattern) {
            require(pattern != null && !pattern.trim().isEmpty(), "objectKeyPattern", "must not be empty");
            this.objectKeyPattern = pattern;
            return this;
        }

        /** A value for the {@code %{name}} token; {@code host} and {@code pid} override the detected ones. */
        public Builder keyValue(String name, String value) {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("keyValue name '" + name
                        + "' is invalid: use letters, digits, '.', '_' or '-'");
            }
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("keyValue '" + name + "' must not be empty");
            }
            keyValues.put(name, value);
            return this;
        }

        /** Time zone of the key pattern's dates; default UTC. */
        public Builder timeZone(ZoneId zone) {
            this.timeZone = Objects.requireNonNull(zone, "timeZone must not be null");
            return this;
        }

        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression must not be null");
            return this;
        }

        /** The gzip level, 1 (fastest, the default: see docs/compression.md) to 9 (smallest). */
        public Builder compressionLevel(int level) {
            require(level >= 1 && level <= 9, "compressionLevel",
                    "(%s) must be 1 (fastest, the default) to 9 (smallest output)", level);
            this.compressionLevel = level;
            return this;
        }

        /**
         * A header for the append that creates each object: {@code Content-Type}, {@code Cache-Control},
         * {@code Content-Disposition}, {@code Content-Encoding}, {@code Expires}, {@code x-oss-meta-*},
         * {@code x-oss-object-acl}, {@code x-oss-storage-class}, {@code x-oss-server-side-encryption} or
         * {@code x-oss-tagging}.
         */
        public Builder creationHeader(String name, String value) {
            CreationHeaders.check(name, value);
            creationHeaders.put(name, value);
            return this;
        }

        /** First retry delay, 1ms to 1 minute; default 100ms. Delays double per failure, with full jitter. */
        public Builder initialBackoff(Duration delay) {
            this.initialBackoff = checkDuration("initialBackoff", delay, Duration.ofMillis(1), Duration.ofMinutes(1));
            return this;
        }

        /** Longest retry delay, 1ms to 1 hour; default 30 seconds. Also the pace of retries on 403/404. */
        public Builder maxBackoff(Duration delay) {
            this.maxBackoff = checkDuration("maxBackoff", delay, Duration.ofMillis(1), Duration.ofHours(1));
            return this;
        }

        /** Budget of {@code Pipeline.stop()}, 0 to 10 minutes; default 10 seconds. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = checkDuration("shutdownTimeout", timeout, Duration.ZERO, Duration.ofMinutes(10));
            return this;
        }

        /**
         * A local directory for batches that cannot be shipped in time: during an outage once the buffer is half
         * full, and at stop. They are replayed in order, also after a restart (docs/spool.md). {@code null}, the
         * default: no spool. Opened and locked by {@code Pipeline.start()}.
         */
        public Builder spoolDirectory(Path directory) {
            this.spoolDirectory = directory;
            return this;
        }

        /** Most bytes the spool may take on disk, 4KB to 1TB; default 1GB. */
        public Builder spoolMaxBytes(long bytes) {
            require(bytes >= (4 << 10) && bytes <= (1L << 40), "spoolMaxBytes", "(%s) must be between %s and %s",
                    Sizes.format(bytes), Sizes.format(4 << 10), Sizes.format(1L << 40));
            this.spoolMaxBytes = bytes;
            return this;
        }

        /** The clock for key dates and drop notices (a fake one in tests); default the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** The monotonic time and retry waits (tests pass one that skips waits); default {@link Ticker#SYSTEM}. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
            return this;
        }

        /**
         * Settles the combinations that contradict each other but have one safe reading, before {@link #build()}:
         * a batch larger than the buffer or than an object (batchMaxBytes lowered), an event larger than a batch or
         * than half the buffer (maxEventSize lowered), a first retry delay above the longest (initialBackoff
         * lowered). Returns one text per change, naming both settings and the value chosen; {@link #build()} still
         * rejects what has no safe reading. See docs/configuration-errors.md.
         */
        public List<String> settleConflicts() {
            List<String> changes = new ArrayList<>();
            if (batchMaxBytes > bufferSize) {
                int chosen = Math.max(MIN_BATCH_BYTES, bufferSize / 2);
                changes.add(lowered("batchMaxBytes", batchMaxBytes, "above bufferSize (" + Sizes.format(bufferSize)
                        + ")", chosen, "half the buffer, so events fit while a batch ships"));
                batchMaxBytes = chosen;
            }
            if (batchMaxBytes > maxObjectSize) {
                int chosen = (int) Math.max(MIN_BATCH_BYTES, maxObjectSize);
                changes.add(lowered("batchMaxBytes", batchMaxBytes, "above maxObjectSize ("
                        + Sizes.format(maxObjectSize) + ")", chosen, "maxObjectSize"));
                batchMaxBytes = chosen;
            }
            if (maxEventSize > batchMaxBytes) {
                changes.add(lowered("maxEventSize", maxEventSize, "above batchMaxBytes ("
                        + Sizes.format(batchMaxBytes) + ")", batchMaxBytes, "batchMaxBytes"));
                maxEventSize = batchMaxBytes;
            }
            if (maxEventSize > largestEvent()) {
                int chosen = largestEvent();
                changes.add(lowered("maxEventSize", maxEventSize, "above half of bufferSize ("
                        + Sizes.format(bufferSize) + ") minus 8 bytes", chosen, "the most the buffer takes"));
                maxEventSize = chosen;
            }
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                changes.add("initialBackoff (" + initialBackoff + ") is above maxBackoff (" + maxBackoff
                        + "): using initialBackoff " + maxBackoff + "; set initialBackoff at most maxBackoff to"
                        + " silence this");
                initialBackoff = maxBackoff;
            }
            return changes;
        }

        private static String lowered(String setting, long was, String conflict, int chosen, String why) {
            return setting + " (" + Sizes.format(was) + ") is " + conflict + ": using " + setting + " "
                    + Sizes.format(chosen) + " (" + why + "); set it to fit to silence this";
        }

        /** Checks the combinations and builds the config. */
        public PipelineConfig build() {
            require(batchMaxBytes <= bufferSize, "batchMaxBytes", "(%s) must not exceed bufferSize (%s)",
                    Sizes.format(batchMaxBytes), Sizes.format(bufferSize));
            require(maxEventSize <= batchMaxBytes, "maxEventSize", "(%s) must not exceed batchMaxBytes (%s)",
                    Sizes.format(maxEventSize), Sizes.format(batchMaxBytes));
            require(maxEventSize <= largestEvent(), "maxEventSize",
                    "(%s) must be at most half of bufferSize (%s) minus %s bytes", Sizes.format(maxEventSize),
                    Sizes.format(bufferSize), RingBuffer.RECORD_HEADER_BYTES);
            require(batchMaxBytes <= maxObjectSize, "batchMaxBytes", "(%s) must not exceed maxObjectSize (%s)",
                    Sizes.format(batchMaxBytes), Sizes.format(maxObjectSize));
            require(spoolDirectory == null || spoolMaxBytes >= batchMaxBytes, "spoolMaxBytes",
                    "(%s) must be at least batchMaxBytes (%s)", Sizes.format(spoolMaxBytes),
                    Sizes.format(batchMaxBytes));
            require(initialBackoff.compareTo(maxBackoff) <= 0, "initialBackoff", "(%s) must not exceed maxBackoff (%s)",
                    initialBackoff, maxBackoff);
            Map<String, String> values = new TreeMap<>();
            values.put("host", LocalIdentity.hostName());
            values.put("pid", LocalIdentity.pid());
            values.putAll(keyValues);
            String pattern = objectKeyPattern != null ? objectKeyPattern
                    : compression == Compression.GZIP ? DEFAULT_KEY_PATTERN + ".gz" : DEFAULT_KEY_PATTERN;
            KeyPattern keys = KeyPattern.compile(pattern, timeZone, values);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(creationHeaders);
            headers.putIfAbsent("Content-Type",
                    compression == Compression.GZIP ? "application/gzip" : "text/plain; charset=utf-8");
            return new PipelineConfig(this, keys, Collections.unmodifiableMap(headers));
        }

        /** The longest event the ring keeps whole: two must fit in the buffer, each with its record header. */
        private int largestEvent() {
            return bufferSize / 2 - RingBuffer.RECORD_HEADER_BYTES;
        }

        private static int checkRange(String setting, int bytes, int min, int max) {
            require(bytes >= min && bytes <= max, setting, "(%s) must be between %s and %s", Sizes.format(bytes),
                    Sizes.format(min), Sizes.format(max));
            return bytes;
        }

        private static Duration checkDuration(String setting, Duration d, Duration min, Duration max) {
            require(d != null, setting, "must not be null");
            require(d.compareTo(min) >= 0 && d.compareTo(max) <= 0, setting, "(%s) must be between %s and %s", d, min,
                    max);
            return d;
        }
    }
}
