package io.github.osslog.testkit;

import io.github.osslog.testkit.http.HttpRequest;

/** Parses a single-range {@code Range: bytes=...} header as OSS does. Stateless. */
final class ByteRange {
    private ByteRange() {
    }

    /**
     * Returns {@code {first, last}} (inclusive) for a valid, satisfiable single range, or {@code null} when the
     * header is absent, malformed or unsatisfiable: OSS then answers the whole object, unless the client asked
     * for standard behaviour ({@link #strict}).
     */
    static long[] parse(String header, long length) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                return suffix <= 0 || length == 0 ? null : new long[] {Math.max(0, length - suffix), length - 1};
            }
            long from = Long.parseLong(first);
            long to = last.isEmpty() ? length - 1 : Math.min(Long.parseLong(last), length - 1);
            return from < 0 || from >= length || to < from ? null : new long[] {from, to};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the client asked for RFC behaviour (416 on an unsatisfiable range). */
    static boolean strict(HttpRequest request) {
        return "standard".equalsIgnoreCase(request.header("x-oss-range-behavior"));
    }
}
