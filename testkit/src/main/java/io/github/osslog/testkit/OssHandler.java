package io.github.osslog.testkit;

import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.store.ObjectType;
import io.github.osslog.testkit.http.HttpHandler;
import io.github.osslog.testkit.http.HttpRequest;
import io.github.osslog.testkit.http.HttpResponse;
import io.github.osslog.testkit.store.AppendOutcome;
import io.github.osslog.testkit.store.Bucket;
import io.github.osslog.testkit.store.Storage;
import io.github.osslog.testkit.store.StoredObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns HTTP requests into OSS operations: checks framing and signature, then injects the scheduled faults,
 * dispatches, renders OSS errors, and records every request in the journal. Thread-safe.
 *
 * <p>Nothing is allocated or created for a request that is not authentic: its body is left unread (the signature
 * covers the head only) and no bucket is auto-created for it.
 */
final class OssHandler implements HttpHandler {
    private static final String REQUEST_ID_PREFIX = String.format("%08X", System.currentTimeMillis() / 1000);

    private final Storage storage;
    private final boolean autoCreateBuckets;
    private final Authenticator authenticator;
    private final ObjectOperations objects;
    private final Faults faults;
    private final Journal journal;
    private final ServerClock clock;
    private final long maxObjectSize;
    private final AtomicLong requestIds = new AtomicLong();

    OssHandler(Storage storage, boolean autoCreateBuckets, Authenticator authenticator, Faults faults,
            Journal journal, ServerClock clock, long maxObjectSize) {
        this.storage = storage;
        this.autoCreateBuckets = autoCreateBuckets;
        this.authenticator = authenticator;
        this.objects = new ObjectOperations(maxObjectSize);
        this.faults = faults;
        this.journal = journal;
        this.clock = clock;
        this.maxObjectSize = maxObjectSize;
    }

    @Override
    public int maxBodyBytes() {
        return (int) Math.min(maxObjectSize, Integer.MAX_VALUE - 8);
    }

    /** Reads a body only for an authentic request (or the discard route, which does no OSS work). */
    @Override
    public boolean readsBody(HttpRequest head) {
        if (head.rawPath().equals(OssTestServer.DISCARD_PATH)) {
            return true;
        }
        try {
            authenticator.verify(new OssRequest(head), clock.now());
            return true;
        } catch (OssException notAuthentic) {
            return false; // handle() answers with the same error
        }
    }

    /** Uploads are checksummed while they arrive; the discard route stays a do-nothing baseline. */
    @Override
    public boolean checksumBody(String method, String rawPath) {
        return (method.equals("POST") || method.equals("PUT")) && !rawPath.equals(OssTestServer.DISCARD_PATH);
    }

    @Override
    public HttpResponse handle(HttpRequest http) {
        String requestId = REQUEST_ID_PREFIX + String.format("%016X", requestIds.incrementAndGet());
        Instant now = clock.now();
        if (http.rawPath().equals(OssTestServer.DISCARD_PATH)) {
            journal.record(new JournalEntry(now, requestId, Operation.DISCARD, null, null, -1, bodyLength(http),
                    200, null, null));
            return common(HttpResponse.status(200), requestId, now);
        }
        OssRequest request = new OssRequest(http);
        List<Fault> planned = request.operation == Operation.OTHER ? Collections.emptyList()
                : faults.plan(request.operation, request.bucket, request.key);
        HttpResponse response;
        String errorCode = null;
        try {
            response = serve(request, planned, now);
        } catch (OssException e) {
            response = error(e, http.method().equals("HEAD"), requestId, http.header("host"));
            errorCode = e.code();
        } catch (RuntimeException e) {
            // storage I/O failed (data-dir mode): answer as OSS does for its own failures, without a stack trace
            OssException internal = OssException.internalError("We encountered an internal error. Please try again.");
            response = error(internal, http.method().equals("HEAD"), requestId, http.header("host"));
            errorCode = internal.code();
        }
        journal.record(new JournalEntry(now, requestId, request.operation, request.bucket, request.key,
                position(request), bodyLength(http), response.status(), errorCode,
                planned.isEmpty() ? null : label(planned)));
        return common(response, requestId, now);
    }

    @Override
    public HttpResponse malformed(String reason) {
        String requestId = REQUEST_ID_PREFIX + String.format("%016X", requestIds.incrementAndGet());
        Instant now = clock.now();
        OssException e = OssException.invalidArgument("Malformed HTTP request: " + reason + ".", "0016-00000001",
                null, null);
        journal.record(new JournalEntry(now, requestId, Operation.OTHER, null, null, -1, 0, e.status(), e.code(),
                null));
        return common(error(e, false, requestId, null), requestId, now).closeConnection();
    }

