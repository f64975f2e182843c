package io.github.osslog.core.internal.pipeline;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes each batch as complete gzip members (RFC 1952), so appended batches form one valid multi-member gzip
 * stream. With a helper thread (a {@code helperName}), a batch of at least {@link #SPLIT_AT} bytes is cut into
 * members of about {@link #MEMBER} bytes, which the calling thread and the helper take one at a time until none is
 * left: deflate is the shipper's whole cost with gzip, and one core's worth of it limited end-to-end throughput
 * (docs/compression.md). Taking members one at a time, rather than a half each, keeps both threads busy to the end
 * when one of them loses its CPU for a while. Each thread reuses its own deflater; each member index its
 * output array. Not thread-safe: confined to the shipper thread.
 */
final class GzipEncoder implements AutoCloseable {
    /** The size a large batch's members aim at. */
    static final int MEMBER = 256 << 10;
    /** Smaller batches are one member: splitting them would cost more in hand-over than it saves. */
    static final int SPLIT_AT = 2 * MEMBER;

    private final Deflate own;
    private final Deflate helperSide;
    private final ExecutorService helper;
    /** members[i]: member i of the current batch; [0] is also the whole output of a one-member batch. */
    private Member[] members;
    private byte[] joined;
    private byte[] output;

    /**
     * {@code level}: 1 for {@link QuickDeflate}, 2 to 9 for that {@link Deflater} level; {@code helperName}: the helper
     * thread's, or null for none.
     */
    GzipEncoder(int initialCapacity, int level, String helperName) {
        this.own = new Deflate(level);
        this.members = new Member[] {new Member(initialCapacity)};
        if (helperName == null) {
            this.helperSide = null;
            this.helper = null;
        } else {
            this.helperSide = new Deflate(level);
            this.helper = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, helperName);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Encodes {@code in[off, off + len)}; the members are {@link #output()}{@code [0, return value)}. */
    int encode(byte[] in, int off, int len) {
        if (helper == null || len < SPLIT_AT) {
            Member only = members[0];
            own.encode(in, off, len, only);
            output = only.out;
            return only.size;
        }
        Split split = new Split(in, off, len, (len + MEMBER / 2) / MEMBER);
        ensureMembers(split.count);
        Future<?> helped = helper.submit(() -> {
            if (split.started.compareAndSet(false, true)) { // else the shipper finished without it
                split.run(helperSide, members);
            }
        });
        try {
            split.run(own, members);
        } finally { // even on failure: the next batch must not find the helper still writing members
            if (!split.started.compareAndSet(false, true)) { // the helper took part: wait for its last member
                await(helped);
            }
        }
        return join(split.count);
    }

    private void ensureMembers(int count) {
        if (members.length < count) {
            Member[] grown = Arrays.copyOf(members, count);
            for (int i = members.length; i < count; i++) {
                grown[i] = new Member(MEMBER / 8);
            }
            members = grown;
        }
    }

    /** Concatenates the first {@code count} members into {@link #output()}; returns their total size. */
    private int join(int count) {
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += members[i].size;
        }
        if (joined == null || joined.length < total) {
            joined = new byte[Math.max(total, joined == null ? 0 : joined.length + joined.length / 2)];
        }
        int at = 0;
        for (int i = 0; i < count; i++) {
            System.arraycopy(members[i].out, 0, joined, at, members[i].size);
            at += members[i].size;
        }
        output = joined;
        return total;
    }

    /** The helper's result; an interrupt is kept for the caller, since the task is short and its bytes are needed. */
    private static void await(Future<?> helped) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    helped.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("gzip helper failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The array holding the last batch's members. */
    byte[] output() {
        return output;
    }

    /** Called when no {@link #encode} runs. */
    @Override
    public void close() {
        if (helper != null) {
            helper.shutdown();
            helperSide.end();
        }
        own.end();
    }

    /** One large batch split into members, handed out one at a time to whichever thread asks next. */
    private static final class Split {
        final byte[] in;
        final int off;
        final int len;
        final int count;
        final AtomicInteger next = new AtomicInteger();
        /** Set by the helper as it starts, or by the shipper when it ran out of members first: the helper then skips. */
        final AtomicBoolean started = new AtomicBoolean();

        Split(byte[] in, int off, int len, int count) {
            this.in = in;
            this.off = off;
            this.len = len;
            this.count = count;
        }

        void run(Deflate deflate, Member[] members) {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                int from = off + (int) ((long) len * i / count);
                int to = off + (int) ((long) len * (i + 1) / count);
                deflate.encode(in, from, to - from, members[i]);
            }
        }
    }

    /** One member's output: {@code out[0, size)}. */
    private static final class Member {
        byte[] out;
        int size;

        Member(int initialCapacity) {
            this.out = new byte[Math.max(initialCapacity, 64)];
        }
    }

    /** A thread's deflater, writing complete members: {@link QuickDeflate} at level 1, zlib's otherwise. */
    private static final class Deflate {
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        private static final int TRAILER = 8;
        private final QuickDeflate quick;
        private final Deflater deflater;
        private final CRC32 crc = new CRC32();

        Deflate(int level) {
            this.quick = level == 1 ? new QuickDeflate() : null;
            this.deflater = level == 1 ? null : new Deflater(level, true);
        }

        void encode(byte[] in, int off, int len, Member member) {
            byte[] out = member.out;
            int size;
            if (quick != null) {
                int room = HEADER.length + QuickDeflate.bound(len) + TRAILER;
                if (out.length < room) {
                    out = new byte[Math.max(room, out.length + out.length / 2)];
                }
                size = quick.deflate(in, off, len, out, HEADER.length);
            } else {
                size = HEADER.length;
                deflater.reset();
                deflater.setInput(in, off, len);
                deflater.finish();
                while (!deflater.finished()) {
                    if (size == out.length - TRAILER) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    size += deflater.deflate(out, size, out.length - TRAILER - size);
                }
            }
            System.arraycopy(HEADER, 0, out, 0, HEADER.length);
            crc.reset();
            crc.update(in, off, len);
            size = putIntLe(out, size, (int) crc.getValue());
            member.size = putIntLe(out, size, len);
            member.out = out;
        }

        void end() {
            if (deflater != null) {
                deflater.end();
            }
        }

        private static int putIntLe(byte[] out, int at, int value) {
            out[at] = (byte) value;
            out[at + 1] = (byte) (value >>> 8);
            out[at + 2] = (byte) (value >>> 16);
            out[at + 3] = (byte) (value >>> 24);
            return at + 4;
        }
    }
}
