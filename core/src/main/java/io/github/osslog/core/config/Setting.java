package io.github.osslog.core.config;

import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.oss.OssEndpoint;
import io.github.osslog.core.oss.OssNames;
import io.github.osslog.core.oss.UrlStyle;
import io.github.osslog.core.internal.pipeline.Compression;
import io.github.osslog.core.sign.SignatureVersion;

/**
 * The catalogue of osslog settings: every property both adapters expose under the same name, in the order of the
 * README's configuration table, with its kind, its default and meaning as the README shows them, whether it is a
 * secret, and how its value goes into the config. Parsing, validation, the secrets list, the adapters' setter
 * checks and the README table all come from here; adding a setting is one entry plus the framework setters
 * (docs/settings-catalogue.md). Immutable.
 */
public enum Setting {
    ENDPOINT("endpoint", Kind.TEXT, "required", "OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…`,"
            + " `http://127.0.0.1:9000`, or a custom domain. HTTPS when no scheme is given.",
            (v, d) -> {
                OssEndpoint.parse(v.text());
                d.oss.endpoint(v.text());
            }),
    BUCKET("bucket", Kind.TEXT, "required", "bucket name (3–63 lower-case letters, digits, hyphens)",
            (v, d) -> d.oss.bucket(OssNames.checkBucket(v.text()))),
    REGION("region", Kind.TEXT, "from the endpoint",
            "region id such as `cn-hangzhou`; required for V4 signing with a non-standard endpoint",
            (v, d) -> d.oss.region(v.text())),
    ACCESS_KEY_ID("accessKeyId", Kind.SECRET, "environment", Docs.STATIC_CREDENTIALS,
            (v, d) -> d.accessKeyId = v.text()),
    ACCESS_KEY_SECRET("accessKeySecret", Kind.SECRET, "environment", Docs.STATIC_CREDENTIALS,
            (v, d) -> d.accessKeySecret = v.text()),
    SECURITY_TOKEN("securityToken", Kind.SECRET, "none",
            "STS token for temporary static credentials (sent as `x-oss-security-token`)",
            (v, d) -> d.securityToken = v.text()),
    ECS_ROLE_NAME("ecsRoleName", Kind.TEXT, "none",
            "use this ECS instance RAM role (metadata service, hardened mode first, refreshed before expiry)",
            (v, d) -> d.ecsRoleName = v.text()),
    SIGNATURE_VERSION("signatureVersion", Kind.CHOICE, "`V4`", "`V4` or `V1`",
            (v, d) -> d.oss.signatureVersion(v.choice(SignatureVersion.class))),
    URL_STYLE("urlStyle", Kind.CHOICE, "`AUTO`", "`AUTO` (virtual-hosted for `*.aliyuncs.com`, path style for"
            + " IP/`localhost`, CNAME for other domains), `VIRTUAL_HOSTED`, `PATH`, `CNAME`",
            (v, d) -> d.oss.urlStyle(v.choice(UrlStyle.class))),
    OBJECT_KEY_PATTERN("objectKeyPattern", Kind.TEXT,
            "`logs/%d{yyyy-MM-dd}/%host-%pid-%i.log` (`.log.gz` with gzip)",
            "object keys; see [Object naming and rollover](#object-naming-and-rollover)",
            (v, d) -> d.pipeline.objectKeyPattern(v.text())),
    TIME_ZONE("timeZone", Kind.TIME_ZONE, "`UTC`", "time zone of `%d{…}` in keys",
            (v, d) -> d.pipeline.timeZone(v.zone())),
    MAX_OBJECT_SIZE("maxObjectSize", Kind.SIZE, "`1GB`",
            "roll to the next index before an object would grow past this (at most 5GB)",
            (v, d) -> d.pipeline.maxObjectSize(v.size())),
    COMPRESSION("compression", Kind.CHOICE, "`NONE`", "`GZIP`: each append is one or more complete gzip members"
            + " (for batches of 512 KiB or more on 2+ CPUs, members of about 256 KiB that the shipper and a helper"
            + " thread deflate in parallel), so the object stays one valid `.gz` stream that `zcat` reads",
            (v, d) -> d.pipeline.compression(v.choice(Compression.class))),
    COMPRESSION_LEVEL("compressionLevel", Kind.INTEGER, "`1`", "gzip level: `1` is osslog's own fast encoder"
            + " (about 4x zlib's level 1 on log text, about a fifth more bytes), `2` to `9` are zlib's (`9`"
            + " smallest); see [docs/compression.md](docs/compression.md)",
            (v, d) -> d.pipeline.compressionLevel(v.integer("1 (fastest) to 9"))),
    BUFFER_SIZE("bufferSize", Kind.SIZE, "`32MB`",
            "ring buffer size in bytes; the memory osslog holds for events not yet shipped",
            (v, d) -> d.pipeline.bufferSize(v.intSize())),
    MAX_EVENT_SIZE("maxEventSize", Kind.SIZE, "`256KB`", "longer events are truncated with a visible"
            + " `… [osslog: event truncated, N bytes total]` marker and counted",
            (v, d) -> d.pipeline.maxEventSize(v.intSize())),
    BATCH_MAX_BYTES("batchMaxBytes", Kind.SIZE, "`4MB`", "cut a batch (one `AppendObject`) at this size …",
            (v, d) -> d.pipeline.batchMaxBytes(v.intSize())),
    FLUSH_INTERVAL("flushInterval", Kind.DURATION, "`1 second`",
            "… or when its first event is this old, whichever comes first",
            (v, d) -> d.pipeline.flushInterval(v.duration())),
    OVERFLOW_POLICY("overflowPolicy", Kind.CHOICE, "`DROP_NEWEST`", "when the buffer is full: `DROP_NEWEST` (the"
            + " app never blocks), `DROP_OLDEST`, `BLOCK` (up to `blockTimeout`, then drop)",
            (v, d) -> d.pipeline.overflowPolicy(v.choice(OverflowPolicy.class))),
    BLOCK_TIMEOUT("blockTimeout", Kind.DURATION, "`1 second`", "longest wait under `BLOCK`",
            (v, d) -> d.pipeline.blockTimeout(v.duration())),
    DISCARD_LEVEL("discardLevel", Kind.CHOICE, "off",
            "once the buffer is `discardThreshold` full, discard events below this level first (`TRACE`…`ERROR`)",
            (v, d) -> d.pipeline.discardLevel(v.choice(LogLevel.class))),
    DISCARD_THRESHOLD("discardThreshold", Kind.RATIO, "`0.8`",
            "buffer fill (`0.8` or `80%`) past which `discardLevel` applies",
            (v, d) -> d.pipeline.discardThreshold(v.fraction())),
    EARLY_DROP("earlyDrop", Kind.BOOLEAN, "`true`", "when osslog is a call's only appender and would drop it, drop"
            + " (and count) it before the framework builds the event ([docs/early-drop.md](docs/early-drop.md));"
            + " `false` leaves the framework's filters untouched",
            (v, d) -> d.pipeline.earlyDrop(v.bool())),
    CONTENT_TYPE("contentType", Kind.TEXT, "`text/plain; charset=utf-8` (`application/gzip` with gzip)",
            "`Content-Type` of new objects",
            (v, d) -> d.pipeline.creationHeader("Content-Type", v.text())),
    STORAGE_CLASS("storageClass", Kind.CHOICE, "bucket default", "`Standard`, `IA` or `Archive` for new objects",
            (v, d) -> d.pipeline.creationHeader("x-oss-storage-class", v.oneOf("Standard", "IA", "Archive"))),
    OBJECT_ACL("objectAcl", Kind.CHOICE, "bucket default", "`default`, `private`, `public-read`,"
            + " `public-read-write`",
            (v, d) -> d.pipeline.creationHeader("x-oss-object-acl",
                    v.oneOf("default", "private", "public-read", "public-read-write"))),
    SERVER_SIDE_ENCRYPTION("serverSideEncryption", Kind.CHOICE, "none", "`AES256`, `KMS` or `SM4`",
            (v, d) -> d.pipeline.creationHeader("x-oss-server-side-encryption", v.oneOf("AES256", "KMS", "SM4"))),
    METADATA("metadata", Kind.TEXT, "none",
            "user metadata for new objects: `app=shop,team=payments` (`x-oss-meta-*`, ASCII)",
            (v, d) -> v.metadata().forEach((name, value) -> d.pipeline.creationHeader("x-oss-meta-" + name, value))),
    TAGGING("tagging", Kind.TEXT, "none", "object tags for new objects: `a=1&b=2`",
            (v, d) -> d.pipeline.creationHeader("x-oss-tagging", v.text())),
    INITIAL_BACKOFF("initialBackoff", Kind.DURATION, "`100 milliseconds`",
            "first retry delay; doubles per failure with full jitter …",
            (v, d) -> d.pipeline.initialBackoff(v.duration())),
    MAX_BACKOFF("maxBackoff", Kind.DURATION, "`30 seconds`",
            "… up to this; also the pace of retries after 403/404 configuration errors",
            (v, d) -> d.pipeline.maxBackoff(v.duration())),
    CONNECT_TIMEOUT("connectTimeout", Kind.DURATION, "`5 seconds`", "HTTP connect timeout",
            (v, d) -> d.oss.connectTimeout(v.duration())),
    READ_TIMEOUT("readTimeout", Kind.DURATION, "`8 seconds`", Docs.SOCKET_TIMEOUTS,
            (v, d) -> d.oss.readTimeout(v.duration())),
    WRITE_TIMEOUT("writeTimeout", Kind.DURATION, "`8 seconds`", Docs.SOCKET_TIMEOUTS,
            (v, d) -> d.oss.writeTimeout(v.duration())),
    CALL_TIMEOUT("callTimeout", Kind.DURATION, "`8 seconds`", "bound on one whole request; kept below"
            + " `shutdownTimeout` (a value that is not is lowered to fit, with a warning)",
            (v, d) -> d.oss.callTimeout(v.duration())),
    SHUTDOWN_TIMEOUT("shutdownTimeout", Kind.DURATION, "`10 seconds`", "budget of a stop: ship what can be"
            + " shipped (and spool the rest, with a spool), then report what is left",
            (v, d) -> d.pipeline.shutdownTimeout(v.duration())),
    SPOOL_DIRECTORY("spoolDirectory", Kind.PATH, "none", "local directory for batches that cannot be shipped in"
            + " time (outage longer than the buffer, stop during an outage); replayed in order, exactly once, also"
            + " after a restart or crash. One process per directory (locked).",
            (v, d) -> d.pipeline.spoolDirectory(v.path("/var/spool/myapp-osslog"))),
    SPOOL_MAX_BYTES("spoolMaxBytes", Kind.SIZE, "`1GB`",
            "the spool's size limit; when full, the overflow policy applies (counted as `spool full`)",
            (v, d) -> d.pipeline.spoolMaxBytes(v.size())),
    SEND_CONTENT_MD5("sendContentMd5", Kind.BOOLEAN, "`false`",
            "send `Content-MD5` with each append so OSS rejects bodies damaged in transit",
            (v, d) -> d.oss.sendContentMd5(v.bool())),
    TRUSTED_CERTIFICATES("trustedCertificates", Kind.PATH, "system CAs", "PEM file of the CA or self-signed"
            + " certificate(s) to trust for an `https` endpoint, instead of the system's CAs; host names are still"
            + " checked ([docs/tls.md](docs/tls.md))",
            (v, d) -> d.oss.trustedCertificates(v.path("/etc/myapp/oss-ca.pem"))),
    STRICT_CONFIGURATION("strictConfiguration", Kind.BOOLEAN, "`false`", "`true`: Logback reports osslog's"
            + " configuration problems as ERROR statuses (so Spring Boot fails start-up on them) instead of WARN;"
            + " Log4j2 reports them as errors either way"
            + " ([docs/configuration-errors.md](docs/configuration-errors.md))",
            (v, d) -> v.bool()); // only checked here: adapters read it before validating, see Settings

