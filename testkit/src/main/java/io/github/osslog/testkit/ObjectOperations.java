package io.github.osslog.testkit;

import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.store.ObjectType;
import io.github.osslog.testkit.http.HttpRequest;
import io.github.osslog.testkit.http.HttpResponse;
import io.github.osslog.testkit.store.AppendOutcome;
import io.github.osslog.testkit.store.Bucket;
import io.github.osslog.testkit.store.StoredObject;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/** AppendObject, PutObject, GetObject, HeadObject and DeleteObject with OSS semantics. Thread-safe. */
final class ObjectOperations {
    private final long maxObjectSize;

    ObjectOperations(long maxObjectSize) {
        this.maxObjectSize = maxObjectSize;
    }

    HttpResponse append(OssRequest request, Bucket bucket, Instant now) {
        long position = position(request);
        HttpRequest http = request.http;
        byte[] body = http.body();
        verifyMd5(http, body);
        // only the creating append stores headers; OSS ignores them later, but still rejects invalid ones
        Map<String, String> headers = position == 0 ? StoredHeaders.from(http, true) : Collections.emptyMap();
        long bodyCrc = bodyCrc(http);
        AppendOutcome outcome = bucket.append(request.key, position, body, bodyCrc, headers, now.toEpochMilli(),
                maxObjectSize);
        switch (outcome.status()) {
            case NOT_APPENDABLE:
                throw new OssException(409, "ObjectNotAppendable", "The object is not appendable", "0026-00000015");
            case POSITION_MISMATCH:
                throw new OssException(409, "PositionNotEqualToLength", "Position is not equal to file length",
                        "0026-00000016")
                        .header("x-oss-next-append-position", Long.toString(outcome.length()))
                        .header("x-oss-hash-crc64ecma", Crc64.toUnsigned(crc(outcome.object())));
            case TOO_LARGE:
                throw OssException.entityTooLarge("The object would exceed the maximum size of " + maxObjectSize
                        + " bytes.");
            default:
                StoredObject object = outcome.object();
                return HttpResponse.status(200)
                        .header("etag", quoted(object.etag()))
                        .header("x-oss-next-append-position", Long.toString(object.length()))
                        .header("x-oss-hash-crc64ecma", Crc64.toUnsigned(object.crc64()));
        }
    }

    HttpResponse put(OssRequest request, Bucket bucket, Instant now) {
        HttpRequest http = request.http;
        if (http.header("x-oss-copy-source") != null) {
            throw OssException.notImplemented("The testkit does not implement CopyObject.");
        }
        byte[] body = http.body();
        if (body.length > maxObjectSize) {
            throw OssException.entityTooLarge("The object exceeds the maximum size of " + maxObjectSize + " bytes.");
        }
        byte[] verified = verifyMd5(http, body);
        byte[] md5 = verified != null ? verified : md5(body);
        StoredObject object = StoredObject.create(ObjectType.NORMAL, body, bodyCrc(http),
                StoredHeaders.from(http, false), hex(md5), now.toEpochMilli());
        if ("true".equalsIgnoreCase(http.header("x-oss-forbid-overwrite"))) {
            if (!bucket.putIfAbsent(request.key, object)) {
                throw new OssException(409, "FileAlreadyExists",
                        "The object you specified already exists and can not be overwritten.", "0016-00000708");
            }
        } else {
            bucket.put(request.key, object);
        }
        return HttpResponse.status(200)
                .header("etag", quoted(object.etag()))
                .header("content-md5", Base64.getEncoder().encodeToString(md5))
                .header("x-oss-hash-crc64ecma", Crc64.toUnsigned(object.crc64()));
    }

    HttpResponse head(OssRequest request, Bucket bucket) {
        StoredObject object = existing(request, bucket);
        return describe(HttpResponse.status(200), object).header("content-length", Long.toString(object.length()));
    }

