package io.github.osslog.core.oss;

import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.ObjectType;
import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Response;
import org.w3c.dom.Element;

/** Reads the successful answers of HeadObject and ListObjects V2. Stateless. */
final class ResponseParsing {
    private static final String META_PREFIX = "x-oss-meta-";

    private ResponseParsing() {
    }

    /**
     * The object a HEAD describes. A length or position out of range (negative, above 5 GiB, not a number) is not
     * used: the length is taken from whichever of {@code Content-Length} and {@code x-oss-next-append-position} is
     * valid, and only when neither is does the HEAD fail. A malformed CRC-64 counts as absent, as on objects older
     * than OSS's CRCs: reconciliation then compares lengths only (docs/reconciliation.md).
     *
     * @throws MalformedResponseException when neither header gives a valid length
     */
    static ObjectInfo objectInfo(Response response) throws IOException {
        ObjectType type = ObjectType.fromHeader(response.header("x-oss-object-type"));
        long next = ServerValues.lengthOrMinusOne(response.header("x-oss-next-append-position"));
        String contentLength = response.header("Content-Length");
        long length = contentLength == null ? 0 : ServerValues.lengthOrMinusOne(contentLength);
        if (length < 0) {
            length = next >= 0 ? next : ServerValues.length(contentLength, "Content-Length");
        }
        String crcHeader = response.header("x-oss-hash-crc64ecma");
        Long crc = null;
        if (crcHeader != null) {
            try {
                crc = ServerValues.crc64(crcHeader, "x-oss-hash-crc64ecma");
            } catch (MalformedResponseException absent) {
                crc = null;
            }
        }
        Map<String, String> meta = new HashMap<>();
        for (String name : response.headers().names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(META_PREFIX)) {
                meta.put(lower.substring(META_PREFIX.length()), response.header(name));
            }
        }
        return new ObjectInfo(type, length, next < 0 ? StoreException.NO_POSITION : next,
                crc == null ? 0L : crc, crc != null, response.header("ETag"), response.header("Content-Type"), meta, response.header("x-oss-request-id"));
    }

    /** Parses a ListBucketResult requested with {@code encoding-type=url}. */
    static ObjectListing listing(byte[] body) throws IOException {
        Element root = Xml.parse(body);
        Map<String, String> top = Xml.childTexts(root);
        boolean urlEncoded = "url".equalsIgnoreCase(top.get("EncodingType"));
        List<ObjectSummary> objects = new ArrayList<>();
        for (Element contents : Xml.children(root, "Contents")) {
            Map<String, String> f = Xml.childTexts(contents);
            objects.add(new ObjectSummary(decode(f.get("Key"), urlEncoded),
                    f.get("Size") == null ? 0 : ServerValues.length(f.get("Size"), "Size"), f.get("ETag"),
                    instant(f.get("LastModified")), f.get("Type")));
        }
        List<String> prefixes = new ArrayList<>();
        for (Element prefix : Xml.children(root, "CommonPrefixes")) {
            prefixes.add(decode(Xml.childTexts(prefix).get("Prefix"), urlEncoded));
        }
        boolean truncated = "true".equalsIgnoreCase(top.get("IsTruncated"));
        // The continuation token is opaque: it goes back to OSS exactly as it came.
        String token = truncated ? top.get("NextContinuationToken") : null;
        if (truncated && (token == null || token.isEmpty())) {
            throw new IOException("OSS listed a truncated page without a NextContinuationToken");
        }
        return new ObjectListing(objects, prefixes, token);
    }

    private static String decode(String value, boolean urlEncoded) {
        if (value == null || !urlEncoded) {
            return value;
        }
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses an RFC 1123 {@code Last-Modified} header, or {@code null} when absent or malformed. */
    static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The total length from {@code Content-Range: bytes a-b/total}, or {@code fallback} when absent. */
    static long rangeTotal(String contentRange, long fallback) {
        int slash = contentRange == null ? -1 : contentRange.lastIndexOf('/');
        if (slash < 0) {
            return fallback;
        }
        try {
            return Long.parseLong(contentRange.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
