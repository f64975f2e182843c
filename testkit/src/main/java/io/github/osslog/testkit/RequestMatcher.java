package io.github.osslog.testkit;

import java.util.Objects;

/**
 * Selects the requests a fault applies to: by operation, bucket and key, each optional. Immutable; build with
 * {@link #any()} or {@link #operation(Operation)} and narrow with {@link #key(String)} and {@link #bucket(String)}.
 */
public final class RequestMatcher {
    private static final RequestMatcher ANY = new RequestMatcher(null, null, null);

    private final Operation operation;
    private final String bucket;
    private final String key;

    private RequestMatcher(Operation operation, String bucket, String key) {
        this.operation = operation;
        this.bucket = bucket;
        this.key = key;
    }

    /** Every request. */
    public static RequestMatcher any() {
        return ANY;
    }

    /** Requests for {@code operation}. */
    public static RequestMatcher operation(Operation operation) {
        return new RequestMatcher(Objects.requireNonNull(operation, "operation"), null, null);
    }

    /** Only requests for {@code key} (decoded, without the bucket). */
    public RequestMatcher key(String key) {
        return new RequestMatcher(operation, bucket, Objects.requireNonNull(key, "key"));
    }

    /** Only requests to {@code bucket}. */
    public RequestMatcher bucket(String bucket) {
        return new RequestMatcher(operation, Objects.requireNonNull(bucket, "bucket"), key);
    }

    boolean matches(Operation op, String requestBucket, String requestKey) {
        return (operation == null || operation == op)
                && (bucket == null || bucket.equals(requestBucket))
                && (key == null || key.equals(requestKey));
    }

    @Override
    public String toString() {
        return "RequestMatcher{" + (operation == null ? "any operation" : operation)
                + (bucket == null ? "" : ", bucket=" + bucket) + (key == null ? "" : ", key=" + key) + '}';
    }
}
