package io.github.osslog.reader;

import io.github.osslog.core.oss.ObjectStream;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one object from an offset to its current end with ranged GETs, streaming: plain bytes as they come (or
 * up to the last complete line), gzip objects member by member. A transient failure mid-body resumes at the last
 * delivered offset, so every byte is delivered once. Not thread-safe.
 */
final class ObjectReader {
    private static final int CHUNK = 256 << 10;

    private final OssClient oss;
    private final Retrier retrier;
    private final boolean decodeGzip;
    private final GzipMembers gzip = new GzipMembers();
    private final byte[] buffer = new byte[CHUNK];
    /** The offset after the last delivered unit of the read in progress. */
    private long delivered;

    ObjectReader(OssClient oss, Retrier retrier, boolean decodeGzip) {
        this.oss = oss;
        this.retrier = retrier;
        this.decodeGzip = decodeGzip;
    }

    /**
     * Delivers {@code object}'s content from {@code from} (a unit boundary) to its end.
     *
     * @param completeOnly deliver plain bytes only up to the last newline (the rest is a line still being written)
     * @return the offset after the last delivered unit: where the next read starts
     */
    long read(LogObject object, long from, boolean completeOnly, ContentSink sink) throws IOException {
        delivered = from;
        long start = System.nanoTime();
        for (int failures = 1; ; failures++) {
            long before = delivered;
            try {
                readOnce(object, completeOnly, sink);
                return delivered;
            } catch (IOException e) {
                if (e instanceof StoreException && ((StoreException) e).status() == 416) {
                    return delivered; // nothing at or past the offset: no new bytes yet
                }
                if (delivered > before) {
                    failures = 1;
                    start = System.nanoTime();
                }
                retrier.failed("GET " + object.key() + " from byte " + delivered, e, failures, start);
            }
        }
    }

    private void readOnce(LogObject object, boolean completeOnly, ContentSink sink) throws IOException {
        try (ObjectStream stream = oss.openRange(object.key(), delivered)) {
            InputStream body = stream.body();
            if (decodeGzip && object.isGzip()) {
                gzip.decode(body, delivered, (b, len, start, end) -> {
                    sink.content(object, b, 0, len, start, end);
                    delivered = end;
                });
            } else {
                copy(object, body, completeOnly, sink);
            }
        }
    }

    private void copy(LogObject object, InputStream body, boolean completeOnly, ContentSink sink) throws IOException {
        int held = 0;
        while (true) {
            int n = fill(body, held);
            if (n < 0) {
                if (held > 0 && !completeOnly) {
                    sink.content(object, buffer, 0, held, delivered, delivered + held);
                    delivered += held;
                }
                return;
            }
            held += n;
            int cut = completeOnly ? lastNewline(buffer, held) + 1 : held;
            if (cut == 0 && held == buffer.length) {
                cut = held; // a line longer than the buffer: deliver it in pieces
            }
            if (cut > 0) {
                sink.content(object, buffer, 0, cut, delivered, delivered + cut);
                delivered += cut;
                System.arraycopy(buffer, cut, buffer, 0, held - cut);
                held -= cut;
            }
        }
    }

    /**
     * Reads until the buffer is full or the body ends (HTTP sources hand out 8 KiB at a time): whole-buffer units
     * pass a 64 KiB output buffer without being copied into it. Returns the bytes added, or -1 at the end.
     */
    private int fill(InputStream body, int held) throws IOException {
        int at = held;
        while (at < buffer.length) {
            int n = body.read(buffer, at, buffer.length - at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        return at == held ? -1 : at - held;
    }

    private static int lastNewline(byte[] b, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
