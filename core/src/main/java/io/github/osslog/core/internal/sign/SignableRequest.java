package io.github.osslog.core.internal.sign;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A request as the signer sees it: method, bucket, decoded object key, decoded query parameters and headers. The OSS
 * client builds one per request; the testkit server builds one from what it received. Not thread-safe.
 */
public final class SignableRequest {
    private final String method;
    private final String bucket;
    private final String key;
    private final SortedMap<String, String> query = new TreeMap<>();
    private final SortedMap<String, String> headers = new TreeMap<>();

    /**
     * @param method the HTTP method, e.g. {@code POST}
     * @param bucket the bucket name, {@code ""} for service-level requests
     * @param key the decoded object key, {@code ""} for bucket-level requests such as ListObjects
     */
    public SignableRequest(String method, String bucket, String key) {
        Objects.requireNonNull(method, "method must not be null");
        if (method.trim().isEmpty()) {
            throw new IllegalArgumentException("method must not be blank");
        }
        this.method = method;
        this.bucket = Objects.requireNonNull(bucket, "bucket must not be null: use \"\" for service-level requests");
        this.key = Objects.requireNonNull(key, "key must not be null: use \"\" for bucket-level requests");
        if (bucket.isEmpty() && !key.isEmpty()) {
            throw new IllegalArgumentException("key '" + key + "' needs a bucket");
        }
    }

    /** Sets a decoded query parameter; {@code value} {@code null} means a value-less parameter such as {@code append}. */
    public SignableRequest query(String name, String value) {
        query.put(Objects.requireNonNull(name, "query parameter name must not be null"), value);
        return this;
    }

    /** Sets a header, replacing any previous value; the name is stored lower-case. */
    public SignableRequest header(String name, String value) {
        Objects.requireNonNull(name, "header name must not be null");
        Objects.requireNonNull(value, () -> "header '" + name + "' must not have a null value");
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    public String method() {
        return method;
    }

    public String bucket() {
        return bucket;
    }

    /** The decoded object key, {@code ""} for bucket- and service-level requests. */
    public String key() {
        return key;
    }

    /** The decoded query parameters sorted by name; a {@code null} value marks a value-less parameter. Unmodifiable. */
    public SortedMap<String, String> query() {
        return Collections.unmodifiableSortedMap(query);
    }

    /** The headers by lower-case name, sorted. Unmodifiable. */
    public Map<String, String> headers() {
        return Collections.unmodifiableSortedMap(headers);
    }

    /** The value of a header looked up case-insensitively, or {@code null} if absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Names the request without header values, which may hold a security token. */
    @Override
    public String toString() {
        return "SignableRequest{" + method + " /" + bucket + (bucket.isEmpty() ? "" : "/") + key
                + ", query=" + query.keySet() + ", headers=" + headers.keySet() + '}';
    }
}
