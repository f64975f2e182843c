package io.github.osslog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.joran.util.PropertySetter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.github.osslog.core.config.Setting;
import io.github.osslog.core.config.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * The osslog settings as Logback bean setters, one per {@link Setting} under its name: {@link Setting.Kind#SIZE}s
 * are Logback {@link FileSize}s ({@code 64MB}), {@link Setting.Kind#DURATION}s Logback {@link Duration}s
 * ({@code 2 seconds}), the rest strings (two booleans) checked when the appender starts. Not thread-safe: Joran (or
 * the application) configures it before {@code start()}.
 */
public abstract class OssAppenderBase extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** What the setters collected; read by {@code start()}. */
    final Settings settings = new Settings();
    /** {@code keyValue} entries without a name, reported by {@code start()}. */
    final List<String> badKeyValues = new ArrayList<>();

    /** The OSS endpoint, e.g. {@code oss-cn-hangzhou.aliyuncs.com} or {@code http://127.0.0.1:9000}. */
    public void setEndpoint(String value) {
        settings.set(Setting.ENDPOINT, value);
    }

    /** The bucket the logs go to. */
    public void setBucket(String value) {
        settings.set(Setting.BUCKET, value);
    }

    /** The region for V4 signing, e.g. {@code cn-hangzhou}; derived from {@code *.aliyuncs.com} endpoints. */
    public void setRegion(String value) {
        settings.set(Setting.REGION, value);
    }

    /** The access key id; without it, the environment or the ECS RAM role supply credentials. */
    public void setAccessKeyId(String value) {
        settings.set(Setting.ACCESS_KEY_ID, value);
    }

    /** The access key secret; never echoed. */
    public void setAccessKeySecret(String value) {
        settings.set(Setting.ACCESS_KEY_SECRET, value);
    }

    /** The STS security token of temporary credentials; never echoed. */
    public void setSecurityToken(String value) {
        settings.set(Setting.SECURITY_TOKEN, value);
    }

    /** The ECS RAM role whose credentials the instance metadata service supplies. */
    public void setEcsRoleName(String value) {
        settings.set(Setting.ECS_ROLE_NAME, value);
    }

    /** {@code V4} (default) or {@code V1}. */
    public void setSignatureVersion(String value) {
        settings.set(Setting.SIGNATURE_VERSION, value);
    }

    /** The URL style; by default virtual-hosted for OSS endpoints and path style for local ones. */
    public void setUrlStyle(String value) {
        settings.set(Setting.URL_STYLE, value);
    }

    /** The object key pattern, e.g. {@code logs/%d{yyyy-MM-dd}/%host-%pid-%i.log}. */
    public void setObjectKeyPattern(String value) {
        settings.set(Setting.OBJECT_KEY_PATTERN, value);
    }

    /** The time zone of the key pattern's dates (default UTC). */
    public void setTimeZone(String value) {
        settings.set(Setting.TIME_ZONE, value);
    }

    /** The size at which the shipper rolls to a new object, e.g. {@code 1GB}. */
    public void setMaxObjectSize(FileSize size) {
        setSize(Setting.MAX_OBJECT_SIZE, size);
    }

    /** {@code NONE} (default) or {@code GZIP}. */
    public void setCompression(String value) {
        settings.set(Setting.COMPRESSION, value);
    }

    /** The gzip level: {@code 1} (fastest, default) to {@code 9} (smallest). */
    public void setCompressionLevel(String value) {
        settings.set(Setting.COMPRESSION_LEVEL, value);
    }

    /** The size of the in-memory buffer, e.g. {@code 64MB}. */
    public void setBufferSize(FileSize size) {
        setSize(Setting.BUFFER_SIZE, size);
    }

    /** Longer events are truncated with a marker, e.g. {@code 256KB}. */
    public void setMaxEventSize(FileSize size) {
        setSize(Setting.MAX_EVENT_SIZE, size);
    }

    /** The largest append, e.g. {@code 4MB}. */
    public void setBatchMaxBytes(FileSize size) {
        setSize(Setting.BATCH_MAX_BYTES, size);
    }

    /** How long events may wait before they are appended, e.g. {@code 1 second}. */
    public void setFlushInterval(Duration duration) {
        setDuration(Setting.FLUSH_INTERVAL, duration);
    }

    /** {@code DROP_NEWEST} (default), {@code DROP_OLDEST} or {@code BLOCK} when the buffer is full. */
    public void setOverflowPolicy(String value) {
        settings.set(Setting.OVERFLOW_POLICY, value);
    }

    /** How long the {@code BLOCK} overflow policy waits for room, e.g. {@code 1 second}. */
    public void setBlockTimeout(Duration duration) {
        setDuration(Setting.BLOCK_TIMEOUT, duration);
    }

    /** Events below this level are discarded once the buffer is {@code discardThreshold} full. */
    public void setDiscardLevel(String value) {
        settings.set(Setting.DISCARD_LEVEL, value);
    }

    /** How full the buffer may get before {@code discardLevel} applies: {@code 0.8} or {@code 80%}. */
    public void setDiscardThreshold(String value) {
        settings.set(Setting.DISCARD_THRESHOLD, value);
    }

    /** {@code false} keeps the appender from dropping refused calls before Logback builds them (docs/early-drop.md). */
    public void setEarlyDrop(String value) {
        settings.set(Setting.EARLY_DROP, value);
    }

    /** The {@code Content-Type} of new objects. */
    public void setContentType(String value) {
        settings.set(Setting.CONTENT_TYPE, value);
    }

    /** The storage class of new objects: {@code Standard}, {@code IA} or {@code Archive}. */
    public void setStorageClass(String value) {
        settings.set(Setting.STORAGE_CLASS, value);
    }

    /** The ACL of new objects. */
    public void setObjectAcl(String value) {
        settings.set(Setting.OBJECT_ACL, value);
    }

    /** Server-side encryption of new objects: {@code AES256}, {@code KMS} or {@code SM4}. */
    public void setServerSideEncryption(String value) {
        settings.set(Setting.SERVER_SIDE_ENCRYPTION, value);
    }

    /** User metadata of new objects: {@code name=value} pairs separated by commas. */
    public void setMetadata(String value) {
        settings.set(Setting.METADATA, value);
    }

    /** Tags of new objects, e.g. {@code team=payments&env=prod}. */
    public void setTagging(String value) {
        settings.set(Setting.TAGGING, value);
    }

    /** The first retry delay, e.g. {@code 100 milliseconds}. */
    public void setInitialBackoff(Duration duration) {
        setDuration(Setting.INITIAL_BACKOFF, duration);
    }

    /** The longest retry delay, e.g. {@code 30 seconds}. */
    public void setMaxBackoff(Duration duration) {
        setDuration(Setting.MAX_BACKOFF, duration);
    }

    /** The HTTP connect timeout. */
    public void setConnectTimeout(Duration duration) {
        setDuration(Setting.CONNECT_TIMEOUT, duration);
    }

    /** The HTTP read timeout. */
    public void setReadTimeout(Duration duration) {
        setDuration(Setting.READ_TIMEOUT, duration);
    }

    /** The HTTP write timeout. */
    public void setWriteTimeout(Duration duration) {
        setDuration(Setting.WRITE_TIMEOUT, duration);
    }

    /** The timeout of a whole HTTP call. */
    public void setCallTimeout(Duration duration) {
        setDuration(Setting.CALL_TIMEOUT, duration);
    }

    /** How long {@code stop()} may take to ship what is buffered, e.g. {@code 10 seconds}. */
    public void setShutdownTimeout(Duration duration) {
        setDuration(Setting.SHUTDOWN_TIMEOUT, duration);
    }

    /** Whether each append carries a {@code Content-MD5} header. */
    public void setSendContentMd5(boolean send) {
        settings.set(Setting.SEND_CONTENT_MD5, Boolean.toString(send));
    }

    /**
     * A PEM file of the certificates to trust for an HTTPS endpoint (a private CA or a self-signed certificate),
     * instead of the system's CAs. Verification, including the host name, always stays on; unset: system CAs.
     */
    public void setTrustedCertificates(String value) {
        settings.set(Setting.TRUSTED_CERTIFICATES, value);
    }

    /**
     * A local directory for batches that cannot be shipped in time (an outage, stop): they are replayed in order,
     * also after a restart. One per process and appender; unset (default): no spool.
     */
    public void setSpoolDirectory(String value) {
        settings.set(Setting.SPOOL_DIRECTORY, value);
    }

    /** The most disk the spool may take, e.g. {@code 1GB} (default). */
    public void setSpoolMaxBytes(FileSize size) {
        setSize(Setting.SPOOL_MAX_BYTES, size);
    }

    /**
     * {@code true} reports configuration problems as error statuses instead of warnings, so that Spring Boot, which
     * fails start-up on any Logback error status, fails fast (docs/configuration-errors.md). Default {@code false}.
     */
    public void setStrictConfiguration(boolean strict) {
        settings.set(Setting.STRICT_CONFIGURATION, Boolean.toString(strict));
    }

    /**
     * A value for the object key pattern's {@code %{name}} token, written {@code name=value}; repeat the element
     * for several ({@code <keyValue>app=shop</keyValue>}). {@code %{context}} is always the Logback context name.
     */
    public void addKeyValue(String entry) {
        int eq = entry == null ? -1 : entry.indexOf('=');
        if (eq <= 0) {
            badKeyValues.add(entry);
        } else {
            settings.keyValue(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
    }

    private void setSize(Setting setting, FileSize size) {
        if (size == null) {
            settings.set(setting, null);
        } else {
            settings.setBytes(setting, size.getSize());
        }
    }

    private void setDuration(Setting setting, Duration duration) {
        settings.setDuration(setting,
                duration == null ? null : java.time.Duration.ofMillis(duration.getMilliseconds()));
    }

    /**
     * One problem text per value Joran could not convert for this appender: Joran only warns and skips the setter
     * (e.g. {@code <bufferSize>lots</bufferSize>}), which would leave the appender running on a default the user
     * did not choose.
     */
    List<String> valuesJoranRejected() {
        List<String> problems = new ArrayList<>();
        if (getContext() == null) {
            return problems;
        }
        for (Status status : getContext().getStatusManager().getCopyOfStatusList()) {
            Object origin = status.getOrigin();
            if (status.getLevel() >= Status.WARN && origin instanceof PropertySetter
                    && ((PropertySetter) origin).getObj() == this) {
                Setting setting = settingIn(status.getMessage());
                if (setting != null) {
                    String example = setting.kind().example();
                    problems.add(setting.property() + ": Logback could not read the value ("
                            + status.getMessage().trim() + "): "
                            + (example == null ? "check the value" : "write " + example));
                }
            }
        }
        return problems;
    }

    /** The setting a Joran message names in brackets ({@code [bufferSize]}), or null. */
    private static Setting settingIn(String message) {
        for (Setting setting : Setting.values()) {
            if (message != null && message.contains("[" + setting.property() + "]")) {
                return setting;
            }
        }
        return null;
    }
}
