package io.github.osslog.logback;

/**
 * Remembers the text of recent stack frames ({@link StackTraceElement#toString()}), so a stack trace that recurs
 * (the same throw sites, logged again) is written without rebuilding each frame's String, which on JDK 17 was a
 * large share of the logging thread's time and garbage when exceptions are logged (docs/logback-adapter.md).
 * A direct-mapped table of 1,024 slots by the frame's hash: a hit needs an equal frame (class, method, file, line,
 * class loader name, module name and version), a miss asks the frame itself and takes the slot. At most 1,024
 * frames and their texts are held; a frame keeps only strings (the JDK drops its Class once its format is known), so
 * the table pins no class loader. Thread-safe: each slot holds one immutable entry, replaced whole.
 *
 * <p>Equal frames print alike except in one case the JDK hides: a class loader that is not one of the JDK's own but
 * is named like one ({@code app}, {@code platform}) loading a class with the same name as a class the JDK's own
 * loader loaded, at the same line. The JDK prints the loader's name only for the former; a cached text may then
 * show or omit that {@code app/} prefix. See docs/logback-adapter.md.
 */
final class FrameTexts {
    private static final int SLOTS = 1024;

    private final Entry[] slots = new Entry[SLOTS];

    private static final class Entry {
        final StackTraceElement frame;
        final String text;

        Entry(StackTraceElement frame, String text) {
            this.frame = frame;
            this.text = text;
        }
    }

    /** What {@code frame.toString()} returns. */
    String text(StackTraceElement frame) {
        int hash = frame.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Entry entry = slots[slot];
        if (entry != null && (entry.frame == frame || entry.frame.equals(frame))) {
            return entry.text;
        }
        String text = frame.toString();
        slots[slot] = new Entry(frame, text);
        return text;
    }
}
