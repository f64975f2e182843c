package io.github.osslog.core.auth;

/**
 * Cleans and checks credential values as they are loaded: surrounding whitespace (the line ending of a mounted
 * file, a copy-paste) is removed, any other character outside printable ASCII is refused. A value that reached an
 * HTTP header with a control character would make the HTTP library quote it in an exception. Messages name where
 * the value came from and the offending character, never the value. Stateless.
 */
final class SecretValues {
    private static final String WHITESPACE = " \t\n\r\f\u000B";

    private SecretValues() {
    }

    /**
     * {@code value} without surrounding whitespace, or {@code null} when it is {@code null} or blank.
     *
     * @param source what the user set, e.g. {@code "environment variable OSS_SESSION_TOKEN"} or
     *     {@code "securityToken"}
     * @throws CredentialsException naming {@code source} when a character outside printable ASCII remains
     */
    static String clean(String value, String source) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && WHITESPACE.indexOf(value.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && WHITESPACE.indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        if (start == end) {
            return null;
        }
        String trimmed = value.substring(start, end);
        String problem = problem(trimmed);
        if (problem != null) {
            throw new CredentialsException(source + " " + problem + ": credentials are printable ASCII; remove the"
                    + " stray character where " + source + " is set (a file read with its line ending, a value"
                    + " pasted with a line break)");
        }
        return trimmed;
    }

    /**
     * What is wrong with {@code value} (e.g. "contains the character U+000D at index 7 of 40"), or {@code null}
     * when every character is printable ASCII. Never quotes the value.
     */
    static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "contains the character U+" + String.format("%04X", (int) c) + " at index " + i + " of "
                        + value.length();
            }
        }
        return null;
    }
}
