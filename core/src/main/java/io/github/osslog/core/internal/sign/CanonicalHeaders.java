package io.github.osslog.core.internal.sign;

import java.util.Map;
import java.util.Set;

/** The header selection both signature versions share. Stateless and thread-safe. */
final class CanonicalHeaders {
    static final String OSS_PREFIX = "x-oss-";
    static final String CONTENT_TYPE = "content-type";
    static final String CONTENT_MD5 = "content-md5";

    private CanonicalHeaders() {
    }

    /** True for headers V4 always signs: every {@code x-oss-*} header, {@code content-type} and {@code content-md5}. */
    static boolean isDefaultSigned(String lowerCaseName) {
        return lowerCaseName.startsWith(OSS_PREFIX) || lowerCaseName.equals(CONTENT_TYPE)
                || lowerCaseName.equals(CONTENT_MD5);
    }

    /**
     * Appends {@code name:trimmed-value\n} for each header (already sorted, lower-case) that is default-signed, or
     * listed in {@code extra}, or (when {@code ossOnly}) only the {@code x-oss-*} ones.
     */
    static void append(StringBuilder sb, Map<String, String> headers, Set<String> extra, boolean ossOnly) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            boolean signed = ossOnly ? name.startsWith(OSS_PREFIX) : isDefaultSigned(name) || extra.contains(name);
            if (signed) {
                sb.append(name).append(':').append(h.getValue().trim()).append('\n');
            }
        }
    }
}
