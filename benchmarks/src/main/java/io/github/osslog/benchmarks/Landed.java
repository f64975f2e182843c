package io.github.osslog.benchmarks;

/** What a {@link LogTarget} delivered: log text bytes, and bytes stored at the destination. Immutable. */
final class Landed {
    /** Bytes of log text produced by the layout. */
    final long rawBytes;
    /** Bytes stored at the destination: the file's size, or the objects' total size (compressed with gzip). */
    final long storedBytes;

    Landed(long rawBytes, long storedBytes) {
        this.rawBytes = rawBytes;
        this.storedBytes = storedBytes;
    }

    @Override
    public String toString() {
        return rawBytes + " bytes of text, " + storedBytes + " bytes stored"
                + (storedBytes == rawBytes ? "" : String.format(" (%.1f%%)", 100.0 * storedBytes / rawBytes));
    }
}
