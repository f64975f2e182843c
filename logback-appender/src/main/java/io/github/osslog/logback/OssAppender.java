package io.github.osslog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.joran.spi.DefaultClass;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.config.OsslogConfig;
import io.github.osslog.core.config.PipelineFactory;
import io.github.osslog.core.config.SettingProblem;
import io.github.osslog.core.config.SettingsException;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.core.sink.Containment;
import io.github.osslog.core.sink.EventBytes;
import io.github.osslog.core.sink.EventEncoder;
import io.github.osslog.core.sink.LogSink;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Logback appender that ships events into Alibaba Cloud OSS appendable objects. Each event is encoded on the
 * logging thread and copied into the osslog buffer; a background shipper appends batches to OSS. Thread-safe.
 * Like Logback's {@code OutputStreamAppender}, it encodes concurrently unless the encoder declares itself stateful.
 * A plain {@code PatternLayoutEncoder} is run through reused per-thread buffers ({@link PatternWriter}); the core's
 * {@link LogSink} runs the rest of the append protocol (an event the buffer would drop anyway is dropped before it is
 * encoded).
 */
public class OssAppender extends OssAppenderBase {
    /** The pattern of the encoder used when none is configured: UTC ISO-8601 time, level, thread, logger, message. */
    public static final String DEFAULT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{36} - %msg%n%ex";
    private static final String LOGGER_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private final Object lifecycle = new Object();
    /** Made once: the sink calls it for each event it does not refuse. */
    private final EventEncoder<ILoggingEvent> eventEncoder = this::encode;
    private final Object encoderLock = new Object();
    private Encoder<ILoggingEvent> encoder;
    /** Set before {@code started} (volatile) is, so appending threads see it; null: use the encoder. */
    private PatternWriter patternWriter;
    /** Set before {@code started} (volatile) is, so appending threads see it. */
    private boolean statefulEncoder;
    private volatile LogSink sink;
    private volatile boolean filtered;
    /** The shipper and its sharing with equal appenders of later configurations; null while stopped. */
    private SharedSinks.Shared shared;
    private EarlyDrop earlyDrop;
    /** Why the last start failed, for the reminder at the first event; null once started. */
    private volatile String inactiveBecause;
    private final java.util.concurrent.atomic.AtomicBoolean reminded = new java.util.concurrent.atomic.AtomicBoolean();