    private HttpResponse serve(OssRequest request, List<Fault> planned, Instant now) {
        for (Fault fault : planned) {
            if (fault.kind() == Fault.Kind.LATENCY) {
                pause(fault.latency().toMillis());
            }
        }
        request.validate();
        if (request.operation == Operation.APPEND_OBJECT || request.operation == Operation.PUT_OBJECT) {
            ObjectOperations.checkUploadFraming(request.http);
        }
        authenticator.verify(request, now);
        Bucket bucket = bucket(request.bucket);
        Fault failure = null;
        boolean reset = false;
        boolean drop = false;
        boolean corrupt = false;
        Fault malformed = null;
        long cutAfter = -1;
        Fault stall = null;
        for (Fault fault : planned) {
            switch (fault.kind()) {
                case FOREIGN_APPEND:
                    if (!request.key.isEmpty()) {
                        foreignAppend(bucket, request.key, fault.bytes(), now);
                    }
                    break;
                case FOREIGN_PUT:
                    if (!request.key.isEmpty()) {
                        foreignPut(bucket, request.key, fault.bytes(), now);
                    }
                    break;
                case ERROR: failure = fault; break;
                case RESET_BEFORE_COMMIT: reset = true; break;
                case DROP_RESPONSE_AFTER_COMMIT: drop = true; break;
                case CORRUPT_CRC: corrupt = true; break;
                case MALFORMED_HEADER: malformed = fault; break;
                case CUT_BODY: cutAfter = fault.cutAfter(); break;
                case STALL_BODY: stall = fault; break;
                default: break;
            }
        }
        if (failure != null) {
            throw new OssException(failure.status(), failure.code(), "Injected by the osslog testkit.",
                    "0000-00000000");
        }
        if (reset) {
            return HttpResponse.resetConnection();
        }
        HttpResponse response = dispatch(request, bucket, now);
        String crc = response.header("x-oss-hash-crc64ecma");
        if (corrupt && crc != null) {
            response.header("x-oss-hash-crc64ecma", Crc64.toUnsigned(Crc64.parseUnsigned(crc) ^ 1L));
        }
        if (malformed != null) {
            response.header(malformed.code(), new String(malformed.bytes(), StandardCharsets.UTF_8));
        }
        if (cutAfter >= 0) {
            response.cutBodyAfter(cutAfter);
        }
        if (stall != null) {
            response.stallBodyAfter(stall.cutAfter(), stall.latency());
        }
        return drop ? HttpResponse.dropConnection() : response;
    }

    private HttpResponse dispatch(OssRequest request, Bucket bucket, Instant now) {
        switch (request.operation) {
            case APPEND_OBJECT: return objects.append(request, bucket, now);
            case PUT_OBJECT: return objects.put(request, bucket, now);
            case GET_OBJECT: return objects.get(request, bucket);
            case HEAD_OBJECT: return objects.head(request, bucket);
            case GET_OBJECT_META: return objects.objectMeta(request, bucket);
            case DELETE_OBJECT: return objects.delete(request, bucket);
            case LIST_OBJECTS: return ListOperation.list(request, bucket, false);
            case LIST_OBJECTS_V2: return ListOperation.list(request, bucket, true);
            default: throw OssException.methodNotAllowed(request.http.method());
        }
    }

    Bucket bucket(String name) {
        Bucket bucket = storage.bucket(name);
        if (bucket == null && autoCreateBuckets) {
            bucket = storage.createBucket(name);
        }
        if (bucket == null) {
            throw OssException.noSuchBucket(name);
        }
        return bucket;
    }

    /** Appends as another writer would; returns the new length, or -1 when the key holds a Normal object. */
    static long foreignAppend(Bucket bucket, String key, byte[] bytes, Instant now) {
        StoredObject current = bucket.get(key);
        long position = current == null ? 0 : current.length();
        AppendOutcome outcome = bucket.append(key, position, bytes.clone(), Crc64.compute(bytes, 0, bytes.length),
                Collections.emptyMap(), now.toEpochMilli(), Long.MAX_VALUE);
        return outcome.status() == AppendOutcome.Status.APPENDED ? outcome.length() : -1;
    }

    static void foreignPut(Bucket bucket, String key, byte[] bytes, Instant now) {
        bucket.put(key, StoredObject.create(ObjectType.NORMAL, bytes.clone(), Crc64.compute(bytes, 0, bytes.length),
                Collections.singletonMap("content-type", "application/octet-stream"), null, now.toEpochMilli()));
    }

    private static HttpResponse error(OssException e, boolean head, String requestId, String host) {
        Xml xml = new Xml().open("Error")
                .element("Code", e.code())
                .element("Message", e.getMessage())
                .element("RequestId", requestId)
                .element("HostId", host == null ? "localhost" : host);
        for (Map.Entry<String, String> detail : e.details().entrySet()) {
            xml.element(detail.getKey(), detail.getValue());
        }
        xml.element("EC", e.ec())
                .element("RecommendDoc", "https://api.aliyun.com/troubleshoot?q=" + e.ec())
                .close("Error");
        HttpResponse response = HttpResponse.status(e.status());
        e.headers().forEach(response::header);
        response.header("x-oss-ec", e.ec());
        if (head) {
            // HEAD answers carry no body, so OSS puts the error document in a header
            return response.header("x-oss-err", Base64.getEncoder().encodeToString(xml.bytes()));
        }
        return response.header("content-type", "application/xml").body(xml.bytes());
    }

    private static HttpResponse common(HttpResponse response, String requestId, Instant now) {
        return response.header("server", "AliyunOSS")
                .header("date", ServerClock.RFC_1123.format(now))
                .header("x-oss-request-id", requestId);
    }

    private static long position(OssRequest request) {
        String value = request.operation == Operation.APPEND_OBJECT ? request.query.get("position") : null;
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long bodyLength(HttpRequest http) {
        return http.body() == null ? 0 : http.body().length;
    }

    private static String label(List<Fault> planned) {
        StringBuilder label = new StringBuilder();
        for (Fault fault : planned) {
            label.append(label.length() == 0 ? "" : ", ").append(fault);
        }
        return label.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing
        }
    }
}
