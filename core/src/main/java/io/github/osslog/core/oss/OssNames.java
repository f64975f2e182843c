package io.github.osslog.core.oss;

import java.nio.charset.StandardCharsets;

/** Validation of bucket names and object keys against the OSS naming rules. Stateless. */
public final class OssNames {
    /** The longest object key OSS accepts, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1023;

    private OssNames() {
    }

    /**
     * Checks a bucket name: 3 to 63 characters, lower-case letters, digits and hyphens, not starting or ending
     * with a hyphen.
     *
     * @throws IllegalArgumentException naming the problem and the rule
     */
    public static String checkBucket(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket is missing: set bucket to the name of your OSS bucket");
        }
        String rule = ": a bucket name has 3 to 63 lower-case letters, digits or hyphens, and does not start or end"
                + " with a hyphen";
        if (bucket.length() < 3 || bucket.length() > 63) {
            throw new IllegalArgumentException("bucket '" + bucket + "' has " + bucket.length() + " characters" + rule);
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw new IllegalArgumentException("bucket '" + bucket + "' contains '" + c + "'" + rule);
            }
        }
        if (bucket.startsWith("-") || bucket.endsWith("-")) {
            throw new IllegalArgumentException("bucket '" + bucket + "' starts or ends with a hyphen" + rule);
        }
        return bucket;
    }

    /**
     * Checks an object key: not empty, at most 1023 UTF-8 bytes, not starting with {@code /} or {@code \}, valid
     * Unicode (no unpaired surrogates), and without {@code .} or {@code ..} segments (HTTP clients normalise them
     * away, so the request would reach another key).
     *
     * @throws IllegalArgumentException naming the problem and the rule
     */
    public static String checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key is empty: an OSS object key needs 1 to 1023 bytes");
        }
        if (key.charAt(0) == '/' || key.charAt(0) == '\\') {
            throw new IllegalArgumentException("object key '" + key + "' starts with '" + key.charAt(0)
                    + "': OSS object keys must not start with '/' or '\\'");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("object key '" + key.replace(c, '?')
                        + "' contains an unpaired surrogate at index " + i + ": keys must be valid Unicode");
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("object key '" + key + "' contains a '" + segment + "' path segment,"
                        + " which HTTP clients collapse: use another name for that part of the key");
            }
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("object key is " + bytes + " bytes long in UTF-8: OSS object keys"
                    + " are at most " + MAX_KEY_BYTES + " bytes; shorten the key pattern");
        }
        return key;
    }
}