    /** The encoder that turns events into bytes; a {@link PatternLayoutEncoder} unless a class is given. */
    @DefaultClass(PatternLayoutEncoder.class)
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }

    /**
     * The pipeline's counters, read-only (also in JMX under the appender's name), or {@code null} while stopped.
     */
    public PipelineMXBean getMetrics() {
        LogSink s = sink;
        return s == null ? null : s.metrics();
    }

    /**
     * Waits until the events logged before this call are shipped (or failed for good), at most {@code timeout};
     * returns whether they were, and false while stopped.
     */
    public boolean flush(java.time.Duration timeout) {
        LogSink s = sink;
        return s != null && s.flush(timeout);
    }

    /**
     * Checks the configuration, reporting each problem as a warning status (an error one under
     * {@code strictConfiguration}) naming the property and the fix, and starts shipping only when there is none.
     * Never throws (a virtual-machine error aside) and never waits for OSS: anything that goes wrong leaves the
     * appender stopped with a status saying why.
     */
    @Override
    public void start() {
        synchronized (lifecycle) {
            if (isStarted()) {
                return;
            }
            SharedSinks.Shared acquired = null;
            try {
                acquired = acquire();
                if (acquired != null) {
                    run(acquired);
                }
            } catch (Throwable e) {
                abandon(acquired);
                report(e);
            }
        }
    }

    /**
     * The running shipper of an equal appender of the previous configuration, or a new one; null after reporting
     * the configuration's problems.
     */
    private SharedSinks.Shared acquire() {
        if (getContext() != null && getContext().getName() != null) {
            settings.keyValue("context", getContext().getName());
        }
        StatusLogger status = new StatusLogger(this);
        if (!earlyProblems().isEmpty()) {
            build(status); // reports them with the rest
            return null;
        }
        SharedSinks.Shared acquired = SharedSinks.acquire(getName() + settings.fingerprint(), getName(), this,
                status, () -> build(status));
        if (acquired != null && acquired.status != status) {
            addInfo("osslog: appender [" + getName() + "] took over the running shipper of the previous"
                    + " configuration (same settings): nothing buffered was lost or shipped twice");
        }
        return acquired;
    }

    /**
     * Reports why start failed. osslog's jars carry their own relocated OkHttp, Okio, Kotlin and Caffeine, so a class
     * that does not load means a class path that mixes osslog builds or holds the unshaded core next to an old BOM's
     * libraries (docs/dependencies.md).
     */
    private void report(Throwable e) {
        Containment.rethrowIfFatal(e);
        String why = e instanceof LinkageError ? "a class it needs does not load (" + e + "): keep exactly one"
                + " osslog-logback jar (the Maven artifact or the -all drop-in jar, which carry their own OkHttp, Okio,"
                + " Kotlin and Caffeine) and no separate osslog-core on the class path" : e.getClass().getName();
        configurationProblem("osslog: appender [" + getName() + "] not started: " + why, e);
    }

    /**
     * Reports what keeps the appender from starting: a warning, so that a host which fails start-up on any error
     * status (Spring Boot) still starts, or an error under {@code strictConfiguration} (docs/configuration-errors.md).
     */
    private void configurationProblem(String message, Throwable cause) {
        String before = inactiveBecause;
        inactiveBecause = before == null ? message : before + "; " + message;
        if (settings.strictConfiguration()) {
            addError(message, cause);
        } else {
            addWarn(message, cause);
        }
    }

    /** Undoes what a failed start did, so that no thread or hook is left behind. */
    private void abandon(SharedSinks.Shared acquired) {
        detach();
        sink = null;
        shared = null;
        if (acquired != null) {
            SharedSinks.release(acquired, this, null);
        }
    }

    /** Stops taking events and takes the appender's turbo filter away. */
    private void detach() {
        super.stop();
        if (earlyDrop != null) {
            earlyDrop.remove();
            earlyDrop = null;
        }
    }

    /** Values Joran could not set and key values that are not name=value: the appender must not start. */
    private List<String> earlyProblems() {
        List<String> problems = valuesJoranRejected();
        for (String entry : badKeyValues) {
            problems.add("objectKeyPattern: keyValue '" + entry + "' is not name=value: write e.g."
                    + " <keyValue>app=shop</keyValue> for %{app}");
        }
        return problems;
    }

    /** A new (stopped) shipper, or null after reporting every problem of the configuration. */
    private LogSink build(StatusLogger status) {
        List<String> problems = earlyProblems();
        OsslogConfig config = null;
        try {
            config = settings.validate(getName());
        } catch (SettingsException e) {
            for (SettingProblem p : e.problems()) {
                problems.add(p.toString());
            }
        }
        if (problems.isEmpty()) {
            return PipelineFactory.create(config, status);
        }
        for (String p : problems) {
            configurationProblem("osslog: " + p, null);
        }
        configurationProblem("osslog: appender [" + getName() + "] not started: fix the setting(s) above", null);
        return null;
    }

    private void run(SharedSinks.Shared acquired) {
        LogSink built = acquired.shipper;
        if (encoder == null) {
            encoder = defaultEncoder();
        }
        statefulEncoder = isStateful(encoder);
        patternWriter = statefulEncoder ? null : PatternWriter.of(encoder, this);
        sink = built;
        shared = acquired;
        inactiveBecause = null;
        super.start();
        earlyDrop = EarlyDrop.install(this, built);
        ContextStopListener.ensure(getContext());
    }

    private PatternLayoutEncoder defaultEncoder() {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(getContext());
        e.setPattern(DEFAULT_PATTERN);
        e.setCharset(StandardCharsets.UTF_8);
        e.start();
        return e;
    }

    /** Encodes {@code event} on this thread and hands the bytes to the sink; never throws. */
    @Override
    protected void append(ILoggingEvent event) {
        LogSink s = sink;
        if (s != null) {
            s.append(event, event.getLoggerName(), level(event.getLevel()), event.getTimeStamp(), eventEncoder);
        }
    }

    /** Renders the text through the reused-buffer path, or lets the encoder make the bytes. */
    private void encode(ILoggingEvent event, EventBytes out) {
        PatternWriter writer = patternWriter;
        if (writer != null) {
            writer.write(event, out.text());
        } else {
            byte[] bytes = encodeWithEncoder(event);
            out.encoded(bytes, bytes == null ? 0 : bytes.length);
        }
    }

    private byte[] encodeWithEncoder(ILoggingEvent event) {
        if (statefulEncoder) {
            synchronized (encoderLock) {
                return encoder.encode(event);
            }
        }
        return encoder.encode(event);
    }

    /** Logback 1.6 encoders say whether they must not encode concurrently; older ones could not say. */
    private static boolean isStateful(Encoder<?> encoder) {
        try {
            return encoder.isStateful();
        } catch (LinkageError olderLogback) {
            return false;
        }
    }

    @Override
    public void addFilter(Filter<ILoggingEvent> newFilter) {
        super.addFilter(newFilter);
        filtered = true;
    }

    @Override
    public void clearAllFilters() {
        super.clearAllFilters();
        filtered = false;
    }

    /** For {@link EarlyDrop}: whether no filter of this appender could decide against an event. */
    boolean hasNoFilters() {
        return !filtered;
    }

    /** For {@link EarlyDrop}: the sink while started, else null. */
    LogSink sinkForEarlyDrop() {
        return sink;
    }

    static LogLevel level(Level level) {
        switch (level == null ? Level.INFO_INT : level.toInt()) {
            case Level.ERROR_INT: return LogLevel.ERROR;
            case Level.WARN_INT: return LogLevel.WARN;
            case Level.DEBUG_INT: return LogLevel.DEBUG;
            case Level.TRACE_INT: return LogLevel.TRACE;
            default: return LogLevel.INFO;
        }
    }

    /**
     * Logback prints statuses only while it configures, and some hosts (Spring Boot 2.7) print only its errors: so
     * the first event that reaches an appender whose start failed prints, once, why it is not shipping, unless a
     * status listener already shows the statuses.
     */
    @Override
    public void doAppend(ILoggingEvent event) {
        if (!isStarted()) {
            remindInactive();
        }
        super.doAppend(event);
    }

    private void remindInactive() {
        String why = inactiveBecause;
        if (why != null && getContext() != null
                && getContext().getStatusManager().getCopyOfStatusListenerList().isEmpty()
                && reminded.compareAndSet(false, true)) {
            System.err.println("osslog WARN: appender [" + getName() + "] is not started, so the events logged to it"
                    + " are dropped: " + why + " (docs/configuration-errors.md)");
        }
    }

    /**
     * Ships what is buffered within {@code shutdownTimeout}, then stops; a warning status gives the number of
     * events not shipped when there are any. Inside {@code LoggerContext.reset()} (a reconfiguration) it returns at
     * once instead: the shipper keeps running for an equal appender of the new configuration, and otherwise stops in
     * the background or when the context stops (docs/reconfiguration.md). Idempotent; also runs from the JVM shutdown
     * hook.
     */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            SharedSinks.Shared s = shared;
            if (s == null) {
                return;
            }
            try {
                detach();
                SharedSinks.release(s, this, insideReset() ? getContext() : null);
            } catch (Throwable e) {
                Containment.rethrowIfFatal(e);
                addError("osslog: appender [" + getName() + "] did not stop cleanly (" + e.getClass().getName()
                        + "); what it still buffered may be lost", e);
            } finally {
                shared = null;
                sink = null;
                if (patternWriter != null) {
                    patternWriter.stop();
                    patternWriter = null;
                }
            }
        }
    }

    /**
     * Whether Logback's {@code LoggerContext.reset()} is stopping this appender: a reconfiguration, or the context's
     * own stop (which {@link ContextStopListener} completes). Any other caller gets the stop it asked for.
     */
    private static boolean insideReset() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> "reset".equals(f.getMethodName())
                && LOGGER_CONTEXT.equals(f.getClassName())));
    }

    /** The JVM shutdown hook that stops this appender, or null while stopped (tests run it). */
    Thread exitHook() {
        synchronized (lifecycle) {
            return shared == null ? null : shared.hookThread();
        }
    }
}
