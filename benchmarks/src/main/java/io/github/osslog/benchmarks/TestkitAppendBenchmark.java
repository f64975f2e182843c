package io.github.osslog.benchmarks;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.oss.TunedSocketFactory;
import io.github.osslog.core.internal.sign.SignableRequest;
import io.github.osslog.core.internal.sign.UriEncoding;
import io.github.osslog.core.internal.sign.V4Signer;
import io.github.osslog.testkit.OssTestServer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Append throughput of the testkit for 1 MiB bodies over loopback, against the same server's do-nothing route
 * ({@link OssTestServer#DISCARD_PATH}, which reads the body and answers 200). Both send the same signed request
 * shape through one pooled OkHttp connection (with TCP_NODELAY), so the difference is the server's append path: parsing, signature
 * check, CRC-64, storage. The object rolls to a fresh key every 64 MiB so memory stays bounded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 8, time = 5)
@Fork(1)
public class TestkitAppendBenchmark {
    private static final int BODY = 1024 * 1024;
    private static final long ROLL_AT = 64L * BODY;
    private static final String BUCKET = "bench";

    private final Credentials credentials = Credentials.of("AK", "SK");
    private OssTestServer server;
    private OkHttpClient http;
    private V4Signer signer;
    private byte[] payload;
    private int keyIndex;
    private long position;

    @Setup
    public void start() throws IOException {
        server = OssTestServer.builder().credentials("AK", "SK").bucket(BUCKET).journalCapacity(1000).start();
        http = new OkHttpClient.Builder().connectionPool(new ConnectionPool(1, 1, TimeUnit.MINUTES))
                .socketFactory(new TunedSocketFactory(SocketFactory.getDefault(), false)).retryOnConnectionFailure(false).build();
        signer = new V4Signer(server.region());
        payload = new byte[BODY];
        new Random(1).nextBytes(payload);
    }

    @TearDown
    public void stop() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        server.close();
    }

    @Benchmark
    public long append() throws IOException {
        if (position >= ROLL_AT) {
            send("DELETE", key(), null, null);
            keyIndex++;
            position = 0;
        }
        position = Long.parseLong(send("POST", key(), Long.toString(position), payload));
        return position;
    }

    @Benchmark
    public String discard() throws IOException {
        return send("POST", null, "0", payload);
    }

    private String key() {
        return "bench-" + keyIndex + ".log";
    }

    /** Sends a signed request; {@code key == null} targets the discard route. Returns the next append position. */
    private String send(String method, String key, String position, byte[] body) throws IOException {
        SignableRequest signable = new SignableRequest(method, BUCKET, key == null ? "discard" : key);
        String url = key == null ? server.endpoint() + OssTestServer.DISCARD_PATH
                : server.endpoint() + "/" + BUCKET + "/" + UriEncoding.encode(key, true);
        if (position != null) {
            signable.query("append", null).query("position", position);
            url += "?append&position=" + position;
        }
        signer.sign(signable, credentials, Instant.now());
        Request.Builder request = new Request.Builder().url(url)
                .method(method, body == null ? null : RequestBody.create(body, null));
        signable.headers().forEach(request::header);
        try (Response response = http.newCall(request.build()).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException(method + " " + url + " failed: " + response.code() + " "
                        + response.body().string());
            }
            return response.header("x-oss-next-append-position");
        }
    }
}
