package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.ShutdownReport;
import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.PublishResult;
import io.github.osslog.core.internal.buffer.RingBuffer;
import io.github.osslog.core.internal.metrics.JmxRegistration;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import io.github.osslog.core.store.AppendableStore;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The running pipeline: application threads (through the adapters' {@code LogSink}) {@link #publish} encoded events
 * into a bounded buffer, one shipper thread appends them in batches to the store (DESIGN §2). {@link #start()} never waits for the store;
 * {@link #stop(Duration)} never waits past its budget. Thread-safe.
 */
public final class Pipeline {
    private final PipelineConfig config;
    private final InternalLogger logger;
    private final RingBuffer ring;
    private final PipelineMetrics metrics;
    private final BatchLoop loop;
    private final AppendEngine engine;
    private final LongSupplier nanoTime;
    private final Thread thread;
    private final Object lifecycle = new Object();
    private volatile boolean stopped;
    private boolean started;
    private JmxRegistration jmx;
    private ShutdownReport report;

    private Pipeline(PipelineConfig config, AppendableStore store, InternalLogger logger) {
        this.config = config;
        this.logger = logger;
        Ticker ticker = config.ticker();
        Sleeper sleeper = ticker.newSleeper();
        this.nanoTime = ticker::nanoTime;
        RingBuffer.Builder rb = RingBuffer.builder().capacityBytes(config.bufferSize())
                .maxEventBytes(config.maxEventSize()).overflowPolicy(config.overflowPolicy())
                .blockTimeout(config.blockTimeout()).clock(config.clock());
        if (config.discardLevel() != null) {
            rb.discardBelow(config.discardLevel(), config.discardThreshold());
        }
        this.ring = rb.build();
        this.metrics = new PipelineMetrics(config.clock(), ring::usedBytes,
                () -> new TreeMap<>(ring.drops().byReason()));
        Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.engine = new AppendEngine(config, store, backoff, sleeper, nanoTime, metrics, logger);
        this.loop = new BatchLoop(config, ring, engine, metrics, logger, nanoTime);
        metrics.inFlight(this::eventsInFlight, () -> ring.usedBytes() + loop.batchBytes() + loop.spoolBytes());
        this.thread = new Thread(loop, "osslog-shipper-" + config.name());
        thread.setDaemon(true);
    }

    /**
     * Creates a stopped pipeline; nothing touches the store until {@link #start()}.
     *
     * @throws IllegalArgumentException when {@code maxObjectSize} exceeds what the store allows
     */
    public static Pipeline create(PipelineConfig config, AppendableStore store, InternalLogger logger) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(logger, "logger");
        long storeMax = store.limits().maxObjectSize();
        if (config.maxObjectSize() > storeMax) {
            throw new IllegalArgumentException("maxObjectSize (" + Sizes.format(config.maxObjectSize())
                    + ") exceeds the store's limit (" + Sizes.format(storeMax) + ")");
        }
        return new Pipeline(config, store, logger);
    }

    /**
     * Opens and locks the spool directory if one is configured (a problem with it is reported as an error and the
     * pipeline runs without a spool), starts the shipper thread, which replays the spool first, and registers the
     * JMX MBean; returns at once, never waiting for the store. Idempotent.
     */
    public void start() {
        synchronized (lifecycle) {
            if (started || stopped) {
                return;
            }
            started = true;
            jmx = JmxRegistration.register(config.name(), metrics, logger);
            loop.useSpool(SpoolSession.open(config, ring, metrics, logger));
            thread.start();
        }
    }

    /**
     * Publishes a copy of {@code data[off, off + len)} (a null {@code data} is an empty event). Never blocks, except
     * under {@code BLOCK} overflow policy for at most the block timeout; never throws for a full buffer.
     */
    public PublishResult publish(byte[] data, int off, int len, LogLevel level) {
        if (dropIfStoppedOrShipperThread()) {
            return PublishResult.DROPPED;
        }
        PublishResult result = ring.publish(data, off, len, level);
        if (result != PublishResult.DROPPED) {
            metrics.eventAccepted(Math.min(data == null ? 0 : len, config.maxEventSize()),
                    result == PublishResult.TRUNCATED);
        }
        return result;
    }

    /**
     * Counts a drop and answers true when an event of {@code level} and about {@code expectedLength} bytes would be
     * dropped now, so the caller can skip encoding it; see {@link RingBuffer#dropIfRefused(LogLevel, int, long)}. A
     * false answer promises nothing: publish it as usual. {@code eventMillis} is the event's timestamp.
     */
    public boolean dropIfRefused(LogLevel level, int expectedLength, long eventMillis) {
        return dropIfStoppedOrShipperThread() || ring.dropIfRefused(level, expectedLength, eventMillis);
    }

    /** A first test that counts nothing; see {@link RingBuffer#mayRefuse(LogLevel)}. */
    public boolean mayRefuse(LogLevel level) {
        return ring.mayRefuse(level);
    }

    /**
     * Drops (and counts) events after stop, and events logged by the shipper thread itself (e.g. an HTTP library's
     * own logging routed back to this appender): shipping them would make more of them, and under the BLOCK policy
     * the shipper would wait for room only it can make.
     */
    private boolean dropIfStoppedOrShipperThread() {
        if (stopped) {
            metrics.eventDropped(DropReason.PIPELINE_STOPPED);
            return true;
        }
        if (Thread.currentThread() == thread) {
            metrics.eventDropped(DropReason.SHIPPER_THREAD);
            return true;
        }
        return false;
    }

    /**
     * Waits until every event published before this call has been shipped (or failed for good, or was discarded
     * by the {@code DROP_OLDEST} policy), at most {@code timeout}; with a spool, until the spool is empty too.
     * Returns whether that happened in time.
     */
    public boolean flush(Duration timeout) {
        long target = metrics.getEventsAccepted();
        loop.requestFlush(target);
        try {
            return loop.awaitSettled(() -> loop.accountedFor() >= target && !loop.spoolBacklog(),
                    timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops within the configured {@code shutdownTimeout}; see {@link #stop(Duration)}. */
    public ShutdownReport stop() {
        return stop(config.shutdownTimeout());
    }

    /**
     * Refuses new events, ships what it can within {@code budget}, then ends the shipper thread and unregisters
     * the MBean. With a spool, what cannot be shipped is spooled instead: the shipper stops retrying at three
     * quarters of the budget, leaving the rest for the disk. Never waits longer than {@code budget}. Later calls
     * return the first report.
     */
    public ShutdownReport stop(Duration budget) {
        synchronized (lifecycle) {
            if (report != null) {
                return report;
            }
            long start = nanoTime.getAsLong();
            stopped = true;
            long budgetNanos = budget.toNanos();
            long shipNanos = config.spoolDirectory() == null ? budgetNanos : budgetNanos - budgetNanos / 4;
            loop.requestStop(start + shipNanos);
            boolean ended = !started;
            if (started) {
                ended = join(start + budget.toNanos());
                if (!ended) {
                    thread.interrupt();
                }
                jmx.close();
            }
            long notShipped = metrics.getEventsAccepted() - loop.accountedFor();
            long spooled = loop.spooledEvents();
            report = new ShutdownReport(metrics.getEventsShipped(), notShipped, spooled, metrics.getEventsDropped(),
                    metrics.getEventsFailed(), !ended || notShipped > 0,
                    Duration.ofNanos(nanoTime.getAsLong() - start));
            if (notShipped > 0) {
                logger.warn("osslog pipeline '" + config.name() + "' stopped with " + notShipped
                        + " events not shipped" + (config.spoolDirectory() != null ? " and not spooled" : "")
                        + " (budget " + budget + ")");
            }
            if (spooled > 0) {
                logger.info("osslog pipeline '" + config.name() + "' left " + spooled + " events in spoolDirectory '"
                        + config.spoolDirectory() + "'; they are shipped when a pipeline next starts with it");
            }
            return report;
        }
    }

    /**
     * Accepted events not yet accounted for (in the ring or the batch being sent; spooled ones count as accounted
     * for) plus the events waiting in the spool. Read in that order: an event that moves from the ring to the spool
     * meanwhile is counted twice rather than not at all, so 0 is never read too early.
     */
    private long eventsInFlight() {
        long accepted = metrics.getEventsAccepted();
        long inMemory = accepted - loop.accountedFor();
        return Math.max(0, inMemory) + loop.spooledEvents();
    }

    /** The pipeline's counters, also registered with JMX while it runs. */
    public PipelineMetrics metrics() {
        return metrics;
    }

    /** The settings this pipeline was created with. */
    public PipelineConfig config() {
        return config;
    }

    private boolean join(long deadline) {
        try {
            long remaining = deadline - nanoTime.getAsLong();
            while (thread.isAlive() && remaining > 0) {
                thread.join(Math.max(1, remaining / 1_000_000L));
                remaining = deadline - nanoTime.getAsLong();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
