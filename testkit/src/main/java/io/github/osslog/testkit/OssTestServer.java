package io.github.osslog.testkit;

import io.github.osslog.testkit.http.HttpServer;
import io.github.osslog.testkit.store.Bucket;
import io.github.osslog.testkit.store.Storage;
import io.github.osslog.testkit.store.StoredObject;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A local OSS-compatible server on a loopback port: AppendObject, PutObject, GetObject, HeadObject,
 * DeleteObject and ListObjects with OSS semantics and signature checks, plus {@link #faults() fault injection}
 * and a {@link #journal() journal}; over HTTPS when given a {@linkplain Builder#tls key store}. Thread-safe.
 *
 * <pre>{@code
 * try (OssTestServer server = OssTestServer.builder().credentials("AK", "SK").bucket("logs").start()) {
 *     String endpoint = server.endpoint(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class OssTestServer implements AutoCloseable {
    /** A route that reads the request body and answers 200 without touching storage, for benchmarks. */
    public static final String DISCARD_PATH = "/_testkit/discard";

    private final HttpServer http;
    private final Storage storage;
    private final OssHandler handler;
    private final CredentialRegistry credentials;
    private final ServerClock clock;
    private final Faults faults;
    private final Journal journal;
    private final String region;

    private OssTestServer(Builder b, Storage storage) throws IOException {
        this.storage = storage;
        this.region = b.region;
        this.clock = new ServerClock(b.clock);
        this.credentials = new CredentialRegistry();
        b.keys.forEach((id, secretAndToken) -> credentials.put(id, secretAndToken[0], secretAndToken[1]));
        this.faults = new Faults(b.ticker);
        this.journal = new Journal(b.journalCapacity);
        for (String bucket : b.buckets) {
            storage.createBucket(bucket);
        }
        this.handler = new OssHandler(storage, b.autoCreateBuckets, new Authenticator(credentials, region), faults,
                journal, clock, b.maxObjectSize);
        ServerSocketFactory sockets = b.tls == null ? ServerSocketFactory.getDefault()
                : b.tls.getServerSocketFactory();
        this.http = HttpServer.start(InetAddress.getLoopbackAddress(), b.port, sockets, handler, b.maxConnections,
                (int) b.idleTimeout.toMillis());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}, or {@code https://127.0.0.1:<port>} when serving TLS. */
    public String endpoint() {
        return (http.isTls() ? "https://" : "http://") + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    public int port() {
        return http.port();
    }

    /** The region V4 signatures must be scoped to. */
    public String region() {
        return region;
    }

    /** The fault schedule; rules added here apply to the next requests. */
    public Faults faults() {
        return faults;
    }

    /** The record of recent requests. */
    public Journal journal() {
        return journal;
    }

    /** Creates a bucket (no-op when it exists). */
    public void createBucket(String name) {
        storage.createBucket(validBucket(name));
    }

    /** The object's current bytes, or empty when there is no such object. */
    public Optional<byte[]> content(String bucket, String key) {
        Bucket b = existingBucket(bucket);
        StoredObject object = b.get(key);
        return object == null ? Optional.empty() : Optional.of(object.bytes());
    }

    /** The object's current length in bytes (without copying it), or empty when there is no such object. */
    public OptionalLong length(String bucket, String key) {
        StoredObject object = existingBucket(bucket).get(key);
        return object == null ? OptionalLong.empty() : OptionalLong.of(object.length());
    }

    /**
     * A snapshot of the objects whose keys start with {@code keyPrefix}, in the order a key pattern's counter
     * numbers them, to read back what a client shipped ({@link Landed}).
     */
    public Landed landed(String bucket, String keyPrefix) {
        return Landed.of(existingBucket(bucket).list(keyPrefix));
    }

    /**
     * Appends {@code bytes} to the object as another writer would (creating an appendable object when there is
     * none), bypassing faults and the journal; returns the new length.
     *
     * @throws IllegalStateException when the key holds a Normal object
     */
    public long foreignAppend(String bucket, String key, byte[] bytes) {
        long length = OssHandler.foreignAppend(existingBucket(bucket), key, bytes, clock.now());
        if (length < 0) {
            throw new IllegalStateException("'" + key + "' in '" + bucket + "' is not appendable");
        }
        return length;
    }

    /** Replaces the object with a Normal one holding {@code bytes}, as another writer's PutObject would. */
    public void foreignPut(String bucket, String key, byte[] bytes) {
        OssHandler.foreignPut(existingBucket(bucket), key, bytes, clock.now());
    }

    /** Accepts another permanent access key from now on. */
    public void addCredentials(String accessKeyId, String accessKeySecret) {
        credentials.put(accessKeyId, accessKeySecret, null);
    }

    /** Accepts another STS key from now on; requests must carry {@code securityToken}. */
    public void addStsCredentials(String accessKeyId, String accessKeySecret, String securityToken) {
        credentials.put(accessKeyId, accessKeySecret, Objects.requireNonNull(securityToken, "securityToken"));
    }

    /** From now on, requests with this STS key get 403 SecurityTokenExpired. */
    public void expireSecurityToken(String accessKeyId) {
        credentials.expireToken(accessKeyId);
    }

    /** Moves the server's clock by {@code offset} from the real one (to test clients' clock-skew handling). */
    public void clockOffset(Duration offset) {
        clock.offset(Objects.requireNonNull(offset, "offset"));
    }

    /** Stops the server, closing every connection. Stored objects stay in the data directory when one is set. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "OssTestServer{" + endpoint() + ", region=" + region + '}';
    }

    private Bucket existingBucket(String name) {
        Bucket bucket = storage.bucket(name);
        if (bucket == null) {
            throw new IllegalArgumentException("bucket '" + name + "' does not exist on this server");
        }
        return bucket;
    }

    static String validBucket(String name) {
        if (name == null || !OssRequest.isValidBucket(name)) {
            throw new IllegalArgumentException("bucket '" + name + "' is invalid: use 3-63 lower-case letters, "
                    + "digits and hyphens, starting and ending with a letter or digit");
        }
        return name;
    }

    /** Configures and starts an {@link OssTestServer}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String[]> keys = new LinkedHashMap<>();
        private final List<String> buckets = new ArrayList<>();
        private String region = "cn-hangzhou";
        private boolean autoCreateBuckets;
        private int port;
        private Path dataDir;
        private long maxObjectSize = 5L * 1024 * 1024 * 1024;
        private int maxConnections = 256;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int journalCapacity = 10_000;
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.system();
        private SSLContext tls;

        private Builder() {
        }

        /** An access key the server accepts (several may be given). */
        public Builder credentials(String accessKeyId, String accessKeySecret) {
            return key(accessKeyId, accessKeySecret, null);
        }

        /** An STS access key: its requests must carry {@code x-oss-security-token: securityToken}. */
        public Builder stsCredentials(String accessKeyId, String accessKeySecret, String securityToken) {
            if (securityToken == null || securityToken.isEmpty()) {
                throw new IllegalArgumentException("security token for '" + accessKeyId + "' is empty");
            }
            return key(accessKeyId, accessKeySecret, securityToken);
        }

        private Builder key(String id, String secret, String token) {
            if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("access key id and secret must both be non-empty");
            }
            keys.put(id, new String[] {secret, token});
            return this;
        }

        /** The region V4 signatures are scoped to, e.g. {@code cn-hangzhou} (default). */
        public Builder region(String region) {
            if (region == null || region.isEmpty() || region.startsWith("oss-")) {
                throw new IllegalArgumentException("region '" + region + "' is invalid: use e.g. cn-hangzhou, "
                        + "without the oss- prefix");
            }
            this.region = region;
            return this;
        }

        /** Buckets to create; requests to other buckets get NoSuchBucket. */
        public Builder bucket(String... names) {
            for (String name : names) {
                buckets.add(validBucket(name));
            }
            return this;
        }

        /** Create any validly named bucket on first use instead of answering NoSuchBucket (default off). */
        public Builder autoCreateBuckets(boolean autoCreate) {
            this.autoCreateBuckets = autoCreate;
            return this;
        }

        /** The loopback port; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is invalid: use 0-65535 (0 picks a free one)");
            }
            this.port = port;
            return this;
        }

        /** Keep objects in this directory so they survive a restart (default: memory only). */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dataDir");
            return this;
        }

        /** The largest object an append or put may produce (default 5 GiB, as OSS). */
        public Builder maxObjectSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxObjectSize " + bytes + " is invalid: use 1 or more bytes");
            }
            this.maxObjectSize = bytes;
            return this;
        }

        /**
         * Connections served at once, one pooled thread each (default 256); more wait for a free thread, and an
         * idle keep-alive connection holds its thread until the {@link #idleTimeout} ends it.
         */
        public Builder maxConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("maxConnections " + connections + " is invalid: use 1 or more");
            }
            this.maxConnections = connections;
            return this;
        }

        /** How long an idle keep-alive connection stays open (default 60 s). */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("idleTimeout " + timeout + " is invalid: use a positive duration");
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** How many requests the journal keeps (default 10,000); older ones are evicted. */
        public Builder journalCapacity(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("journalCapacity " + entries + " is invalid: use 0 or more");
            }
            this.journalCapacity = entries;
            return this;
        }

        /** The server's wall clock (Date headers, signature time checks); default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The time source for fault windows such as {@link Faults#outage}; default {@link Ticker#system()}. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Serves HTTPS (TLS 1.2 and 1.3) with the key and certificate chain in {@code keyStore}, which should hold
         * one private key entry whose certificate names {@code 127.0.0.1} (e.g. a SAN {@code ip:127.0.0.1}).
         * Clients must be configured to trust that certificate; nothing here weakens their verification.
         *
         * @throws IllegalArgumentException if the key cannot be read with {@code password}
         */
        public Builder tls(KeyStore keyStore, char[] password) {
            Objects.requireNonNull(keyStore, "keyStore");
            try {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keyStore, password);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                this.tls = context;
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("tls key store cannot be used (" + e.getMessage() + "): pass a"
                        + " key store holding a private key and its certificate, with the key's password");
            }
            return this;
        }

        /** {@link #tls(KeyStore, char[])} with a PKCS#12 file, as {@code keytool -storetype PKCS12} writes it. */
        public Builder tlsKeyStore(Path p12, String password) {
            Objects.requireNonNull(p12, "p12");
            char[] pw = password == null ? new char[0] : password.toCharArray();
            try (InputStream in = Files.newInputStream(p12)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, pw);
                return tls(store, pw);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("tls key store '" + p12 + "' cannot be read (" + e.getMessage()
                        + "): pass a PKCS#12 file and its password");
            }
        }

        /** Starts the server. */
        public OssTestServer start() throws IOException {
            if (keys.isEmpty()) {
                throw new IllegalStateException("no credentials: call credentials(accessKeyId, accessKeySecret)");
            }
            Storage storage = dataDir == null ? Storage.inMemory() : Storage.inDirectory(dataDir);
            return new OssTestServer(this, storage);
        }
    }
}
