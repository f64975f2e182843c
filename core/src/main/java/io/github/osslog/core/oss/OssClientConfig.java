package io.github.osslog.core.oss;

import io.github.osslog.core.InvalidSettingException;
import io.github.osslog.core.auth.CredentialsProvider;
import io.github.osslog.core.sign.SignatureVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Everything an {@link OssClient} needs, validated when built: a bad setting fails here, naming the setting and
 * the fix, never at the first request. Immutable and thread-safe; built with {@link #builder()}.
 */
public final class OssClientConfig {
    private final OssEndpoint endpoint;
    private final String bucket;
    private final String region;
    private final CredentialsProvider credentials;
    private final SignatureVersion signatureVersion;
    private final UrlStyle urlStyle;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Duration callTimeout;
    private final boolean sendContentMd5;
    private final Clock clock;
    private final OkHttpClient baseHttpClient;
    private final TrustedCertificates trustedCertificates;

    private OssClientConfig(Builder b, OssEndpoint endpoint, String region) {
        this.endpoint = endpoint;
        this.bucket = b.bucket;
        this.region = region;
        this.credentials = b.credentials;
        this.signatureVersion = b.signatureVersion;
        this.urlStyle = endpoint.resolve(b.urlStyle);
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.callTimeout = b.callTimeout;
        this.sendContentMd5 = b.sendContentMd5;
        this.clock = b.clock;
        this.baseHttpClient = b.baseHttpClient;
        this.trustedCertificates = b.trustedCertificates;
    }

    public static Builder builder() {
        return new Builder();
    }

    public OssEndpoint endpoint() {
        return endpoint;
    }

    public String bucket() {
        return bucket;
    }

    /** The region: as configured, else derived from a standard endpoint; {@code null} only for V1 signing. */
    public String region() {
        return region;
    }

    public CredentialsProvider credentials() {
        return credentials;
    }

    public SignatureVersion signatureVersion() {
        return signatureVersion;
    }

    /** The URL style, already resolved for the endpoint (never {@link UrlStyle#AUTO}). */
    public UrlStyle urlStyle() {
        return urlStyle;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration writeTimeout() {
        return writeTimeout;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    public boolean sendContentMd5() {
        return sendContentMd5;
    }

    public Clock clock() {
        return clock;
    }

    /** The client the owned client derives from (sharing its pool), or {@code null} for a fresh one. */
    OkHttpClient baseHttpClient() {
        return baseHttpClient;
    }

    /** The PEM file whose certificates replace the system's trusted ones, or {@code null} for the system's. */
    public Path trustedCertificates() {
        return trustedCertificates == null ? null : trustedCertificates.file();
    }

    /** The loaded {@link #trustedCertificates()}, or {@code null}. */
    TrustedCertificates trust() {
        return trustedCertificates;
    }

    @Override
    public String toString() {
        return "OssClientConfig{endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", signatureVersion=" + signatureVersion + ", urlStyle=" + urlStyle
                + (trustedCertificates == null ? "" : ", trustedCertificates=" + trustedCertificates.file()) + '}';
    }

    /** Builds an {@link OssClientConfig}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private static final Duration MAX_TIMEOUT = Duration.ofDays(1);

        private String endpoint;
        private String bucket;
        private String region;
        private CredentialsProvider credentials;
        private SignatureVersion signatureVersion = SignatureVersion.V4;
        private UrlStyle urlStyle = UrlStyle.AUTO;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(8);
        private Duration writeTimeout = Duration.ofSeconds(8);
        // below the default shutdown timeout (10 s), so stop() can wait out an append in flight
        private Duration callTimeout = Duration.ofSeconds(8);
        private boolean sendContentMd5;
        private Clock clock = Clock.systemUTC();
        private OkHttpClient baseHttpClient;
        private TrustedCertificates trustedCertificates;

        private Builder() {
        }

        /** The OSS endpoint: {@code oss-cn-hangzhou.aliyuncs.com}, a URL, or a custom domain. Required. */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The bucket name. Required. */
        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** The region, e.g. {@code cn-hangzhou}; optional when the endpoint is a standard OSS endpoint. */
        public Builder region(String region) {
            this.region = region == null || region.trim().isEmpty() ? null : region.trim();
            return this;
        }

        /** Where credentials come from. Required. */
        public Builder credentials(CredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** V4 (default) or the legacy V1. */
        public Builder signatureVersion(SignatureVersion version) {
            this.signatureVersion = Objects.requireNonNull(version, "signatureVersion");
            return this;
        }

        /** Forces a URL style; {@link UrlStyle#AUTO} (default) chooses from the endpoint. */
        public Builder urlStyle(UrlStyle style) {
            this.urlStyle = Objects.requireNonNull(style, "urlStyle");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive(timeout, "writeTimeout");
            return this;
        }

        /** The bound on a whole call, connection to last byte; keep it below the shutdown timeout. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        /** Sends a {@code Content-MD5} of each body, so OSS rejects bodies damaged in transit. Off by default. */
        public Builder sendContentMd5(boolean send) {
            this.sendContentMd5 = send;
            return this;
        }

        /** The clock requests are signed with (tests inject a fixed one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * An OkHttp client to derive the owned client from (sharing its connection pool and dispatcher, e.g. for a
         * custom DNS or trust store). osslog still applies its own timeouts and disables transparent retries, and
         * does not shut the base client down on close.
         */
        public Builder httpClient(OkHttpClient base) {
            this.baseHttpClient = Objects.requireNonNull(base, "httpClient");
            return this;
        }

        /**
         * Trusts exactly the certificates in this PEM file (a private CA, or a self-signed server certificate)
         * instead of the system's trusted CAs, for HTTPS endpoints. Certificate chains, validity and the host name
         * are still verified; there is no way to turn verification off. The file is read here.
         *
         * @throws IllegalArgumentException if the file cannot be read or holds no certificate
         */
        public Builder trustedCertificates(Path pemFile) {
            this.trustedCertificates = TrustedCertificates.load(Objects.requireNonNull(pemFile,
                    "trustedCertificates"));
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
                // OkHttp refuses timeouts beyond Integer.MAX_VALUE milliseconds, with a message naming no setting
                throw new IllegalArgumentException(name + " must be positive and at most 1 day, was " + d
                        + ": write e.g. 10 seconds");
            }
            return d;
        }

        /**
         * Checks the settings together and builds the config.
         *
         * @throws IllegalArgumentException naming the first bad setting and how to fix it
         */
        public OssClientConfig build() {
            OssEndpoint parsed = OssEndpoint.parse(endpoint);
            OssNames.checkBucket(bucket);
            if (credentials == null) {
                throw new IllegalArgumentException("credentials are missing: set accessKeyId and accessKeySecret,"
                        + " or use environment or ECS RAM role credentials");
            }
            String effectiveRegion = region != null ? region : parsed.derivedRegion();
            if (effectiveRegion != null) {
                effectiveRegion = checkRegion(effectiveRegion);
            } else if (signatureVersion == SignatureVersion.V4) {
                throw new InvalidSettingException("region",
                        "region is missing: V4 signing needs the bucket's region and it"
                        + " cannot be derived from endpoint '" + endpoint + "'; set region (e.g. cn-hangzhou)"
                        + " or use signatureVersion V1");
            }
            UrlStyle resolved = parsed.resolve(urlStyle);
            if (resolved == UrlStyle.VIRTUAL_HOSTED && parsed.isLocal() && !parsed.host().equals("localhost")) {
                throw new InvalidSettingException("urlStyle",
                        "urlStyle VIRTUAL_HOSTED cannot be used with the IP endpoint '"
                        + endpoint + "': use PATH (or AUTO)");
            }
            return new OssClientConfig(this, parsed, effectiveRegion);
        }

        private static String checkRegion(String region) {
            String r = region.toLowerCase(Locale.ROOT);
            if (r.startsWith("oss-")) {
                throw new InvalidSettingException("region",
                        "region '" + region + "' starts with 'oss-': set the region id"
                        + " itself, e.g. cn-hangzhou rather than oss-cn-hangzhou");
            }
            if (!r.matches("[a-z0-9-]+")) {
                throw new InvalidSettingException("region",
                        "region '" + region + "' is malformed: use a region id such as"
                        + " cn-hangzhou");
            }
            return r;
        }
    }
}
