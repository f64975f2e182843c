package io.github.osslog.reader;

import io.github.osslog.core.oss.OssClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads back what the appenders wrote: the objects of a key pattern in a time window, in write order (time bucket,
 * then {@code %i}), their content exactly once (gzip decoded member by member), as lines or raw units, and follows
 * them as they grow. Every request goes through the given {@link OssClient}; transient failures are retried with
 * backoff. Not thread-safe: one reader per consumer thread (the client may be shared).
 *
 * <pre>{@code
 * LogReader reader = LogReader.builder().client(oss).pattern("logs/%d{yyyy-MM-dd}/%host-%pid-%i.log.gz").build();
 * try (Stream<LogLine> lines = reader.lines(Instant.now().minus(Duration.ofHours(1)), Instant.now())) {
 *     lines.filter(l -> l.text().contains(" ERROR ")).forEach(l -> System.out.println(l.text()));
 * }
 * }</pre>
 */
public final class LogReader {
    private final OssClient oss;
    private final ReaderPattern pattern;
    private final boolean decodeGzip;
    private final Consumer<String> notes;
    private final Duration retryFor;
    private final Clock clock;
    private final Discovery discovery;
    private final ObjectReader objects;

    private LogReader(Builder b, ReaderPattern pattern) {
        this.oss = b.client;
        this.pattern = pattern;
        this.decodeGzip = b.decodeGzip;
        this.notes = b.notes;
        this.retryFor = b.retryFor;
        this.clock = b.clock;
        Retrier retrier = new Retrier(retryFor, Retrier.threadSleep(), notes);
        this.discovery = new Discovery(oss, pattern, b.discovery, retrier, notes);
        this.objects = new ObjectReader(oss, retrier, decodeGzip);
    }

    public static Builder builder() {
        return new Builder();
    }

    public ReaderPattern pattern() {
        return pattern;
    }

    /** The discovery mode in use: {@link DiscoveryMode#AUTO} until the first discovery decided it. */
    public DiscoveryMode discoveryMode() {
        return discovery.mode();
    }

    /** The objects whose time bucket overlaps {@code [since, until]}, in write order. */
    public List<LogObject> objects(Instant since, Instant until) throws IOException {
        if (since.isAfter(until)) {
            throw new IllegalArgumentException("the window's start " + since + " is after its end " + until);
        }
        return discovery.find(pattern.buckets(since, until));
    }

    /** Delivers {@code object}'s content, every byte once, gzip decoded member by member (unless disabled). */
    public void read(LogObject object, ContentSink sink) throws IOException {
        objects.read(object, 0, false, sink);
    }

    /** Pushes the lines of {@code objects}, in order, to {@code lines} on the calling thread. */
    public void forEachLine(List<LogObject> objects, Consumer<LogLine> lines) throws IOException {
        LineSplitter splitter = new LineSplitter(lines, decodeGzip);
        for (LogObject object : objects) {
            long end = this.objects.read(object, 0, false, splitter);
            splitter.endObject(Checkpoint.of(object.key(), end));
        }
    }

    /**
     * The lines of the objects in {@code [since, until]}, read lazily on a background thread with bounded memory;
     * close the stream to stop early. A read failure surfaces as an {@link java.io.UncheckedIOException}.
     */
    public Stream<LogLine> lines(Instant since, Instant until) throws IOException {
        List<LogObject> found = objects(since, until);
        LineQueue queue = new LineQueue("osslog-reader-lines", sink -> forEachLine(found, sink), () -> { });
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize((Iterator<LogLine>) queue,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(queue::close);
    }

    /** Follows the pattern from its newest objects, first printing their last {@code lastLines} lines. */
    public Follower follow(int lastLines, Duration pollInterval) {
        return new Follower(this, FollowStart.lastLines(lastLines), pollInterval);
    }

    /** Follows the pattern from {@code checkpoint}: the next line is the one after it. */
    public Follower follow(Checkpoint checkpoint, Duration pollInterval) {
        return new Follower(this, FollowStart.checkpoint(checkpoint), pollInterval);
    }

    // what the follower shares with the reader
    OssClient client() {
        return oss;
    }

    Discovery discovery() {
        return discovery;
    }

    boolean decodeGzip() {
        return decodeGzip;
    }

    Consumer<String> notes() {
        return notes;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "LogReader{" + pattern + ", " + discovery.mode() + '}';
    }

    /** Configures a {@link LogReader}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private OssClient client;
        private String pattern;
        private ZoneId zone = ZoneOffset.UTC;
        private final Map<String, String> values = new LinkedHashMap<>();
        private DiscoveryMode discovery = DiscoveryMode.AUTO;
        private boolean decodeGzip = true;
        private Consumer<String> notes = note -> { };
        private Duration retryFor = Duration.ofMinutes(2);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The client every request goes through. Required; the reader does not close it. */
        public Builder client(OssClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The appenders' {@code objectKeyPattern}. Required. */
        public Builder pattern(String pattern) {
            this.pattern = Objects.requireNonNull(pattern, "pattern");
            return this;
        }

        /** The zone the appenders rendered {@code %d} in; default UTC, as the appenders. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** The value of {@code %host} ("host"), {@code %pid} ("pid") or {@code %{name}}; parts without one match any. */
        public Builder value(String name, String value) {
            values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Several {@link #value(String, String)} at once. */
        public Builder values(Map<String, String> given) {
            given.forEach(this::value);
            return this;
        }

        public Builder discovery(DiscoveryMode mode) {
            this.discovery = Objects.requireNonNull(mode, "discovery");
            return this;
        }

        /** {@code false} delivers gzip objects' raw bytes. Default true. */
        public Builder decodeGzip(boolean decode) {
            this.decodeGzip = decode;
            return this;
        }

        /** Receives diagnostics (discovery mode, retries, skipped objects). Default: dropped. */
        public Builder notes(Consumer<String> notes) {
            this.notes = Objects.requireNonNull(notes, "notes");
            return this;
        }

        /** How long one request keeps being retried on transient errors before giving up (following never does). */
        public Builder retryFor(Duration retryFor) {
            if (retryFor.isNegative()) {
                throw new IllegalArgumentException("retryFor must not be negative, was " + retryFor);
            }
            this.retryFor = retryFor;
            return this;
        }

        /** The clock windows and following are measured by (tests inject a fake one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalArgumentException naming the missing or invalid setting */
        public LogReader build() {
            if (client == null) {
                throw new IllegalArgumentException("client is missing: pass the OssClient to read through");
            }
            if (pattern == null) {
                throw new IllegalArgumentException("pattern is missing: pass the appenders' objectKeyPattern");
            }
            return new LogReader(this, ReaderPattern.compile(pattern, zone, values));
        }
    }
}
