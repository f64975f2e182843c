package io.github.osslog.log4j2;

import io.github.osslog.core.config.Setting;
import io.github.osslog.core.config.Settings;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.core.sink.Containment;
import io.github.osslog.core.sink.EventBytes;
import io.github.osslog.core.sink.EventEncoder;
import io.github.osslog.core.internal.pipeline.Ticker;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.validation.constraints.Required;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The {@code <Oss>} Log4j2 appender: encodes each event with its layout on the logging thread and hands the bytes
 * to an osslog shipper, which appends them in batches to Alibaba Cloud OSS appendable objects. It never does I/O on
 * the logging thread; a full buffer drops and counts the event, before Log4j2 builds it when osslog is its only
 * destination ({@link EarlyDropFilter}). Thread-safe.
 */
@Plugin(name = "Oss", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class OssAppender extends AbstractAppender {
    /** The layout used when none is configured: ISO-8601 time with offset, level, thread, logger, message. */
    public static final String DEFAULT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger - %message%n%throwable";

    private final OssManager manager;
    private final Configuration configuration;
    /** The layout when it is a PatternLayout writing UTF-8, whose text this appender encodes itself; else null. */
    private final PatternLayout utf8Pattern;
    /** Each thread's reused destination for another string layout's {@code encode}. */
    private final ThreadLocal<EncodeBuffer> destinations = ThreadLocal.withInitial(EncodeBuffer::new);
    /** Made once: the sink calls it for each event it does not refuse. */
    private final EventEncoder<LogEvent> eventEncoder = new EventEncoder<>() {
        @Override
        public void encode(LogEvent event, EventBytes out) {
            encodeInto(event, out);
        }

        /** Log4j2's error handler gets the layout's exception, and rethrows it when ignoreExceptions="false". */
        @Override
        public void failed(RuntimeException failure) {
            throw failure;
        }
    };
    private volatile EarlyDropFilter earlyDrop;

    private OssAppender(String name, Filter filter, Layout<? extends Serializable> layout, boolean ignoreExceptions,
            Property[] properties, OssManager manager, Configuration configuration) {
        super(name, filter, layout, ignoreExceptions, properties);
        this.manager = manager;
        this.configuration = configuration;
        this.utf8Pattern = layout instanceof PatternLayout
                && StandardCharsets.UTF_8.equals(((PatternLayout) layout).getCharset()) ? (PatternLayout) layout : null;
    }

    @PluginBuilderFactory
    public static <B extends Builder<B>> B newBuilder() {
        return new Builder<B>().asBuilder();
    }

    /**
     * Encodes {@code event} here, since Log4j2 reuses event objects once this returns, into this thread's reused
     * buffers (so string layouts allocate nothing), then copies the bytes into the osslog buffer; the core's
     * {@code LogSink} runs the append protocol (re-entry, dropping before encoding, containment). A PatternLayout
     * writing UTF-8 renders its text ({@code serialize}, as its own {@code encode} does) and the JDK's UTF-8 encoder
     * makes the bytes (docs/log4j2-adapter.md). A layout's exception is counted as a drop and goes to Log4j2, which
     * reports it, or rethrows it when {@code ignoreExceptions="false"}; an event dropped for a full buffer is no
     * exception. Other layouts go through {@code toByteArray}; one that returns null or no bytes ships nothing.
     */
    @Override
    public void append(LogEvent event) {
        manager.sink().append(event, event.getLoggerName(), Levels.of(event.getLevel()), event.getTimeMillis(),
                eventEncoder);
    }

    private void encodeInto(LogEvent event, EventBytes out) {
        Layout<? extends Serializable> layout = getLayout();
        if (utf8Pattern != null) {
            // what PatternLayout.encode does, with the JDK's UTF-8 encoder instead of Log4j2's (faster)
            utf8Pattern.serialize(event, out.text());
        } else if (layout instanceof AbstractStringLayout) {
            // string layouts encode without a String or byte[] per event
            EncodeBuffer destination = destinations.get();
            destination.clear();
            layout.encode(event, destination);
            out.encoded(destination.array(), destination.length());
        } else {
            byte[] bytes = layout.toByteArray(event);
            out.encoded(bytes, bytes == null ? 0 : bytes.length);
        }
    }

    /** Starts, and adds an {@link EarlyDropFilter} to the configuration when the buffer can refuse events. */
    @Override
    public void start() {
        super.start();
        try {
            if (earlyDrop == null) {
                earlyDrop = EarlyDropFilter.install(this, configuration);
            }
        } catch (Throwable e) { // the appender works without its filter
            Containment.rethrowIfFatal(e);
            LOGGER.error("Oss appender '{}' drops refused events after Log4j2 builds them: {}", getName(),
                    e.getClass().getName());
        }
    }

    /**
     * Ships what it can within {@code timeout} when this is the last appender using its shipper (bounded); takes its
     * {@link EarlyDropFilter} out of the configuration first.
     */
    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = false;
        try {
            EarlyDropFilter filter = earlyDrop;
            if (filter != null) {
                earlyDrop = null;
                filter.uninstall();
            }
            stopped = super.stop(timeout, timeUnit, false);
            stopped &= manager.stop(timeout, timeUnit);
        } catch (Throwable e) {
            Containment.rethrowIfFatal(e);
            LOGGER.error("Oss appender '{}' did not stop cleanly ({}); what it still buffered may be lost", getName(),
                    e.getClass().getName(), e);
        }
        setStopped();
        return stopped;
    }

    /** Waits until every event appended so far is shipped, at most {@code timeout}; whether that happened. */
    public boolean flush(Duration timeout) {
        return manager.flush(timeout);
    }

    /** The shipper's counters, read-only, also in JMX as {@code io.github.osslog:type=Pipeline,name=<name>}. */
    public PipelineMXBean getMetrics() {
        return manager.metrics();
    }

    /** The shared manager; the same object across reconfigurations that keep the settings. */
    public OssManager getManager() {
        return manager;
    }

    @Override
    public String toString() {
        return "OssAppender{" + getName() + ", " + getState() + ", " + manager.getName() + '}';
    }

    /**
     * Builds an {@link OssAppender}; one string attribute per {@link Setting}, under its name, {@code sensitive}
     * for secrets, parsed by the core (sizes {@code 64MB}, durations {@code 2 seconds}, {@code 500ms}, {@code PT2S}).
     * Nested {@code <Property name="app" value="shop"/>} elements give the values of {@code %{app}} in the object
     * key pattern. Each {@code setX} sets the property {@code x}; {@code null} restores its default. Not
     * thread-safe.
     */
    public static class Builder<B extends Builder<B>> extends AbstractAppender.Builder<B>
            implements org.apache.logging.log4j.core.util.Builder<OssAppender> {
        private static final Map<Setting, Field> SETTINGS = settingFields();

        @PluginBuilderAttribute
        @Required(message = "Oss appender: endpoint is missing: set endpoint to your region's OSS endpoint, e.g."
                + " oss-cn-hangzhou.aliyuncs.com")
        private String endpoint;
        @PluginBuilderAttribute
        @Required(message = "Oss appender: bucket is missing: set bucket to the name of your OSS bucket")
        private String bucket;
        @PluginBuilderAttribute private String region;
        @PluginBuilderAttribute(sensitive = true) private String accessKeyId;
        @PluginBuilderAttribute(sensitive = true) private String accessKeySecret;
        @PluginBuilderAttribute(sensitive = true) private String securityToken;
        @PluginBuilderAttribute private String ecsRoleName;
        @PluginBuilderAttribute private String signatureVersion;
        @PluginBuilderAttribute private String urlStyle;
        @PluginBuilderAttribute private String objectKeyPattern;
        @PluginBuilderAttribute private String timeZone;
        @PluginBuilderAttribute private String maxObjectSize;
        @PluginBuilderAttribute private String compression;
        @PluginBuilderAttribute private String compressionLevel;
        @PluginBuilderAttribute private String bufferSize;
        @PluginBuilderAttribute private String maxEventSize;
        @PluginBuilderAttribute private String batchMaxBytes;
        @PluginBuilderAttribute private String flushInterval;
        @PluginBuilderAttribute private String overflowPolicy;
        @PluginBuilderAttribute private String blockTimeout;
        @PluginBuilderAttribute private String discardLevel;
        @PluginBuilderAttribute private String discardThreshold;
        @PluginBuilderAttribute private String earlyDrop;
        @PluginBuilderAttribute private String contentType;
        @PluginBuilderAttribute private String storageClass;
        @PluginBuilderAttribute private String objectAcl;
        @PluginBuilderAttribute private String serverSideEncryption;
        @PluginBuilderAttribute private String metadata;
        @PluginBuilderAttribute private String tagging;
        @PluginBuilderAttribute private String initialBackoff;
        @PluginBuilderAttribute private String maxBackoff;
        @PluginBuilderAttribute private String connectTimeout;
        @PluginBuilderAttribute private String readTimeout;
        @PluginBuilderAttribute private String writeTimeout;
        @PluginBuilderAttribute private String callTimeout;
        @PluginBuilderAttribute private String shutdownTimeout;
        @PluginBuilderAttribute private String sendContentMd5;
        @PluginBuilderAttribute private String trustedCertificates;
        @PluginBuilderAttribute private String spoolDirectory;
        @PluginBuilderAttribute private String spoolMaxBytes;
        /** Accepted for symmetry with Logback: Log4j2 reports problems as errors and starts either way. */
        @PluginBuilderAttribute private String strictConfiguration;
        /** The clock for key dates and signing; no attribute: tests set it (as Logback's package-level settings). */
        Clock clock;

        /** The pipeline's monotonic time and retry waits; no attribute: tests set one that skips waits. */
        Ticker ticker;

        public B setEndpoint(String endpoint) {
            this.endpoint = endpoint;
            return asBuilder();
        }

        public B setBucket(String bucket) {
            this.bucket = bucket;
            return asBuilder();
        }

        public B setRegion(String region) {
            this.region = region;
            return asBuilder();
        }

        public B setAccessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
            return asBuilder();
        }

        public B setAccessKeySecret(String accessKeySecret) {
            this.accessKeySecret = accessKeySecret;
            return asBuilder();
        }

        public B setSecurityToken(String securityToken) {
            this.securityToken = securityToken;
            return asBuilder();
        }

        public B setEcsRoleName(String ecsRoleName) {
            this.ecsRoleName = ecsRoleName;
            return asBuilder();
        }

        public B setSignatureVersion(String signatureVersion) {
            this.signatureVersion = signatureVersion;
            return asBuilder();
        }

        public B setUrlStyle(String urlStyle) {
            this.urlStyle = urlStyle;
            return asBuilder();
        }

        public B setObjectKeyPattern(String objectKeyPattern) {
            this.objectKeyPattern = objectKeyPattern;
            return asBuilder();
        }

        public B setTimeZone(String timeZone) {
            this.timeZone = timeZone;
            return asBuilder();
        }

        public B setMaxObjectSize(String maxObjectSize) {
            this.maxObjectSize = maxObjectSize;
            return asBuilder();
        }

        public B setCompression(String compression) {
            this.compression = compression;
            return asBuilder();
        }

        public B setCompressionLevel(String compressionLevel) {
            this.compressionLevel = compressionLevel;
            return asBuilder();
        }

        public B setBufferSize(String bufferSize) {
            this.bufferSize = bufferSize;
            return asBuilder();
        }

        public B setMaxEventSize(String maxEventSize) {
            this.maxEventSize = maxEventSize;
            return asBuilder();
        }

        public B setBatchMaxBytes(String batchMaxBytes) {
            this.batchMaxBytes = batchMaxBytes;
            return asBuilder();
        }

        public B setFlushInterval(String flushInterval) {
            this.flushInterval = flushInterval;
            return asBuilder();
        }

        public B setOverflowPolicy(String overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
            return asBuilder();
        }

        public B setBlockTimeout(String blockTimeout) {
            this.blockTimeout = blockTimeout;
            return asBuilder();
        }

        public B setDiscardLevel(String discardLevel) {
            this.discardLevel = discardLevel;
            return asBuilder();
        }

        public B setDiscardThreshold(String discardThreshold) {
            this.discardThreshold = discardThreshold;
            return asBuilder();
        }

        public B setEarlyDrop(String earlyDrop) {
            this.earlyDrop = earlyDrop;
            return asBuilder();
        }

        public B setContentType(String contentType) {
            this.contentType = contentType;
            return asBuilder();
        }

        public B setStorageClass(String storageClass) {
            this.storageClass = storageClass;
            return asBuilder();
        }

        public B setObjectAcl(String objectAcl) {
            this.objectAcl = objectAcl;
            return asBuilder();
        }

        public B setServerSideEncryption(String serverSideEncryption) {
            this.serverSideEncryption = serverSideEncryption;
            return asBuilder();
        }

        public B setMetadata(String metadata) {
            this.metadata = metadata;
            return asBuilder();
        }

        public B setTagging(String tagging) {
            this.tagging = tagging;
            return asBuilder();
        }

        public B setInitialBackoff(String initialBackoff) {
            this.initialBackoff = initialBackoff;
            return asBuilder();
        }

        public B setMaxBackoff(String maxBackoff) {
            this.maxBackoff = maxBackoff;
            return asBuilder();
        }

        public B setConnectTimeout(String connectTimeout) {
            this.connectTimeout = connectTimeout;
            return asBuilder();
        }

        public B setReadTimeout(String readTimeout) {
            this.readTimeout = readTimeout;
            return asBuilder();
        }

        public B setWriteTimeout(String writeTimeout) {
            this.writeTimeout = writeTimeout;
            return asBuilder();
        }

        public B setCallTimeout(String callTimeout) {
            this.callTimeout = callTimeout;
            return asBuilder();
        }

        public B setShutdownTimeout(String shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return asBuilder();
        }

        public B setSendContentMd5(String sendContentMd5) {
            this.sendContentMd5 = sendContentMd5;
            return asBuilder();
        }

        public B setTrustedCertificates(String trustedCertificates) {
            this.trustedCertificates = trustedCertificates;
            return asBuilder();
        }

        public B setSpoolDirectory(String spoolDirectory) {
            this.spoolDirectory = spoolDirectory;
            return asBuilder();
        }

        public B setSpoolMaxBytes(String spoolMaxBytes) {
            this.spoolMaxBytes = spoolMaxBytes;
            return asBuilder();
        }

        public B setStrictConfiguration(String strictConfiguration) {
            this.strictConfiguration = strictConfiguration;
            return asBuilder();
        }

        /**
         * Returns the appender, or {@code null} (Log4j2's "not built") after reporting every bad setting to the
         * status logger with its name and the fix. Never throws for bad configuration.
         */
        @Override
        public OssAppender build() {
            try {
                return buildChecked();
            } catch (Throwable e) {
                Containment.rethrowIfFatal(e);
                LOGGER.error("Oss appender '{}' not created: {}", getName(), whyNotBuilt(e), e);
                return null;
            }
        }

        /** Why building failed; a class that does not load means a mixed class path (docs/dependencies.md). */
        static String whyNotBuilt(Throwable e) {
            return e instanceof LinkageError ? "a class it needs does not load (" + e + "): keep exactly one"
                    + " osslog-log4j2 jar (the Maven artifact or the -all drop-in jar, which carry their own OkHttp,"
                    + " Okio, Kotlin and Caffeine) and no separate osslog-core on the class path"
                    : e.getClass().getName();
        }

        private OssAppender buildChecked() {
            Map<String, String> keyValues = keyValues();
            Settings settings = new Settings();
            for (Map.Entry<Setting, Field> setting : SETTINGS.entrySet()) {
                settings.set(setting.getKey(), read(setting.getValue()));
            }
            keyValues.forEach(settings::keyValue);
            if (clock != null) {
                settings.clock(clock);
            }
            if (ticker != null) {
                settings.ticker(ticker);
            }
            OssManager manager = OssManager.acquire(getName(), settings);
            if (manager == null) {
                return null;
            }
            Layout<? extends Serializable> layout = getLayout() != null ? getLayout()
                    : PatternLayout.newBuilder().setPattern(DEFAULT_PATTERN).setConfiguration(getConfiguration())
                            .build();
            return new OssAppender(getName(), getFilter(), layout, isIgnoreExceptions(), getPropertyArray(), manager,
                    getConfiguration());
        }

        private Map<String, String> keyValues() {
            Property[] properties = getPropertyArray();
            if (properties == null) {
                return Collections.emptyMap();
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Property p : properties) {
                values.put(p.getName(), p.getValue());
            }
            return values;
        }

        private String read(Field field) {
            try {
                return (String) field.get(this);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The attribute field of every setting; the names are the contract with the user's XML. */
        private static Map<Setting, Field> settingFields() {
            Map<Setting, Field> fields = new LinkedHashMap<>();
            for (Setting setting : Setting.values()) {
                try {
                    fields.put(setting, Builder.class.getDeclaredField(setting.property()));
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException("OssAppender.Builder lacks the attribute '" + setting.property()
                            + "'", e);
                }
            }
            return Collections.unmodifiableMap(fields);
        }
    }
}
