package io.github.osslog.log4j2;

import io.github.osslog.core.config.OsslogConfig;
import io.github.osslog.core.config.PipelineFactory;
import io.github.osslog.core.config.SettingProblem;
import io.github.osslog.core.config.Settings;
import io.github.osslog.core.config.SettingsException;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.core.sink.Containment;
import io.github.osslog.core.sink.LogSink;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;

/**
 * Holds a running {@link LogSink} (its buffer, shipper thread and HTTP client) for every {@link OssAppender}
 * configured with the same name and settings. Log4j2 counts the appenders using it: a reconfiguration that keeps
 * the settings hands the running shipper to the new appender, so no event is lost; the last appender to stop
 * stops the shipper within its budget. Log4j2 calls the factory, which creates the pipeline, only while no manager
 * of that name runs, under its manager lock, so two configurations never build one twice. Thread-safe.
 */
public final class OssManager extends AbstractManager {
    private static final Factory FACTORY = new Factory();

    private final LogSink shipper;

    private OssManager(String key, LogSink shipper) {
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

    /** What the appenders using this manager append to. */
    LogSink sink() {
        return shipper;
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
            LogSink shipper = null;
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
