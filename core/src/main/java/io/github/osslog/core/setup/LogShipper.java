package io.github.osslog.core.setup;

import io.github.osslog.core.buffer.LogLevel;
import io.github.osslog.core.buffer.OverflowPolicy;
import io.github.osslog.core.buffer.PublishResult;
import io.github.osslog.core.metrics.PipelineMetrics;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.pipeline.Pipeline;
import io.github.osslog.core.pipeline.PipelineConfig;
import io.github.osslog.core.pipeline.ShutdownReport;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * A running osslog shipper as an adapter holds it: the {@link Pipeline} and the {@link OssClient} it owns.
 * Thread-safe. {@link #stop(Duration)} stops the pipeline within its budget and then releases the client.
 */
public final class LogShipper {
    /** The drop reason counted for events of osslog's own HTTP client routed back at the appender. */
    public static final String DROP_OWN_HTTP_CLIENT = "logged by osslog's HTTP client";
    /**
     * The logger-name prefix of the HTTP client osslog ships with. Its background threads (connection pool,
     * connects) log while osslog ships, so shipping their events would make more of them for ever. The drop-in jars
     * relocate the client, so there this prefix does not match the application's own OkHttp.
     */
    private static final String HTTP_CLIENT_LOGGERS = OkHttpClient.class.getName()
            .substring(0, OkHttpClient.class.getName().lastIndexOf('.') + 1);

    private final Pipeline pipeline;
    private final OssClient client;

    public LogShipper(Pipeline pipeline, OssClient client) {
        this.pipeline = pipeline;
        this.client = client;
    }

    /** Starts shipping; returns at once and never waits for OSS. */
    public void start() {
        pipeline.start();
    }

    /**
     * True (and the event counted as dropped) when an event of logger {@code loggerName} must not be shipped: one
     * logged by osslog's own HTTP client. Adapters ask before encoding.
     */
    public boolean refusesLogger(String loggerName) {
        if (loggerName != null && loggerName.startsWith(HTTP_CLIENT_LOGGERS)) {
            pipeline.metrics().eventDropped(DROP_OWN_HTTP_CLIENT);
            return true;
        }
        return false;
    }

    /** See {@link Pipeline#refuses(LogLevel, int, long)}. */
    public boolean refuses(LogLevel level, int expectedLength, long eventMillis) {
        return pipeline.refuses(level, expectedLength, eventMillis);
    }

    /**
     * Whether adapters should add their early-drop filters (docs/early-drop.md): {@code earlyDrop} is on and
     * {@link #refuses} can answer true at all (under {@code DROP_NEWEST}, or with a {@code discardLevel}).
     */
    public boolean wantsEarlyDrop() {
        PipelineConfig config = pipeline.config();
        return config.earlyDrop()
                && (config.overflowPolicy() == OverflowPolicy.DROP_NEWEST || config.discardLevel() != null);
    }

    /** See {@link Pipeline#mayRefuse(LogLevel)}. */
    public boolean mayRefuse(LogLevel level) {
        return pipeline.mayRefuse(level);
    }

    /** See {@link Pipeline#publish(byte[], int, int, LogLevel)}. */
    public PublishResult publish(byte[] data, int off, int len, LogLevel level) {
        return pipeline.publish(data, off, len, level);
    }

    /** See {@link Pipeline#flush(Duration)}. */
    public boolean flush(Duration timeout) {
        return pipeline.flush(timeout);
    }

    /** Stops within the configured shutdown timeout. */
    public ShutdownReport stop() {
        return stop(pipeline.config().shutdownTimeout());
    }

    /** Ships what it can within {@code budget}, then releases the HTTP client. Later calls return the first report. */
    public ShutdownReport stop(Duration budget) {
        ShutdownReport report = pipeline.stop(budget);
        client.close();
        return report;
    }

    public PipelineMetrics metrics() {
        return pipeline.metrics();
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The OSS client this shipper appends through. */
    public OssClient client() {
        return client;
    }

    @Override
    public String toString() {
        return "LogShipper{" + pipeline.config().name() + " -> " + client + '}';
    }
}