    /** How a value is written; adapters whose framework parses values pick their setter type from it. */
    public enum Kind {
        /** Free text, checked by the setting's own rules. */
        TEXT(null),
        /** A credential: never echoed, only fingerprinted (docs/secrets.md). */
        SECRET(null),
        /** One of a fixed set of names, case-insensitive. */
        CHOICE(null),
        /** A byte size: {@code 64MB}, {@code 512KB}, {@code 1048576}. */
        SIZE("a size such as 64MB, 512KB or 1GB"),
        /** A duration: {@code 2 seconds}, {@code 500ms}, {@code PT2S}. */
        DURATION("a duration such as 2 seconds, 500 milliseconds or 1 minute"),
        BOOLEAN("true or false"),
        INTEGER(null),
        /** A fraction: {@code 0.8} or {@code 80%}. */
        RATIO(null),
        /** A local file or directory. */
        PATH(null),
        /** A time zone id or offset: {@code UTC}, {@code Asia/Shanghai}, {@code +08:00}. */
        TIME_ZONE(null);

        private final String example;

        Kind(String example) {
            this.example = example;
        }

        /** How to write a value of this kind, e.g. "a size such as 64MB, 512KB or 1GB"; null where it varies. */
        public String example() {
            return example;
        }
    }

    /** Puts a value, parsed through {@link SettingText}, into the config being drafted. */
    interface Application {
        void apply(SettingText value, ConfigDraft draft);
    }

