package io.github.osslog.benchmarks;

import java.time.Duration;

/**
 * The osslog settings a benchmark varies; everything else keeps its default. Immutable.
 */
final class OssOptions {
    final boolean gzip;
    /** {@code BLOCK} makes a throughput run measure the shipper instead of counting drops. */
    final String overflowPolicy;
    final Duration blockTimeout;
    final Duration maxBackoff;

    private OssOptions(boolean gzip, String overflowPolicy, Duration blockTimeout, Duration maxBackoff) {
        this.gzip = gzip;
        this.overflowPolicy = overflowPolicy;
        this.blockTimeout = blockTimeout;
        this.maxBackoff = maxBackoff;
    }

    /** The defaults: no compression, drop the newest event when the buffer is full. */
    static OssOptions defaults() {
        return new OssOptions(false, "DROP_NEWEST", Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** Each append one gzip member, or plain. */
    OssOptions gzip(boolean on) {
        return new OssOptions(on, overflowPolicy, blockTimeout, maxBackoff);
    }

    /** Producers wait for room instead of dropping (up to a minute), so every event is shipped. */
    OssOptions blocking() {
        return new OssOptions(gzip, "BLOCK", Duration.ofMinutes(1), maxBackoff);
    }

    /** Retries at most {@code backoff} apart, so shipping resumes promptly after an outage. */
    OssOptions maxBackoff(Duration backoff) {
        return new OssOptions(gzip, overflowPolicy, blockTimeout, backoff);
    }

    String objectKeyPattern() {
        return gzip ? "run/%i.log.gz" : "run/%i.log";
    }

    String compression() {
        return gzip ? "GZIP" : "NONE";
    }
}
