package io.github.osslog.reader;

import java.io.IOException;

/** Receives an object's content in units that each end at an offset where reading can resume. */
public interface ContentSink {
    /**
     * Bytes {@code [off, off + len)} of {@code b}: the content of object bytes {@code [start, end)}. For a gzip
     * object the unit is one whole member, decoded; otherwise the bytes themselves. The array is reused after the
     * call returns.
     */
    void content(LogObject object, byte[] b, int off, int len, long start, long end) throws IOException;
}
