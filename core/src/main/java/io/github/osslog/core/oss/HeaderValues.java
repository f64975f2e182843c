package io.github.osslog.core.oss;

import okhttp3.MediaType;

/** Checks header values before they reach OkHttp, so a bad creation header fails with its name. Stateless. */
final class HeaderValues {
    private HeaderValues() {
    }

    static String check(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("header " + name + " has no value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c >= 0x7f) {
                throw new IllegalArgumentException("header " + name + " contains the character U+"
                        + String.format("%04X", (int) c) + " at index " + i + ": HTTP header values must be"
                        + " printable ASCII; URL-encode non-ASCII metadata values");
            }
        }
        if (name.equalsIgnoreCase("content-type") && MediaType.parse(value) == null) {
            throw new IllegalArgumentException("content type '" + value + "' is not a valid media type, e.g."
                    + " text/plain; charset=utf-8");
        }
        return value;
    }
}
