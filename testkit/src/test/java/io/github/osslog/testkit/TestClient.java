package io.github.osslog.testkit;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.internal.sign.RequestSigner;
import io.github.osslog.core.internal.sign.SignableRequest;
import io.github.osslog.core.internal.sign.UriEncoding;
import io.github.osslog.core.internal.sign.V1Signer;
import io.github.osslog.core.internal.sign.V4Signer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** A minimal signed OSS client for tests, built on OkHttp and core's signers. Not thread-safe to configure. */
final class TestClient implements AutoCloseable {

    /** A fully read response. */
    static final class Reply {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        Reply(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The error code from the XML body, or from {@code x-oss-err} for HEAD. */
        String errorCode() {
            String xml = body.length > 0 ? text()
                    : header("x-oss-err") == null ? "" : new String(Base64.getDecoder().decode(header("x-oss-err")),
                    StandardCharsets.UTF_8);
            return element(xml, "Code");
        }

        static String element(String xml, String name) {
            int start = xml.indexOf("<" + name + ">");
            int end = xml.indexOf("</" + name + ">");
            return start < 0 || end < 0 ? null : xml.substring(start + name.length() + 2, end);
        }
    }

    private final OkHttpClient http;
    private final String endpoint;
    private final String bucket;
    private final Credentials credentials;
    private final RequestSigner signer;
    private final Clock clock;
    private final boolean virtualHosted;

    private TestClient(OkHttpClient http, String endpoint, String bucket, Credentials credentials,
            RequestSigner signer, Clock clock, boolean virtualHosted) {
        this.virtualHosted = virtualHosted;
        this.http = http;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.credentials = credentials;
        this.signer = signer;
        this.clock = clock;
    }

    static TestClient v4(OssTestServer server, String bucket, Credentials credentials) {
        return v4(server, bucket, credentials, server.region());
    }

    static TestClient v4(OssTestServer server, String bucket, Credentials credentials, String region) {
        return new TestClient(newHttp(), server.endpoint(), bucket, credentials, new V4Signer(region),
                Clock.systemUTC(), false);
    }

    static TestClient v1(OssTestServer server, String bucket, Credentials credentials) {
        return new TestClient(newHttp(), server.endpoint(), bucket, credentials, new V1Signer(), Clock.systemUTC(), false);
    }

    TestClient withClock(Clock other) {
        return new TestClient(http, endpoint, bucket, credentials, signer, other, virtualHosted);
    }

    TestClient withCredentials(Credentials other) {
        return new TestClient(http, endpoint, bucket, other, signer, clock, virtualHosted);
    }

    TestClient withBucket(String other) {
        return new TestClient(http, endpoint, other, credentials, signer, clock, virtualHosted);
    }

    /** Sends {@code Host: <bucket>.localhost:<port>} and leaves the bucket out of the path. */
    TestClient virtualHosted() {
        return new TestClient(http, endpoint, bucket, credentials, signer, clock, true);
    }

    private static OkHttpClient newHttp() {
        return new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .callTimeout(Duration.ofSeconds(10)).readTimeout(10, TimeUnit.SECONDS).build();
    }

    Reply append(String key, long position, byte[] body) throws IOException {
        return append(key, position, body, Collections.emptyMap());
    }

    Reply append(String key, long position, byte[] body, Map<String, String> headers) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("append", null);
        query.put("position", Long.toString(position));
        return send("POST", key, query, headers, body);
    }

    Reply put(String key, byte[] body) throws IOException {
        return send("PUT", key, Collections.emptyMap(), Collections.emptyMap(), body);
    }

    Reply get(String key, Map<String, String> headers) throws IOException {
        return send("GET", key, Collections.emptyMap(), headers, null);
    }

    Reply head(String key) throws IOException {
        return send("HEAD", key, Collections.emptyMap(), Collections.emptyMap(), null);
    }

    Reply delete(String key) throws IOException {
        return send("DELETE", key, Collections.emptyMap(), Collections.emptyMap(), null);
    }

    /** Sends a signed path-style request; {@code null} query values are value-less parameters. */
    Reply send(String method, String key, Map<String, String> query, Map<String, String> headers, byte[] body)
            throws IOException {
        SignableRequest signable = new SignableRequest(method, bucket, key);
        query.forEach(signable::query);
        headers.forEach(signable::header);
        signer.sign(signable, credentials, clock.instant());
        StringBuilder url = new StringBuilder(endpoint).append('/');
        if (!virtualHosted) {
            url.append(bucket).append('/');
        }
        url.append(UriEncoding.encode(key, true));
        char separator = '?';
        for (Map.Entry<String, String> q : query.entrySet()) {
            url.append(separator).append(UriEncoding.encode(q.getKey(), false));
            if (q.getValue() != null) {
                url.append('=').append(UriEncoding.encode(q.getValue(), false));
            }
            separator = '&';
        }
        Request.Builder request = new Request.Builder().url(url.toString());
        signable.headers().forEach(request::header);
        if (virtualHosted) {
            request.header("Host", bucket + ".localhost:" + endpoint.substring(endpoint.lastIndexOf(':') + 1));
        }
        RequestBody requestBody = body == null ? null : RequestBody.create(body, null);
        if (requestBody == null && (method.equals("POST") || method.equals("PUT"))) {
            requestBody = RequestBody.create(new byte[0], null);
        }
        request.method(method, requestBody);
        try (Response response = http.newCall(request.build()).execute()) {
            Map<String, String> received = new TreeMap<>();
            for (String name : response.headers().names()) {
                received.put(name.toLowerCase(Locale.ROOT), response.header(name));
            }
            return new Reply(response.code(), received, response.body().bytes());
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
