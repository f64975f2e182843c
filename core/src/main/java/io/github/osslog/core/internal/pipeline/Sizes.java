package io.github.osslog.core.internal.pipeline;

/** Formats byte counts the way users write them in configuration ({@code 32MB}, {@code 1GB}). Stateless. */
final class Sizes {
    private static final String[] UNITS = {"GB", "MB", "KB"};
    private static final int[] SHIFTS = {30, 20, 10};

    private Sizes() {
    }

    static String format(long bytes) {
        for (int u = 0; u < UNITS.length; u++) {
            long unit = 1L << SHIFTS[u];
            if (bytes != 0 && bytes % unit == 0) {
                return (bytes / unit) + UNITS[u];
            }
        }
        return bytes + " bytes";
    }
}
