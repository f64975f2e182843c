package io.github.osslog.core.sink;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.internal.buffer.RingBuffer;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.internal.pipeline.Pipeline;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import io.github.osslog.core.ShutdownReport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * What an adapter appends to: a running {@link Pipeline} and the {@link OssClient} it owns, behind the whole
 * append protocol, so that an adapter only maps its framework's event ({@link #append}). The protocol, in order:
 * events of osslog's own HTTP client are dropped; a thread already appending is not let in again (re-entry guard);
 * an event the ring would drop anyway is dropped before it is encoded (its size estimated by the thread's previous
 * event); the adapter's {@link EventEncoder} writes the event into the thread's reused {@link EventBytes}; the bytes
 * are published. Every drop is counted under its {@link DropReason}; no {@link Throwable} reaches the appending thread
 * but the errors of a failing JVM ({@link Containment}). Thread-safe. {@link #stop(Duration)} stops the pipeline
 * within its budget and then releases the client.
 */
public final class LogSink {
    /**
     * The logger-name prefix of the HTTP client osslog ships with. Its background threads (connection pool,
     * connects) log while osslog ships, so shipping their events would make more of them for ever. The drop-in jars
     * relocate the client, so there this prefix does not match the application's own OkHttp.
     */
    private static final String HTTP_CLIENT_LOGGERS = OkHttpClient.class.getName()
            .substring(0, OkHttpClient.class.getName().lastIndexOf('.') + 1);

    private final Pipeline pipeline;
    private final OssClient client;
    private final PipelineMetrics metrics;
    private final InternalLogger status;
    private final ReentryGuard<EventBytes> guard = new ReentryGuard<>(EventBytes::new);
    private final Containment containment = new Containment();
    private final AtomicLong encoderFailures = new AtomicLong();

    /** @param status where failures on appending threads are reported (the pipeline's own, redacting, channel) */
    public LogSink(Pipeline pipeline, OssClient client, InternalLogger status) {
        this.pipeline = pipeline;
        this.client = client;
        this.metrics = pipeline.metrics();
        this.status = status;
    }

    /** Starts shipping; returns at once and never waits for OSS. */
    public void start() {
        pipeline.start();
    }

    /**
     * Appends {@code event} of logger {@code loggerName} (may be null), {@code level} and timestamp
     * {@code eventMillis} (epoch millis; {@link RingBuffer#NO_EVENT_TIME} when unknown): the protocol of the class
     * comment. Never blocks but under the {@code BLOCK} overflow policy (bounded); never throws, except what
     * {@link EventEncoder#failed} rethrows and the errors of a failing JVM.
     */
    public <E> void append(E event, String loggerName, LogLevel level, long eventMillis, EventEncoder<E> encoder) {
        if (dropIfOwnHttpClient(loggerName)) {
            return;
        }
        ReentryGuard.Slot<EventBytes> slot = guard.enter();
        if (slot == null) {
            metrics.eventDropped(DropReason.REENTRANT);
            return;
        }
        try {
            RuntimeException failure = encodeAndPublish(event, level, eventMillis, encoder, slot.state());
            if (failure != null) {
                encoderFailed(encoder, failure);
            }
        } finally {
            slot.exit();
        }
    }

    /** The appending itself, apart from the guard so the JIT sees a small hot method; an encoder's failure or null. */
    private <E> RuntimeException encodeAndPublish(E event, LogLevel level, long eventMillis, EventEncoder<E> encoder,
            EventBytes out) {
        try {
            if (pipeline.dropIfRefused(level, out.lastLength(), eventMillis)) {
                return null;
            }
            out.clear();
            encoder.encode(event, out);
            int length = out.finish();
            if (length > 0) {
                pipeline.publish(out.array(), 0, length, level);
            }
            out.clear(); // keeps no reference to an array the encoder made
            return null;
        } catch (RuntimeException e) {
            return e;
        } catch (Throwable e) {
            Containment.rethrowIfFatal(e);
            contained(e);
            return null;
        }
    }

    /** Counts the failure, then reports the 1st, 2nd, 4th, 8th, ... so a broken encoder cannot flood the statuses. */
    private void encoderFailed(EventEncoder<?> encoder, RuntimeException failure) {
        metrics.eventDropped(DropReason.ENCODER_FAILED);
        long n = encoderFailures.incrementAndGet();
        encoder.failed(failure);
        if (Long.bitCount(n) == 1) {
            status.error("osslog: the encoder of appender [" + name() + "] failed on " + n
                    + " event(s) so far; they were dropped", failure);
        }
    }

    /** Counts an event lost to {@code e} and reports it as an error, at most once a minute. */
    private void contained(Throwable e) {
        metrics.eventDropped(DropReason.INTERNAL_ERROR);
        long count = containment.failed();
        if (count > 0) {
            status.error(Containment.describe("appending to [" + name() + "]", e, count), e);
        }
    }

    /**
     * For an adapter's early-drop filter, which runs before the framework builds the event and calls this only once
     * it knows the sink is the event's only destination: counts a drop and answers true when {@link #append} would
     * drop an event of {@code loggerName} and {@code level} before encoding it, under the reason append would count.
     * False, counting nothing, when append must see the event (a re-entrant one included, which append counts as
     * such). Never throws but the errors of a failing JVM.
     */
    public boolean dropUnbuiltIfRefused(String loggerName, LogLevel level) {
        try {
            if (dropIfOwnHttpClient(loggerName)) {
                return true;
            }
            ReentryGuard.Slot<EventBytes> slot = guard.enter();
            if (slot == null) {
                return false;
            }
            try {
                // the same estimate append would use: this thread's previous event
                return pipeline.dropIfRefused(level, slot.state().lastLength(), RingBuffer.NO_EVENT_TIME);
            } finally {
                slot.exit();
            }
        } catch (Throwable e) {
            Containment.rethrowIfFatal(e);
            return false; // the event then takes the usual path, where append handles it
        }
    }

    /**
     * A cheap first test for an early-drop filter, counting nothing: false when the ring cannot refuse an event of
     * {@code level} now; true promises nothing ({@link #dropUnbuiltIfRefused} decides).
     */
    public boolean mayRefuse(LogLevel level) {
        return pipeline.mayRefuse(level);
    }

    /**
     * Whether adapters should add their early-drop filters (docs/early-drop.md): {@code earlyDrop} is on and the ring
     * can refuse an event at all (under {@code DROP_NEWEST}, or with a {@code discardLevel}).
     */
    public boolean wantsEarlyDrop() {
        PipelineConfig config = pipeline.config();
        return config.earlyDrop()
                && (config.overflowPolicy() == OverflowPolicy.DROP_NEWEST || config.discardLevel() != null);
    }

    private boolean dropIfOwnHttpClient(String loggerName) {
        if (loggerName != null && loggerName.startsWith(HTTP_CLIENT_LOGGERS)) {
            metrics.eventDropped(DropReason.OWN_HTTP_CLIENT);
            return true;
        }
        return false;
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

    /** The pipeline's counters, read-only (also registered with JMX while it runs). */
    public PipelineMXBean metrics() {
        return metrics;
    }

    /** The running pipeline. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** The OSS client this sink appends through. */
    public OssClient client() {
        return client;
    }

    private String name() {
        return pipeline.config().name();
    }

    @Override
    public String toString() {
        return "LogSink{" + name() + " -> " + client + '}';
    }
}
