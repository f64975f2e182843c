package io.github.osslog.core.internal.sign;

import java.nio.charset.StandardCharsets;

/** Percent-encoding as OSS canonicalizes URIs and query parameters. Stateless and thread-safe. */
public final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /**
     * Keeps {@code A-Za-z0-9-._~} (and {@code '/'} when {@code keepSlash}) and writes every other UTF-8 byte as an
     * upper-case {@code %XX}.
     */
    public static String encode(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
