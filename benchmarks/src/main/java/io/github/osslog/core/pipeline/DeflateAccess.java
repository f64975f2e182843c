package io.github.osslog.core.pipeline;

/**
 * The benchmarks' way to the core's package-private {@link QuickDeflate}: this class sits in the same package on the
 * benchmark's class path. Not thread-safe: one per thread.
 */
public final class DeflateAccess {
    private final QuickDeflate quick = new QuickDeflate();

    /** Deflates {@code in[off, off + len)} into {@code out}, which has {@link #bound} bytes; returns the size. */
    public int quick(byte[] in, int off, int len, byte[] out) {
        return quick.deflate(in, off, len, out, 0);
    }

    public static int bound(int len) {
        return QuickDeflate.bound(len);
    }
}
