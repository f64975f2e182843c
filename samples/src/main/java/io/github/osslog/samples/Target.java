package io.github.osslog.samples;

import io.github.osslog.core.auth.DefaultCredentialsProvider;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.testkit.OssTestServer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the samples ship: real OSS when {@code OSS_ENDPOINT} and {@code OSS_BUCKET} are set (credentials from
 * {@code OSS_ACCESS_KEY_ID}/{@code OSS_ACCESS_KEY_SECRET}[/{@code OSS_SESSION_TOKEN}], region from
 * {@code OSS_REGION} or the endpoint), else an embedded testkit server on a free loopback port. The logging
 * configurations read the {@code osslog.*} system properties this class sets. Not thread-safe.
 */
final class Target implements AutoCloseable {
    static final String SAMPLE_KEY_ID = "sample-access-key";
    static final String SAMPLE_SECRET = "sample-secret";
    static final String SAMPLE_BUCKET = "osslog-samples";
    static final String SAMPLE_REGION = "cn-hangzhou";

    private final OssTestServer server;
    private final String description;

    private Target(OssTestServer server, String description) {
        this.server = server;
        this.description = description;
    }

    static Target fromEnvironment() throws IOException {
        String endpoint = System.getenv("OSS_ENDPOINT");
        String bucket = System.getenv("OSS_BUCKET");
        if (endpoint != null && !endpoint.isEmpty() && bucket != null && !bucket.isEmpty()) {
            set("osslog.endpoint", endpoint);
            set("osslog.bucket", bucket);
            set("osslog.region", System.getenv("OSS_REGION") == null ? "" : System.getenv("OSS_REGION"));
            // Empty key settings make the appenders use the default chain: the OSS_ACCESS_KEY_* variables.
            set("osslog.accessKeyId", "");
            set("osslog.accessKeySecret", "");
            return new Target(null, "real OSS at " + endpoint + ", bucket " + bucket);
        }
        OssTestServer server = OssTestServer.builder()
                .credentials(SAMPLE_KEY_ID, SAMPLE_SECRET)
                .region(SAMPLE_REGION)
                .bucket(SAMPLE_BUCKET)
                .start();
        set("osslog.endpoint", server.endpoint());
        set("osslog.bucket", SAMPLE_BUCKET);
        set("osslog.region", SAMPLE_REGION);
        set("osslog.accessKeyId", SAMPLE_KEY_ID);
        set("osslog.accessKeySecret", SAMPLE_SECRET);
        return new Target(server, "the embedded osslog testkit at " + server.endpoint() + ", bucket "
                + SAMPLE_BUCKET);
    }

    private static void set(String property, String value) {
        System.setProperty(property, value);
    }

    /** A client for reading back what landed, configured like the appenders. */
    OssClient reader() {
        OssClientConfig.Builder config = OssClientConfig.builder()
                .endpoint(System.getProperty("osslog.endpoint"))
                .bucket(System.getProperty("osslog.bucket"))
                .region(System.getProperty("osslog.region"));
        if (server != null) {
            config.credentials(StaticCredentialsProvider.of(SAMPLE_KEY_ID, SAMPLE_SECRET));
        } else {
            config.credentials(DefaultCredentialsProvider.create());
        }
        return OssClient.create(config.build());
    }

    /** The environment the {@code osslog} command line reads its endpoint, bucket and credentials from. */
    Map<String, String> readerEnvironment() {
        if (server == null) {
            return System.getenv();
        }
        Map<String, String> env = new HashMap<>();
        env.put("OSS_ENDPOINT", server.endpoint());
        env.put("OSS_BUCKET", SAMPLE_BUCKET);
        env.put("OSS_REGION", SAMPLE_REGION);
        env.put("OSS_ACCESS_KEY_ID", SAMPLE_KEY_ID);
        env.put("OSS_ACCESS_KEY_SECRET", SAMPLE_SECRET);
        return env;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
