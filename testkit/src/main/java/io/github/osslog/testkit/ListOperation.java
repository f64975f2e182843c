package io.github.osslog.testkit;

import io.github.osslog.core.internal.sign.UriEncoding;
import io.github.osslog.testkit.http.HttpResponse;
import io.github.osslog.testkit.store.Bucket;
import io.github.osslog.testkit.store.StoredObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** ListObjects (V1, marker) and ListObjectsV2 (continuation token) with prefix and delimiter. Stateless. */
final class ListOperation {
    private ListOperation() {
    }

    static HttpResponse list(OssRequest request, Bucket bucket, boolean v2) {
        Map<String, String> q = request.query;
        String prefix = orEmpty(q.get("prefix"));
        String delimiter = orEmpty(q.get("delimiter"));
        int maxKeys = maxKeys(q.get("max-keys"));
        boolean urlEncode = "url".equals(q.get("encoding-type"));
        String after = v2 ? max(orEmpty(q.get("start-after")), token(q.get("continuation-token")))
                : orEmpty(q.get("marker"));

        NavigableMap<String, StoredObject> objects = bucket.list(prefix).tailMap(after, false);
        List<Map.Entry<String, StoredObject>> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, StoredObject> entry : objects.entrySet()) {
            String key = entry.getKey();
            int cut = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            String common = cut < 0 ? null : key.substring(0, cut + delimiter.length());
            if (common != null && common.equals(last)) {
                continue; // keys are sorted, so one common prefix covers a contiguous run
            }
            if (contents.size() + prefixes.size() == maxKeys) {
                truncated = true;
                break;
            }
            if (common != null) {
                prefixes.add(common);
                last = common;
            } else {
                contents.add(entry);
                last = key;
            }
        }

        Xml xml = new Xml().open("ListBucketResult")
                .element("Name", bucket.name())
                .element("Prefix", encode(prefix, urlEncode));
        if (v2) {
            if (q.containsKey("start-after")) {
                xml.element("StartAfter", encode(orEmpty(q.get("start-after")), urlEncode));
            }
            if (q.containsKey("continuation-token")) {
                xml.element("ContinuationToken", orEmpty(q.get("continuation-token")));
            }
        } else {
            xml.element("Marker", encode(after, urlEncode));
        }
        xml.element("MaxKeys", maxKeys).element("Delimiter", encode(delimiter, urlEncode));
        if (urlEncode) {
            xml.element("EncodingType", "url");
        }
        xml.element("IsTruncated", truncated);
        if (truncated && v2) {
            xml.element("NextContinuationToken",
                    Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        } else if (truncated) {
            xml.element("NextMarker", encode(last, urlEncode));
        }
        if (v2) {
            xml.element("KeyCount", contents.size() + prefixes.size());
        }
        for (Map.Entry<String, StoredObject> entry : contents) {
            appendContents(xml, entry.getKey(), entry.getValue(), urlEncode);
        }
        for (String common : prefixes) {
            xml.open("CommonPrefixes").element("Prefix", encode(common, urlEncode)).close("CommonPrefixes");
        }
        xml.close("ListBucketResult");
        return HttpResponse.status(200).header("content-type", "application/xml").body(xml.bytes());
    }

    private static void appendContents(Xml xml, String key, StoredObject object, boolean urlEncode) {
        xml.open("Contents")
                .element("Key", encode(key, urlEncode))
                .element("LastModified", ServerClock.ISO_MILLIS.format(Instant.ofEpochMilli(object.lastModifiedMillis())))
                .element("ETag", ObjectOperations.quoted(object.etag()))
                .element("Type", ObjectOperations.typeName(object.type()))
                .element("Size", object.length())
                .element("StorageClass", object.headers().getOrDefault("x-oss-storage-class", "Standard"))
                .close("Contents");
    }

    private static int maxKeys(String value) {
        if (value == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw OssException.invalidArgument("max-keys must be between 1 and 1000.", "0016-00000401", "max-keys",
                value);
    }

    private static String token(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OssException.invalidArgument("The continuation token is not valid.", "0016-00000402",
                    "continuation-token", token);
        }
    }

    private static String max(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String encode(String s, boolean urlEncode) {
        return urlEncode ? UriEncoding.encode(s, true) : s;
    }
}
