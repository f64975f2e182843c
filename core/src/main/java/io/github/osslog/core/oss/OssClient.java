package io.github.osslog.core.oss;

import io.github.osslog.core.Redactor;
import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.internal.http.BoundedReads;
import io.github.osslog.core.internal.sign.RequestSigner;
import io.github.osslog.core.internal.sign.SignableRequest;
import io.github.osslog.core.sign.SignatureVersion;
import io.github.osslog.core.internal.sign.UriEncoding;
import io.github.osslog.core.internal.sign.V1Signer;
import io.github.osslog.core.internal.sign.V4Signer;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.StoreLimits;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The OSS client osslog ships through: AppendObject, HeadObject, GetObject, PutObject, DeleteObject and
 * ListObjects (V2) on one bucket, signed V4 (default) or V1, over one owned OkHttp client without transparent
 * retries. Thread-safe; {@link #close()} releases the HTTP client.
 *
 * <p>Two rejections are handled inside each call, because OSS rejected the request before applying it: after
 * {@code RequestTimeTooSkewed} the client adopts the server's clock offset and re-signs once; after an expired or
 * invalid security token it asks the credentials provider to refresh and re-signs once.
 *
 * <p>What the server sends is read with bounds (docs/secrets.md): error bodies up to 64 KiB, lengths, positions
 * and CRCs strictly (a malformed one is a {@link MalformedResponseException}, an ambiguous outcome). The
 * credentials it signs with go into its {@link #redactor()}, which every exception it throws has passed.
 */
public final class OssClient implements AppendableStore, Closeable {
    private static final String USER_AGENT = "osslog/0.1.0";
    /** The most a ListObjects page may take: 1,000 keys of up to 1 KiB, URL-encoded, with their fields. */
    private static final int MAX_LISTING = 16 << 20;

    private final OssClientConfig config;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final RequestSigner signer;
    private final ServerClock serverClock;
    private final Redactor redactor = new Redactor();
    private volatile Credentials remembered;

    private OssClient(OssClientConfig config) {
        this.config = config;
        OkHttpClient base = config.baseHttpClient();
        this.ownsHttp = base == null;
        OkHttpClient.Builder builder = base == null ? new OkHttpClient.Builder() : base.newBuilder();
        TrustedCertificates trust = config.trust();
        if (trust != null) {
            builder.sslSocketFactory(trust.socketFactory(), trust.trustManager());
        }
        this.http = builder
                .retryOnConnectionFailure(false)
                .socketFactory(new TunedSocketFactory(base == null ? SocketFactory.getDefault() : base.socketFactory(),
                        config.endpoint().scheme().equals("https")))
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.signer = config.signatureVersion() == SignatureVersion.V4
                ? new V4Signer(config.region())
                : new V1Signer();
        this.serverClock = new ServerClock(config.clock());
    }

    /** Creates a client; the config was validated when it was built, so this makes no request. */
    public static OssClient create(OssClientConfig config) {
        return new OssClient(config);
    }

    public OssClientConfig config() {
        return config;
    }

    /**
     * Removes the credentials this client has signed with (the current ones and a few earlier ones) from text: the
     * pipeline's logger and metrics pass through it.
     */
    public Redactor redactor() {
        return redactor;
    }

    /** The offset, in milliseconds, added to the local clock after OSS reported the request time as skewed. */
    public long clockOffsetMillis() {
        return serverClock.offsetMillis();
    }

    @Override
    public StoreLimits limits() {
        return StoreLimits.OSS;
    }

    /** Appends {@code data} at {@code position}; see {@link #append(String, long, byte[], int, int, Map)}. */
    public AppendResult append(String key, long position, byte[] data) throws IOException {
        return append(key, position, data, 0, data.length, Collections.emptyMap());
    }

    /**
     * AppendObject: appends {@code len} bytes at {@code position} ({@code 0} creates the object). The creation
     * headers (content type, {@code x-oss-meta-*}, storage class, ...) are sent only when {@code position} is 0.
     */
    @Override
    public AppendResult append(String key, long position, byte[] data, int off, int len,
            Map<String, String> creationHeaders) throws IOException {
        OssNames.checkKey(key);
        if (position < 0) {
            throw new IllegalArgumentException("append position must not be negative, was " + position);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("append", null);
        query.put("position", Long.toString(position));
        Map<String, String> headers = position == 0 ? creationHeaders : Collections.emptyMap();
        try (Response response = execute("POST", key, query, headers, new Body(data, off, len))) {
            // a missing or malformed value leaves the outcome open: the pipeline checks the object with a HEAD
            long next = ServerValues.length(response.header("x-oss-next-append-position"),
                    "x-oss-next-append-position");
            String crc = response.header("x-oss-hash-crc64ecma");
            return new AppendResult(next, crc == null ? 0L : ServerValues.crc64(crc, "x-oss-hash-crc64ecma"),
                    crc != null, response.header("x-oss-request-id"));
        }
    }

    /** HeadObject: the object's type, length, next append position, CRC and metadata, or {@code null} if absent. */
    @Override
    public ObjectInfo head(String key) throws IOException {
        OssNames.checkKey(key);
        try (Response response = execute("HEAD", key, Collections.emptyMap(), Collections.emptyMap(), null)) {
            return ResponseParsing.objectInfo(response);
        } catch (OssException e) {
            if (e.status() == 404 && !e.code().equals("NoSuchBucket")) {
                return null;
            }
            throw e;
        }
    }

    /** GetObject: the whole object. */
    public byte[] get(String key) throws IOException {
        return get(key, -1, -1);
    }

    /**
     * GetObject with a byte range: bytes {@code first} to {@code last} inclusive; {@code last = -1} reads to the
     * end; {@code first = -1} reads the whole object.
     */
    public byte[] get(String key, long first, long last) throws IOException {
        OssNames.checkKey(key);
        Map<String, String> headers = Collections.emptyMap();
        if (first >= 0) {
            if (last != -1 && last < first) {
                throw new IllegalArgumentException("range end " + last + " is before its start " + first);
            }
            headers = Collections.singletonMap("range", "bytes=" + first + "-" + (last == -1 ? "" : last));
        }
        try (Response response = execute("GET", key, Collections.emptyMap(), headers, null)) {
            return response.body().bytes();
        }
    }

    /**
     * HeadObject as a listing entry (key, size, type, last modified, ETag), or {@code null} if absent: what a reader
     * that may not list the bucket learns about a key.
     */
    public ObjectSummary stat(String key) throws IOException {
        OssNames.checkKey(key);
        try (Response response = execute("HEAD", key, Collections.emptyMap(), Collections.emptyMap(), null)) {
            ObjectInfo info = ResponseParsing.objectInfo(response);
            return new ObjectSummary(key, info.length(), info.etag(), ResponseParsing.httpDate(
                    response.header("Last-Modified")), response.header("x-oss-object-type"));
        } catch (OssException e) {
            if (e.status() == 404 && !e.code().equals("NoSuchBucket")) {
                return null;
            }
            throw e;
        }
    }

    /**
     * GetObject from byte {@code first} to the end, streamed; the caller closes the result. Asks for standard range
     * behaviour, so a {@code first} at or past the end answers 416 InvalidRange instead of the whole object.
     */
    public ObjectStream openRange(String key, long first) throws IOException {
        OssNames.checkKey(key);
        if (first < 0) {
            throw new IllegalArgumentException("range start must not be negative, was " + first);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("range", "bytes=" + first + "-");
        headers.put("x-oss-range-behavior", "standard");
        Response response = execute("GET", key, Collections.emptyMap(), headers, null);
        try {
            long start = response.code() == 206 ? first : 0;
            long length = ResponseParsing.rangeTotal(response.header("Content-Range"),
                    start + response.body().contentLength());
            InputStream body = new CallTimeoutAsTimeout(response.body().byteStream(), key, config.callTimeout());
            // a server that ignored the range sent the whole object
            for (long skip = first - start; skip > 0; skip--) {
                if (body.read() < 0) {
                    throw new IOException("GetObject of '" + key + "' ended before byte " + first);
                }
            }
            return new ObjectStream(body, first, length, response.header("x-oss-object-type"), response);
        } catch (IOException | RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** PutObject: stores {@code data} as a Normal object, replacing any object with that key. Returns the ETag. */
    public String put(String key, byte[] data, Map<String, String> headers) throws IOException {
        OssNames.checkKey(key);
        try (Response response = execute("PUT", key, Collections.emptyMap(), headers,
                new Body(data, 0, data.length))) {
            return response.header("ETag");
        }
    }

    /** DeleteObject; deleting a missing key succeeds, as in OSS. */
    public void delete(String key) throws IOException {
        OssNames.checkKey(key);
        execute("DELETE", key, Collections.emptyMap(), Collections.emptyMap(), null).close();
    }

    /**
     * ListObjects V2: one page of keys starting with {@code prefix}.
     *
     * @param prefix the key prefix, or {@code null} for all keys
     * @param delimiter rolls keys up into common prefixes, or {@code null}
     * @param continuationToken the previous page's {@link ObjectListing#nextContinuationToken()}, or {@code null}
     * @param maxKeys 1 to 1000
     */
    public ObjectListing list(String prefix, String delimiter, String continuationToken, int maxKeys)
            throws IOException {
        if (maxKeys < 1 || maxKeys > 1000) {
            throw new IllegalArgumentException("maxKeys must be between 1 and 1000, was " + maxKeys);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("list-type", "2");
        query.put("encoding-type", "url");
        query.put("max-keys", Integer.toString(maxKeys));
        putIfPresent(query, "prefix", prefix);
        putIfPresent(query, "delimiter", delimiter);
        putIfPresent(query, "continuation-token", continuationToken);
        Call[] call = new Call[1];
        try (Response response = execute("GET", "", query, Collections.emptyMap(), null, call)) {
            return ResponseParsing.listing(BoundedReads.whole(call[0], response, MAX_LISTING, "A ListObjects page"));
        }
    }

    private static void putIfPresent(Map<String, String> query, String name, String value) {
        if (value != null && !value.isEmpty()) {
            query.put(name, value);
        }
    }

    /** Sends a signed request; returns the (open) successful response or throws the parsed {@link OssException}. */
    private Response execute(String method, String key, Map<String, String> query, Map<String, String> headers,
            Body body) throws IOException {
        return execute(method, key, query, headers, body, new Call[1]);
    }

    /** As above, leaving the successful response's call in {@code call[0]} for a bounded read of its body. */
    private Response execute(String method, String key, Map<String, String> query, Map<String, String> headers,
            Body body, Call[] call) throws IOException {
        try {
            return send(method, key, query, headers, body, call);
        } catch (IOException e) {
            // the HTTP stack's messages are copied out only once they are free of the credentials
            throw redactor.redact(e);
        }
    }

    private Response send(String method, String key, Map<String, String> query, Map<String, String> headers,
            Body body, Call[] call) throws IOException {
        boolean clockAdjusted = false;
        boolean credentialsRefreshed = false;
        while (true) {
            call[0] = http.newCall(signedRequest(method, key, query, headers, body));
            Response response = call[0].execute();
            if (response.isSuccessful()) {
                return response;
            }
            OssException error;
            try (Response failed = response) {
                error = OssErrors.fromResponse(failed, BoundedReads.head(call[0], failed, BoundedReads.SMALL_BODY),
                        redactor);
            }
            if (error.kind() == ErrorKind.CLOCK_SKEW && !clockAdjusted
                    && serverClock.adopt(response.header("Date"))) {
                clockAdjusted = true;
            } else if (error.kind() == ErrorKind.CREDENTIALS && !credentialsRefreshed) {
                config.credentials().refresh();
                credentialsRefreshed = true;
            } else {
                throw error;
            }
        }
    }

    private Request signedRequest(String method, String key, Map<String, String> query, Map<String, String> headers,
            Body body) throws InvalidHeaderException {
        SignableRequest toSign = new SignableRequest(method, config.bucket(), key);
        StringBuilder encodedQuery = new StringBuilder();
        for (Map.Entry<String, String> q : query.entrySet()) {
            toSign.query(q.getKey(), q.getValue());
            if (encodedQuery.length() > 0) {
                encodedQuery.append('&');
            }
            encodedQuery.append(UriEncoding.encode(q.getKey(), false));
            if (q.getValue() != null) {
                encodedQuery.append('=').append(UriEncoding.encode(q.getValue(), false));
            }
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            toSign.header(h.getKey(), HeaderValues.check(h.getKey(), h.getValue()));
        }
        if (body != null && config.sendContentMd5()) {
            toSign.header("content-md5", body.md5Base64());
        }
        Credentials credentials = config.credentials().getCredentials();
        remember(credentials);
        signer.sign(toSign, credentials, serverClock.now());

        Request.Builder request = new Request.Builder()
                .url(config.endpoint().url(config.urlStyle(), config.bucket(), key, encodedQuery.toString()))
                .header("User-Agent", USER_AGENT)
                // Raw bytes, always: OkHttp would otherwise ask for gzip and transparently inflate ranges.
                .header("Accept-Encoding", "identity");
        for (Map.Entry<String, String> h : toSign.headers().entrySet()) {
            try {
                request.header(h.getKey(), h.getValue());
            } catch (IllegalArgumentException e) {
                // OkHttp quotes the value, which may be a token: name the header only, and do not keep the cause
                throw new InvalidHeaderException(h.getKey());
            }
        }
        RequestBody requestBody = null;
        if (body != null) {
            String contentType = toSign.header("content-type");
            requestBody = body.requestBody(contentType == null ? null : MediaType.get(contentType));
        } else if (method.equals("POST") || method.equals("PUT")) {
            requestBody = RequestBody.create(new byte[0], null);
        }
        return request.method(method, requestBody).build();
    }

    /** Teaches the redactor the credentials about to be used; the same instance is skipped cheaply. */
    private void remember(Credentials credentials) {
        if (credentials != null && credentials != remembered) {
            redactor.remember(credentials.accessKeyId(), credentials.accessKeySecret(), credentials.securityToken());
            remembered = credentials;
        }
    }

    /** Releases the owned HTTP client's threads and idle connections; a client derived from a given base is left alone. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "OssClient{" + config + '}';
    }
}