    /** GetObjectMeta ({@code HEAD ?objectMeta}): only length, ETag and times. */
    HttpResponse objectMeta(OssRequest request, Bucket bucket) {
        StoredObject object = existing(request, bucket);
        String modified = ServerClock.RFC_1123.format(Instant.ofEpochMilli(object.lastModifiedMillis()));
        return HttpResponse.status(200)
                .header("content-length", Long.toString(object.length()))
                .header("etag", quoted(object.etag()))
                .header("last-modified", modified)
                .header("x-oss-last-access-time", modified);
    }

    HttpResponse get(OssRequest request, Bucket bucket) {
        StoredObject object = existing(request, bucket);
        long length = object.length();
        long[] range = ByteRange.parse(request.http.header("range"), length);
        if (range == null && ByteRange.strict(request.http) && request.http.header("range") != null) {
            throw new OssException(416, "InvalidRange", "The requested range cannot be satisfied", "0026-00000004")
                    .header("content-range", "bytes */" + length);
        }
        long from = range == null ? 0 : range[0];
        long to = range == null ? length : range[1] + 1;
        HttpResponse response = describe(HttpResponse.status(range == null ? 200 : 206), object);
        if (range != null) {
            response.header("content-range", "bytes " + from + "-" + (to - 1) + "/" + length);
        }
        request.query.forEach((name, value) -> {
            if (name.startsWith("response-") && value != null) {
                response.header(name.substring("response-".length()), value);
            }
        });
        return response.body(new HttpResponse.Body() {
            @Override
            public long length() {
                return to - from;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                object.writeTo(out, from, to);
            }
        });
    }

    HttpResponse delete(OssRequest request, Bucket bucket) {
        bucket.delete(request.key);
        return HttpResponse.status(204);
    }

    private static HttpResponse describe(HttpResponse response, StoredObject object) {
        object.headers().forEach(response::header);
        response.header("accept-ranges", "bytes")
                .header("etag", quoted(object.etag()))
                .header("last-modified", ServerClock.RFC_1123.format(Instant.ofEpochMilli(object.lastModifiedMillis())))
                .header("x-oss-object-type", typeName(object.type()))
                .header("x-oss-hash-crc64ecma", Crc64.toUnsigned(object.crc64()));
        if (object.type() == ObjectType.APPENDABLE) {
            response.header("x-oss-next-append-position", Long.toString(object.length()));
        }
        return response;
    }

    static String typeName(ObjectType type) {
        String name = type.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    static String quoted(String etag) {
        return '"' + etag + '"';
    }

    private static StoredObject existing(OssRequest request, Bucket bucket) {
        StoredObject object = bucket.get(request.key);
        if (object == null) {
            throw OssException.noSuchKey(request.key);
        }
        return object;
    }

    private static long crc(StoredObject object) {
        return object == null ? 0 : object.crc64();
    }

    private long position(OssRequest request) {
        if (!request.has("position")) {
            throw OssException.invalidArgument("The position parameter is missing.", "0016-00000501", "position",
                    "");
        }
        String value = request.query.get("position");
        try {
            long position = Long.parseLong(value);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw OssException.invalidArgument("Position is not valid.", "0016-00000502", "position",
                String.valueOf(value));
    }

    private static long bodyCrc(HttpRequest http) {
        return http.hasBodyCrc64() ? http.bodyCrc64() : Crc64.compute(http.body(), 0, http.body().length);
    }

    /** Rejects an upload without a declared length or beyond the body limit; OSS does so before authenticating. */
    static void checkUploadFraming(HttpRequest http) {
        if (http.bodyTooLarge()) {
            throw OssException.entityTooLarge("Your proposed upload exceeds the maximum allowed size.");
        }
        if (!http.lengthDeclared()) {
            throw OssException.missingContentLength();
        }
    }

    /** Checks an optional Content-MD5 header; returns the body's MD5, or {@code null} when there was no header. */
    private static byte[] verifyMd5(HttpRequest http, byte[] body) {
        String expected = http.header("content-md5");
        if (expected == null) {
            return null;
        }
        byte[] md5 = md5(body);
        if (!expected.equals(Base64.getEncoder().encodeToString(md5))) {
            throw new OssException(400, "InvalidDigest", "The Content-MD5 you specified was invalid.",
                    "0016-00000912").detail("Content-MD5", expected);
        }
        return md5;
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
        return hex.toString();
    }
}