    /** Documentation shared by settings the README lists in one row. */
    private static final class Docs {
        static final String STATIC_CREDENTIALS = "static credentials; when neither is set, `OSS_ACCESS_KEY_ID` /"
                + " `OSS_ACCESS_KEY_SECRET` / `OSS_SESSION_TOKEN`, else the ECS RAM role named by"
                + " `ALIBABA_CLOUD_ECS_METADATA`";
        static final String SOCKET_TIMEOUTS = "HTTP socket read / write timeouts";
    }

    private final String property;
    private final Kind kind;
    private final String defaultValue;
    private final String documentation;
    private final Application application;

    Setting(String property, Kind kind, String defaultValue, String documentation, Application application) {
        this.property = property;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.documentation = documentation;
        this.application = application;
    }

    /** The property's name, as users write it in logback.xml and log4j2.xml, e.g. {@code bufferSize}. */
    public String property() {
        return property;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the value is a secret: never echoed in any message, only fingerprinted. */
    public boolean secret() {
        return kind == Kind.SECRET;
    }

    /** The default as the README shows it (Markdown): a literal value in backticks, or words such as "none". */
    public String defaultValue() {
        return defaultValue;
    }

    /** What the setting does, as the README's configuration table says it (Markdown). */
    public String documentation() {
        return documentation;
    }

    void apply(String value, ConfigDraft draft) {
        application.apply(new SettingText(this, value), draft);
    }

    /**
     * The setting named {@code property}.
     *
     * @throws IllegalArgumentException for a name that is no setting (an adapter bug, not a user error)
     */
    public static Setting named(String property) {
        Setting found = find(property);
        if (found == null) {
            throw new IllegalArgumentException("no osslog property '" + property + "'");
        }
        return found;
    }

    /** The setting named {@code property}, or {@code null}. */
    static Setting find(String property) {
        for (Setting s : values()) {
            if (s.property.equals(property)) {
                return s;
            }
        }
        return null;
    }
}
