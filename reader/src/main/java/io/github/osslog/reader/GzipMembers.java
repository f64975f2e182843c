package io.github.osslog.reader;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes a gzip stream member by member, several members at once, and hands each whole member's content on in
 * order with the compressed offset it ends at: a reader can resume at any member boundary, and a member cut short by
 * the end of the data is left for the next read instead of failing. Not thread-safe; reusable.
 *
 * <p>Why in parallel: inflating is the whole cost of reading a gzip object (about 5 bytes out per byte in), and the
 * appenders write members of about 256 KiB that are independent of each other. A member's compressed length is only
 * known by inflating it, so the stream is cut at every candidate header ({@code 1f 8b 08}, reserved flags clear)
 * while it is read, and the pieces are inflated on a small shared pool. A candidate inside deflate data (one in
 * ~2^27 positions) shows as a piece that is cut short; it is joined with the next piece and inflated again, so the
 * result is always what decoding one member after another gives.
 */
final class GzipMembers {
    /** Receives one decoded member; called on the thread that called {@link #decode}, in stream order. */
    interface MemberSink {
        void member(byte[] b, int len, long start, long end) throws IOException;
    }

    private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** Pieces read ahead of the one being delivered: bounds memory to about that many members. */
    private static final int AHEAD = 2 * THREADS + 2;
    private static final ExecutorService POOL = pool();

    private final ArrayDeque<Piece> pieces = new ArrayDeque<>();
    /** The bytes read since the last cut; {@code open[0]} is object offset {@link #openStart}. */
    private byte[] open = new byte[256 << 10];
    private int openLength;
    private long openStart;
    /** The offset after the last delivered member. */
    private long done;

    /**
     * Decodes the members of {@code body}, whose first byte is object offset {@code offset} and a member's start.
     * Returns the offset after the last whole member; stops there at the end of the data.
     *
     * @throws CorruptObjectException when the bytes are not gzip or a member's check fails
     * @throws IOException when reading {@code body} fails; whole members before it were delivered
     */
    long decode(InputStream body, long offset, MemberSink sink) throws IOException {
        pieces.clear();
        openLength = 0;
        openStart = offset;
        done = offset;
        IOException failure = null;
        try {
            while (true) {
                if (openLength == open.length) {
                    open = Arrays.copyOf(open, open.length * 2);
                }
                int n = body.read(open, openLength, open.length - openLength);
                if (n < 0) {
                    break;
                }
                cut(Math.max(1, openLength - 3), openLength + n);
                deliver(sink, false);
            }
        } catch (IOException e) {
            failure = e; // what arrived whole is still delivered, so the retry resumes after it
        }
        if (openLength > 0) {
            pieces.add(Piece.submit(openStart, Arrays.copyOf(open, openLength)));
            openLength = 0;
        }
        deliver(sink, true);
        if (failure != null) {
            throw failure;
        }
        return done;
    }

    /** Adds {@code open[from, to)} to the open piece, cutting a piece off before each candidate header in it. */
    private void cut(int from, int to) {
        int last = 0;
        for (int i = from; i + 3 < to; i++) {
            if (open[i] == 0x1f && open[i + 1] == (byte) 0x8b && open[i + 2] == 8 && (open[i + 3] & 0xe0) == 0) {
                pieces.add(Piece.submit(openStart + last, Arrays.copyOfRange(open, last, i)));
                last = i;
            }
        }
        System.arraycopy(open, last, open, 0, to - last);
        openLength = to - last;
        openStart += last;
    }

    /**
     * Delivers decoded pieces in order: those already decoded, and while too many are read ahead, the first one
     * when it is ready. With {@code all}, every piece that is or ends in a whole member.
     */
    private void deliver(MemberSink sink, boolean all) throws IOException {
        while (!pieces.isEmpty()) {
            Piece head = pieces.peekFirst();
            if (!all && pieces.size() <= AHEAD && !head.result.isDone()) {
                return;
            }
            GzipMember member = head.get();
            if (member.status == GzipMember.Status.CORRUPT) {
                throw new CorruptObjectException(member.problem);
            }
            if (member.status == GzipMember.Status.CUT_SHORT) {
                if (pieces.size() == 1) {
                    return; // the rest of it is not cut off yet, or the data ended inside it
                }
                pieces.pollFirst();
                Piece next = pieces.pollFirst();
                next.result.cancel(false);
                byte[] joined = Arrays.copyOf(head.bytes, head.bytes.length + next.bytes.length);
                System.arraycopy(next.bytes, 0, joined, head.bytes.length, next.bytes.length);
                pieces.addFirst(Piece.now(head.start, joined));
                continue;
            }
            pieces.pollFirst();
            long end = head.start + member.consumed;
            sink.member(member.content, member.length, head.start, end);
            done = end;
            if (member.consumed < head.bytes.length) {
                // bytes after the member that do not start a candidate header: decoding them names the problem
                pieces.addFirst(Piece.now(end, Arrays.copyOfRange(head.bytes, member.consumed, head.bytes.length)));
            }
        }
    }

    /** A run of compressed bytes from a candidate header to the next, and its decoding. */
    private static final class Piece {
        final long start;
        final byte[] bytes;
        final CompletableFuture<GzipMember> result;

        private Piece(long start, byte[] bytes, CompletableFuture<GzipMember> result) {
            this.start = start;
            this.bytes = bytes;
            this.result = result;
        }

        static Piece submit(long start, byte[] bytes) {
            return new Piece(start, bytes, CompletableFuture.supplyAsync(
                    () -> GzipMember.decode(bytes, 0, bytes.length, start), POOL));
        }

        /** Decoded on the calling thread: the rare piece that was joined or split after the first attempt. */
        static Piece now(long start, byte[] bytes) {
            return new Piece(start, bytes, CompletableFuture.completedFuture(
                    GzipMember.decode(bytes, 0, bytes.length, start)));
        }

        GzipMember get() throws IOException {
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while decoding gzip at offset " + start);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw (RuntimeException) cause; // decode throws nothing checked
            }
        }
    }

    private static ExecutorService pool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "osslog-reader-gunzip-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true); // no thread lingers after reading
        return pool;
    }
}
