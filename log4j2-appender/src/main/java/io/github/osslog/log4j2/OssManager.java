package io.github.osslog.log4j2;

import io.github.osslog.core.buffer.LogLevel;
import io.github.osslog.core.buffer.PublishResult;
import io.github.osslog.core.config.OsslogConfig;
import io.github.osslog.core.config.PipelineFactory;
import io.github.osslog.core.config.SettingProblem;
import io.github.osslog.core.config.Settings;
import io.github.osslog.core.config.SettingsException;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.core.setup.Containment;
import io.github.osslog.core.setup.LogShipper;
import io.github.osslog.core.setup.ReentryGuard;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;

/**
 * Holds a running {@link LogShipper} (its buffer, shipper thread and HTTP client) for every {@link OssAppender}
 * configured with the same name and settings. Log4j2 counts the appenders using it: a reconfiguration that keeps
 * the settings hands the running shipper to the new appender, so no event is lost; the last appender to stop
 * stops the shipper within its budget. Log4j2 calls the factory, which creates the pipeline, only while no manager
 * of that name runs, under its manager lock, so two configurations never build one twice. Thread-safe.
 */
public final class OssManager extends AbstractManager {
    private static final Factory FACTORY = new Factory();

    private final LogShipper shipper;

    private OssManager(String key, LogShipper shipper) {
        super(null, key);
        this.shipper = shipper;
    }

    /**
     * The running manager for these settings: the one an equal configuration left running (a reconfiguration), or
     * one the factory validates, creates and starts under Log4j2's manager lock; {@code null} after reporting each
     * bad setting to the status logger with its name and the fix.
     */
    static OssManager acquire(String appenderName, Settings settings) {
        String key = ManagerKey.of(appenderName, settings);
        try {
            return getManager(key, FACTORY, new Data(key, appenderName, settings));
        } catch (IllegalStateException e) {
            return null; // the factory returned no manager after reporting why
        }
    }

    /**
     * Publishes a copy of the encoded event {@code event[0, length)}; a full buffer or a stopped shipper drops and
     * counts it rather than throw.
     */
    PublishResult publish(byte[] event, int length, LogLevel level) {
        return shipper.publish(event, 0, length, level);
    }

    /** True (and counted as a drop) when the buffer would drop this event now: skip encoding it. */
    boolean refuses(LogLevel level, int expectedLength, long eventMillis) {
        return shipper.refuses(level, expectedLength, eventMillis);
    }

    /** See {@link LogShipper#mayRefuse(LogLevel)}. */
    boolean mayRefuse(LogLevel level) {
        return shipper.mayRefuse(level);
    }

    /** See {@link LogShipper#wantsEarlyDrop()}. */
    boolean wantsEarlyDrop() {
        return shipper.wantsEarlyDrop();
    }

    /** True (and counted) when events of this logger must not be shipped: osslog's own HTTP client's. */
    boolean refusesLogger(String loggerName) {
        return shipper.refusesLogger(loggerName);
    }

    void countReentrantDrop() {
        countDrop(ReentryGuard.DROP_REASON);
    }

    void countDrop(String reason) {
        shipper.metrics().eventDropped(reason);
    }

    /** Waits until every event published so far is shipped, at most {@code timeout}; whether that happened. */
    public boolean flush(Duration timeout) {
        return shipper.flush(timeout);
    }

    /** The shipper's counters, read-only. */
    public PipelineMXBean metrics() {
        return shipper.metrics();
    }

    /**
     * Stops the shipper when the last appender using this manager stops: ships what it can within the
     * {@code shutdownTimeout} setting, whatever {@code timeout} Log4j2 passes. Log4j2 documents its stop timeouts as
     * hints, and {@code LogManager.shutdown()} passes 50 ms (ContextSelector.DEFAULT_STOP_TIMEOUT), which would cut off
     * any batch still in flight; the setting is the user's word for how long osslog may take. The core reports to the
     * status logger how many events were not shipped.
     */
    @Override
    protected boolean releaseSub(long timeout, TimeUnit timeUnit) {
        return !shipper.stop(shipper.pipeline().config().shutdownTimeout()).timedOut();
    }

    /** What the factory needs to create a manager; its text is the key, which holds no secret. */
    private static final class Data {
        final String key;
        final String appenderName;
        final Settings settings;

        Data(String key, String appenderName, Settings settings) {
            this.key = key;
            this.appenderName = appenderName;
            this.settings = settings;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** Validates the settings and starts a pipeline from them; reports and returns null when it cannot. */
    private static final class Factory implements ManagerFactory<OssManager, Data> {
        @Override
        public OssManager createManager(String key, Data data) {
            OsslogConfig config;
            try {
                config = data.settings.validate(data.appenderName);
            } catch (SettingsException e) {
                for (SettingProblem problem : e.problems()) {
                    LOGGER.error("Oss appender '{}' not created: {}", data.appenderName, problem);
                }
                return null;
            }
            LogShipper shipper = null;
            try {
                shipper = PipelineFactory.create(config, StatusLoggerBridge.INSTANCE);
                shipper.start();
                return new OssManager(key, shipper);
            } catch (Throwable e) {
                Containment.rethrowIfFatal(e);
                LOGGER.error("Oss appender '{}' not created: {}", data.appenderName,
                        OssAppender.Builder.whyNotBuilt(e), e);
                if (shipper != null) {
                    shipper.stop(Duration.ZERO);
                }
                return null;
            }
        }
    }
}
