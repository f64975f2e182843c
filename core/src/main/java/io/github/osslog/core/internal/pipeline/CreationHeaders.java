package io.github.osslog.core.internal.pipeline;

import java.util.Locale;

/** Checks creation headers: only those that apply when an object is created, without line breaks. Stateless. */
final class CreationHeaders {
    private static final String[] NAMES = {"content-type", "cache-control", "content-disposition",
        "content-encoding", "expires", "x-oss-object-acl", "x-oss-storage-class",
        "x-oss-server-side-encryption", "x-oss-tagging"};

    private CreationHeaders() {
    }

    static void check(String name, String value) {
        if (name == null || !name.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("creationHeader name '" + name + "' is not a valid header name");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean known = lower.startsWith("x-oss-meta-") && lower.length() > "x-oss-meta-".length();
        for (String n : NAMES) {
            known |= n.equals(lower);
        }
        if (!known) {
            throw new IllegalArgumentException("creationHeader '" + name + "' is not a header that applies when an"
                    + " object is created; use Content-Type, Cache-Control, Content-Disposition, Content-Encoding,"
                    + " Expires, x-oss-meta-*, x-oss-object-acl, x-oss-storage-class,"
                    + " x-oss-server-side-encryption or x-oss-tagging");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("creationHeader '" + name
                    + "' must have a value without line breaks");
        }
    }
}
