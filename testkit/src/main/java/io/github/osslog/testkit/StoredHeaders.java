package io.github.osslog.testkit;

import io.github.osslog.testkit.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates the headers a PutObject or a creating AppendObject stores with the object, and picks them out of the
 * request. Stateless.
 */
final class StoredHeaders {
    private static final int MAX_USER_METADATA = 8 * 1024;
    private static final Set<String> PLAIN = new HashSet<>(Arrays.asList(
            "content-type", "cache-control", "content-disposition", "content-encoding", "content-language",
            "expires"));
    private static final Set<String> STORAGE_CLASSES = new HashSet<>(Arrays.asList(
            "standard", "ia", "archive", "coldarchive", "deepcoldarchive"));
    private static final Set<String> ACLS = new HashSet<>(Arrays.asList(
            "default", "private", "public-read", "public-read-write"));
    private static final Set<String> ENCRYPTIONS = new HashSet<>(Arrays.asList("AES256", "KMS", "SM4"));

    private StoredHeaders() {
    }

    /** The headers to store; throws the OSS error for an invalid one. */
    static Map<String, String> from(HttpRequest request, boolean appendable) {
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("content-type", "application/octet-stream");
        int metadataBytes = 0;
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            String name = header.getKey();
            if (PLAIN.contains(name)) {
                stored.put(name, header.getValue());
            } else if (name.startsWith("x-oss-meta-")) {
                stored.put(name, header.getValue());
                metadataBytes += name.length() - "x-oss-meta-".length()
                        + header.getValue().getBytes(StandardCharsets.ISO_8859_1).length;
            }
        }
        if (metadataBytes > MAX_USER_METADATA) {
            throw OssException.invalidArgument("The user metadata (" + metadataBytes
                    + " bytes) exceeds the limit of 8 KB.", "0016-00000016", null, null);
        }
        String storageClass = request.header("x-oss-storage-class");
        if (storageClass != null) {
            String lower = storageClass.toLowerCase(Locale.ROOT);
            if (!STORAGE_CLASSES.contains(lower)) {
                throw OssException.invalidArgument("Invalid storage class.", "0016-00000504",
                        "x-oss-storage-class", storageClass);
            }
            if (appendable && lower.endsWith("coldarchive")) {
                throw OssException.invalidArgument("Appendable objects cannot be stored as " + storageClass + ".",
                        "0016-00000503", "x-oss-storage-class", storageClass);
            }
        }
        stored.put("x-oss-storage-class", storageClass == null ? "Standard" : storageClass);
        String acl = request.header("x-oss-object-acl");
        if (acl != null && !ACLS.contains(acl)) {
            throw OssException.invalidArgument("The specified object ACL is not valid.", "0016-00000801",
                    "x-oss-object-acl", acl);
        }
        String sse = request.header("x-oss-server-side-encryption");
        if (sse != null) {
            if (!ENCRYPTIONS.contains(sse)) {
                throw OssException.invalidArgument("The encryption method specified is not supported.",
                        "0016-00000504", "x-oss-server-side-encryption", sse);
            }
            stored.put("x-oss-server-side-encryption", sse);
        }
        String keyId = request.header("x-oss-server-side-encryption-key-id");
        if (keyId != null && appendable) {
            throw OssException.invalidArgument("Appendable objects do not support a specified KMS key id.",
                    "0016-00000505", "x-oss-server-side-encryption-key-id", keyId);
        }
        String tagging = request.header("x-oss-tagging");
        if (tagging != null && !tagging.isEmpty()) {
            stored.put("x-oss-tagging-count", Integer.toString(tagging.split("&").length));
        }
        return stored;
    }
}
