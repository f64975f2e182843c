package io.github.osslog.core.oss;

import io.github.osslog.core.crc.Crc64;
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

    static ObjectInfo objectInfo(Response response) throws IOException {
        ObjectType type = ObjectType.fromHeader(response.header("x-oss-object-type"));
        long length = number(response.header("Content-Length"), "Content-Length", 0);
        long next = number(response.header("x-oss-next-append-position"), "x-oss-next-append-position",
                StoreException.NO_POSITION);
        String crc = response.header("x-oss-hash-crc64ecma");
        Map<String, String> meta = new HashMap<>();
        for (String name : response.headers().names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(META_PREFIX)) {
                meta.put(lower.substring(META_PREFIX.length()), response.header(name));
            }
        }
        return new ObjectInfo(type, length, next, crc == null ? 0L : Crc64.parseUnsigned(crc.trim()), crc != null,
                response.header("ETag"), response.header("Content-Type"), meta, response.header("x-oss-request-id"));
    }

    private static long number(String value, String header, long absent) throws IOException {
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException("OSS sent a malformed " + header + " header: '" + value + "'");
        }
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
                    number(f.get("Size"), "Size", 0), f.get("ETag"), instant(f.get("LastModified")), f.get("Type")));
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
