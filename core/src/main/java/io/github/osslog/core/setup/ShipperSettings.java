package io.github.osslog.core.setup;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.auth.CredentialsException;
import io.github.osslog.core.auth.CredentialsProvider;
import io.github.osslog.core.auth.DefaultCredentialsProvider;
import io.github.osslog.core.auth.EcsRamRoleCredentialsProvider;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.buffer.LogLevel;
import io.github.osslog.core.buffer.OverflowPolicy;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.oss.OssEndpoint;
import io.github.osslog.core.oss.OssNames;
import io.github.osslog.core.oss.UrlStyle;
import io.github.osslog.core.pipeline.Compression;
import io.github.osslog.core.pipeline.Pipeline;
import io.github.osslog.core.pipeline.PipelineConfig;
import io.github.osslog.core.sign.SignatureVersion;
import io.github.osslog.core.sink.LogSink;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings both framework adapters expose, under the same names, kept as the strings users wrote and turned
 * into a running {@link LogSink} by {@link #build}: every bad setting is reported with its name and the fix, none
 * throws into the application. Not thread-safe: adapters fill it while configuring.
 */
public final class ShipperSettings {
    /** Every property, in the order the README's configuration table lists them. */
    public static final List<String> PROPERTIES = Collections.unmodifiableList(Arrays.asList(
            "endpoint", "bucket", "region", "accessKeyId", "accessKeySecret", "securityToken", "ecsRoleName",
            "signatureVersion", "urlStyle", "objectKeyPattern", "timeZone", "maxObjectSize", "compression",
            "compressionLevel", "bufferSize", "maxEventSize", "batchMaxBytes", "flushInterval", "overflowPolicy",
            "blockTimeout", "discardLevel", "discardThreshold", "earlyDrop", "contentType", "storageClass", "objectAcl",
            "serverSideEncryption", "metadata", "tagging", "initialBackoff", "maxBackoff", "connectTimeout",
            "readTimeout", "writeTimeout", "callTimeout", "shutdownTimeout", "sendContentMd5", "trustedCertificates",
            "spoolDirectory", "spoolMaxBytes", "strictConfiguration"));
    /** Properties whose values are secrets, the key id included (docs/secrets.md): never echoed in messages. */
    public static final List<String> SECRETS = Collections.unmodifiableList(
            Arrays.asList("accessKeyId", "accessKeySecret", "securityToken"));

    private static final Pattern LEADING_NAME = Pattern.compile("^([a-zA-Z]+)\\b");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> keyValues = new LinkedHashMap<>();
    private Clock clock;
    private Function<String, String> env = System::getenv;

    /**
     * Sets {@code property} to {@code value} as written in the configuration; {@code null} or blank restores the
     * default. Values are checked by {@link #build}.
     *
     * @throws IllegalArgumentException for a property that does not exist (an adapter bug, not a user error)
     */
    public ShipperSettings set(String property, String value) {
        if (!PROPERTIES.contains(property)) {
            throw new IllegalArgumentException("no osslog property '" + property + "'; known: " + PROPERTIES);
        }
        if (value == null || value.trim().isEmpty()) {
            values.remove(property);
        } else {
            values.put(property, value.trim());
        }
        return this;
    }

    /** Sets a size property in bytes (for adapters whose framework parsed it already). */
    public ShipperSettings setBytes(String property, long bytes) {
        return set(property, Long.toString(bytes));
    }

    /** Sets a duration property (for adapters whose framework parsed it already). */
    public ShipperSettings setDuration(String property, Duration duration) {
        return set(property, duration == null ? null : duration.toString());
    }

    /**
     * Whether {@code strictConfiguration} is {@code true}: configuration problems are then reported as errors
     * where a framework distinguishes (Logback), so hosts that fail start-up on errors do (docs/configuration-errors.md).
     */
    public boolean strictConfiguration() {
        return "true".equalsIgnoreCase(values.get("strictConfiguration"));
    }

    /**
     * Every setting and key value as one text, secrets only as a keyed fingerprint (random key per JVM): equal for
     * equal configurations, so an adapter can hand a running shipper to an equal new configuration. Safe to print.
     */
    public String fingerprint() {
        return SettingsFingerprint.of(values, keyValues);
    }

    /** The value as set, or {@code null}. */
    public String get(String property) {
        return values.get(property);
    }

    /** A value for the object key pattern's {@code %{name}} token. */
    public ShipperSettings keyValue(String name, String value) {
        keyValues.put(name, value);
        return this;
    }

    /** The clock for key dates and signing (tests inject a fake one). */
    public ShipperSettings clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Where the default credentials chain reads environment variables (tests inject a map). */
    ShipperSettings env(Function<String, String> env) {
        this.env = env;
        return this;
    }

    /**
     * Checks every setting and builds a stopped shipper named {@code name} (its thread and JMX name).
     *
     * @throws SettingsException listing every bad setting, each with its name and the fix
     */
    public LogSink build(String name, InternalLogger logger) throws SettingsException {
        Problems problems = new Problems();
        OssClientConfig.Builder oss = OssClientConfig.builder();
        PipelineConfig.Builder pipeline = PipelineConfig.builder();
        problems.check("name", () -> pipeline.name(pipelineName(name)));
        if (clock != null) {
            oss.clock(clock);
            pipeline.clock(clock);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            problems.check(v.getKey(), () -> apply(v.getKey(), v.getValue(), oss, pipeline));
        }
        for (Map.Entry<String, String> kv : keyValues.entrySet()) {
            problems.check("objectKeyPattern", () -> pipeline.keyValue(kv.getKey(), kv.getValue()));
        }
        CredentialsProvider credentials = problems.get("accessKeyId", this::credentials);
        if (values.get("endpoint") == null) {
            problems.add("endpoint", "endpoint is missing: set endpoint to your region's OSS endpoint, e.g."
                    + " oss-cn-hangzhou.aliyuncs.com, or http://127.0.0.1:9000 for a local server");
        }
        if (values.get("bucket") == null) {
            problems.add("bucket", "bucket is missing: set bucket to the name of your OSS bucket");
        }
        if (credentials != null) {
            oss.credentials(credentials);
        } else {
            oss.credentials(() -> null); // reported above; lets the remaining checks run
        }
        // Checks of combinations run even after single-value problems, so one pass reports everything.
        OssClientConfig ossConfig = problems.getUnlessReported(oss::build);
        List<String> settled = pipeline.settleConflicts();
        PipelineConfig pipelineConfig = problems.getUnlessReported(pipeline::build);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems.list);
        }
        Duration shutdown = pipelineConfig.shutdownTimeout();
        if (!shutdown.isZero() && ossConfig.callTimeout().compareTo(shutdown) >= 0) {
            // stop() can only wait out an append in flight if a call ends within the shutdown budget
            Duration chosen = shutdown.multipliedBy(4).dividedBy(5).plusMillis(1);
            if (values.containsKey("callTimeout")) {
                settled.add("callTimeout (" + ossConfig.callTimeout() + ") is not below shutdownTimeout (" + shutdown
                        + "): using callTimeout " + chosen + ", so stop() can wait out an append in flight; set"
                        + " callTimeout below shutdownTimeout to silence this");
            }
            ossConfig = oss.callTimeout(chosen).build();
        }
        for (String change : settled) {
            logger.warn("osslog: " + change);
        }
        OssClient client = OssClient.create(ossConfig);
        // everything the pipeline says or counts passes the client's redactor, which knows the credentials in use
        InternalLogger redacting = client.redactor().wrap(logger);
        if (!ossConfig.endpoint().isLoopback() && ossConfig.endpoint().scheme().equals("http")) {
            redacting.warn("endpoint '" + values.get("endpoint") + "' is plain HTTP to a host that is not loopback:"
                    + " logs and the STS token travel in clear text; use https:// (docs/secrets.md)");
        }
        try {
            Pipeline running = Pipeline.create(pipelineConfig, client, redacting);
            running.metrics().redactWith(client.redactor());
            return new LogSink(running, client, redacting);
        } catch (IllegalArgumentException e) {
            client.close();
            problems.add(null, e.getMessage());
            throw new SettingsException(problems.list);
        }
    }

    private static String pipelineName(String name) {
        String cleaned = (name == null || name.isEmpty() ? "osslog" : name).replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    private CredentialsProvider credentials() {
        String id = values.get("accessKeyId");
        String secret = values.get("accessKeySecret");
        String token = values.get("securityToken");
        if (id != null || secret != null) {
            return StaticCredentialsProvider.of(id, secret, token);
        }
        if (values.get("ecsRoleName") != null) {
            return EcsRamRoleCredentialsProvider.builder().roleName(values.get("ecsRoleName")).build();
        }
        return DefaultCredentialsProvider.create(env);
    }

    private static void apply(String property, String value, OssClientConfig.Builder oss,
            PipelineConfig.Builder pipeline) {
        switch (property) {
            case "endpoint":
                OssEndpoint.parse(value);
                oss.endpoint(value);
                break;
            case "bucket": oss.bucket(OssNames.checkBucket(value)); break;
            case "region": oss.region(value); break;
            case "signatureVersion": oss.signatureVersion(choice(property, value, SignatureVersion.class)); break;
            case "urlStyle": oss.urlStyle(choice(property, value, UrlStyle.class)); break;
            case "objectKeyPattern": pipeline.objectKeyPattern(value); break;
            case "timeZone": pipeline.timeZone(zone(value)); break;
            case "maxObjectSize": pipeline.maxObjectSize(SettingValues.parseSize(value)); break;
            case "compression": pipeline.compression(choice(property, value, Compression.class)); break;
            case "compressionLevel": pipeline.compressionLevel(integer(property, value, "1 (fastest) to 9")); break;
            case "bufferSize": pipeline.bufferSize(intSize(property, value)); break;
            case "maxEventSize": pipeline.maxEventSize(intSize(property, value)); break;
            case "batchMaxBytes": pipeline.batchMaxBytes(intSize(property, value)); break;
            case "flushInterval": pipeline.flushInterval(SettingValues.parseDuration(value)); break;
            case "overflowPolicy": pipeline.overflowPolicy(choice(property, value, OverflowPolicy.class)); break;
            case "blockTimeout": pipeline.blockTimeout(SettingValues.parseDuration(value)); break;
            case "discardLevel": pipeline.discardLevel(choice(property, value, LogLevel.class)); break;
            case "discardThreshold": pipeline.discardThreshold(fraction(value)); break;
            case "earlyDrop": pipeline.earlyDrop(bool(property, value)); break;
            case "contentType": pipeline.creationHeader("Content-Type", value); break;
            case "storageClass":
                pipeline.creationHeader("x-oss-storage-class", oneOf(property, value, "Standard", "IA", "Archive"));
                break;
            case "objectAcl":
                pipeline.creationHeader("x-oss-object-acl",
                        oneOf(property, value, "default", "private", "public-read", "public-read-write"));
                break;
            case "serverSideEncryption":
                pipeline.creationHeader("x-oss-server-side-encryption", oneOf(property, value, "AES256", "KMS", "SM4"));
                break;
            case "metadata": metadata(value, pipeline); break;
            case "tagging": pipeline.creationHeader("x-oss-tagging", value); break;
            case "initialBackoff": pipeline.initialBackoff(SettingValues.parseDuration(value)); break;
            case "maxBackoff": pipeline.maxBackoff(SettingValues.parseDuration(value)); break;
            case "connectTimeout": oss.connectTimeout(SettingValues.parseDuration(value)); break;
            case "readTimeout": oss.readTimeout(SettingValues.parseDuration(value)); break;
            case "writeTimeout": oss.writeTimeout(SettingValues.parseDuration(value)); break;
            case "callTimeout": oss.callTimeout(SettingValues.parseDuration(value)); break;
            case "shutdownTimeout": pipeline.shutdownTimeout(SettingValues.parseDuration(value)); break;
            case "sendContentMd5": oss.sendContentMd5(bool(property, value)); break;
            case "trustedCertificates": oss.trustedCertificates(path(property, value, "/etc/myapp/oss-ca.pem")); break;
            case "spoolDirectory": pipeline.spoolDirectory(path(property, value, "/var/spool/myapp-osslog")); break;
            case "spoolMaxBytes": pipeline.spoolMaxBytes(SettingValues.parseSize(value)); break;
            case "strictConfiguration": bool(property, value); break; // the adapters act on it
            default: break; // credentials are read by credentials()
        }
    }

    private static <E extends Enum<E>> E choice(String property, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException(property + " '" + value + "' is unknown: use one of "
                + Arrays.toString(type.getEnumConstants()));
    }

    private static String oneOf(String property, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException(property + " '" + value + "' is not allowed for appendable objects: use"
                + " one of " + Arrays.toString(allowed));
    }

    private static int intSize(String property, String value) {
        long bytes = SettingValues.parseSize(value);
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(property + " (" + value + ") must be below 2GB");
        }
        return (int) bytes;
    }

    private static int integer(String property, String value, String range) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " '" + value + "' is not a number: use " + range);
        }
    }

    private static double fraction(String value) {
        try {
            return value.endsWith("%") ? Double.parseDouble(value.substring(0, value.length() - 1).trim()) / 100
                    : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a fraction: write e.g. 0.8 or 80%");
        }
    }

    private static boolean bool(String property, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(property + " '" + value + "' is not a boolean: use true or false");
    }

    private static Path path(String property, String value, String example) {
        try {
            return Paths.get(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(property + " '" + value + "' is not a valid path (" + e.getReason()
                    + "): use a local path such as " + example);
        }
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + value + "' is not a time zone: use e.g. UTC, Asia/Shanghai or"
                    + " +08:00");
        }
    }

    private static void metadata(String value, PipelineConfig.Builder pipeline) {
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair.trim() + "' is not a metadata entry: write"
                        + " name=value pairs separated by commas, e.g. app=shop,team=payments");
            }
            pipeline.creationHeader("x-oss-meta-" + pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
    }

    /** Collects problems, attributing each to a property. */
    private final class Problems {
        final List<SettingProblem> list = new ArrayList<>();

        boolean isEmpty() {
            return list.isEmpty();
        }

        /**
         * Records a problem under the setting its message starts with (messages name their setting first), else
         * under {@code fallback}.
         */
        void add(String fallback, String message) {
            String text = message == null ? "invalid value" : message;
            Matcher m = LEADING_NAME.matcher(text);
            String owner = m.find() && PROPERTIES.contains(m.group(1)) ? m.group(1)
                    : fallback != null ? fallback : "configuration";
            list.add(new SettingProblem(owner, text));
        }

        /** Runs a check of combinations; records its problem only if its setting was not reported already. */
        <T> T getUnlessReported(Supplier<T> action) {
            int before = list.size();
            T result = get(null, action);
            if (list.size() > before) {
                SettingProblem added = list.get(before);
                for (int i = 0; i < before; i++) {
                    if (list.get(i).property().equals(added.property())) {
                        list.remove(before);
                        break;
                    }
                }
            }
            return result;
        }

        void check(String property, Runnable action) {
            get(property, () -> {
                action.run();
                return null;
            });
        }

        <T> T get(String property, Supplier<T> action) {
            try {
                return action.get();
            } catch (IllegalArgumentException | CredentialsException | NullPointerException e) {
                add(property, e.getMessage());
                return null;
            }
        }
    }
}
