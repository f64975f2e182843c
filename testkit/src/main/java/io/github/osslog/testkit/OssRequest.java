package io.github.osslog.testkit;

import io.github.osslog.testkit.http.HttpRequest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request as OSS sees it: bucket and key (from the Host header or the path), decoded query, operation. The
 * constructor stays lenient so the journal can record even bad requests; {@link #validate()} raises the OSS error.
 * Immutable.
 */
final class OssRequest {
    /** OSS sub-resources the testkit does not implement; a request naming one gets 501 NotImplemented. */
    private static final Set<String> UNSUPPORTED = new HashSet<>(Arrays.asList(
            "acl", "uploads", "uploadId", "partNumber", "tagging", "symlink", "restore", "cors", "logging",
            "website", "referer", "lifecycle", "location", "bucketInfo", "stat", "delete", "versioning", "versions",
            "versionId", "x-oss-process", "policy", "encryption", "worm", "wormId", "qos", "inventory",
            "replication", "comp", "seal", "cleanRestoredObject", "callback"));
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    final HttpRequest http;
    /** {@code null} when the request names no bucket. */
    final String bucket;
    /** "" for bucket-level requests; {@code null} when the path could not be decoded. */
    final String key;
    /** Decoded query parameters; a value-less parameter maps to {@code null}. */
    final Map<String, String> query;
    final Operation operation;

    OssRequest(HttpRequest http) {
        this.http = http;
        String bucketFromHost = bucketFromHost(http.header("host"));
        String raw = http.rawPath().startsWith("/") ? http.rawPath().substring(1) : http.rawPath();
        String b;
        String k;
        if (bucketFromHost != null) {
            b = bucketFromHost;
            k = decodeOrNull(raw);
        } else {
            int slash = raw.indexOf('/');
            b = raw.isEmpty() ? null : decodeOrNull(slash < 0 ? raw : raw.substring(0, slash));
            k = slash < 0 ? "" : decodeOrNull(raw.substring(slash + 1));
        }
        this.bucket = b;
        this.key = k;
        this.query = parseQuery(http.rawQuery());
        this.operation = classify();
    }

    static boolean isValidBucket(String name) {
        return BUCKET.matcher(name).matches();
    }

    boolean has(String parameter) {
        return query.containsKey(parameter);
    }

    /** Throws the OSS error for a request that names no valid bucket, key or operation. */
    void validate() {
        String unsupported = null;
        for (String name : query.keySet()) {
            if (UNSUPPORTED.contains(name)) {
                unsupported = name;
            }
        }
        if (unsupported != null) {
            throw OssException.notImplemented("The testkit does not implement the '" + unsupported
                    + "' sub-resource.");
        }
        if (bucket == null) {
            throw OssException.notImplemented("The testkit does not implement service-level operations.");
        }
        if (!isValidBucket(bucket)) {
            throw OssException.invalidBucketName(bucket);
        }
        if (key == null) {
            throw OssException.invalidObjectName("The object name is not valid percent-encoded UTF-8.");
        }
        if (!key.isEmpty()) {
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > 1023 || key.startsWith("/") || key.startsWith("\\") || key.indexOf('\r') >= 0
                    || key.indexOf('\n') >= 0) {
                throw OssException.invalidObjectName("The object name must be 1-1023 bytes of UTF-8, must not "
                        + "start with '/' or '\\' and must not contain CR or LF.");
            }
        }
        if (operation == Operation.OTHER) {
            throw OssException.methodNotAllowed(http.method());
        }
    }

    private Operation classify() {
        if (key == null || key.isEmpty()) {
            if (bucket != null && http.method().equals("GET")) {
                return "2".equals(query.get("list-type")) ? Operation.LIST_OBJECTS_V2 : Operation.LIST_OBJECTS;
            }
            return Operation.OTHER;
        }
        switch (http.method()) {
            case "POST": return has("append") ? Operation.APPEND_OBJECT : Operation.OTHER;
            case "PUT": return Operation.PUT_OBJECT;
            case "GET": return Operation.GET_OBJECT;
            case "HEAD": return has("objectMeta") ? Operation.GET_OBJECT_META : Operation.HEAD_OBJECT;
            case "DELETE": return Operation.DELETE_OBJECT;
            default: return Operation.OTHER;
        }
    }

    /** The virtual-hosted bucket ({@code bucket.host}), or {@code null} for IP and single-label hosts. */
    private static String bucketFromHost(String host) {
        if (host == null || host.startsWith("[")) {
            return null;
        }
        int colon = host.indexOf(':');
        String name = (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        if (dot <= 0 || IPV4.matcher(name).matches()) {
            return null;
        }
        return name.substring(0, dot);
    }

    private static Map<String, String> parseQuery(String raw) {
        if (raw.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeOrNull(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? null : decodeOrNull(pair.substring(eq + 1));
            if (name != null) {
                query.put(name, value == null && eq >= 0 ? "" : value);
            }
        }
        return query;
    }

    /** Strict percent-decoding to UTF-8 ('+' stays '+'); {@code null} when malformed. */
    static String decodeOrNull(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
