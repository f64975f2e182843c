package io.github.osslog.core.internal.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only segment file: its size, the events of the records not yet replayed, and the channels that write
 * (only a segment created by this process) and read it. A segment starts with a header naming its spool's random id,
 * so that a segment from another spool (copied or planted) is refused, not replayed into the bucket. Not
 * thread-safe: confined to the spool's owner.
 */
final class Segment {
    private static final int MAGIC = 0x4F535053; // "OSPS"
    /** The segment header: magic, then the spool id. Records start after it. */
    static final int HEADER_BYTES = 4 + SpoolId.BYTES;

    final long seq;
    final Path path;
    long size;
    long unreadEvents;
    private FileChannel writer;
    private FileChannel reader;

    private Segment(long seq, Path path) {
        this.seq = seq;
        this.path = path;
    }

    /** A new segment of spool {@code id}, holding just its header, open for appending. */
    static Segment create(SpoolFiles files, Path path, long seq, SpoolId id) throws IOException {
        Segment s = new Segment(seq, path);
        s.writer = files.createNew(path);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).put(id.bytes());
        header.flip();
        while (header.hasRemaining()) {
            s.writer.write(header);
        }
        s.writer.force(false);
        s.size = HEADER_BYTES;
        syncDirectory(path.getParent());
        return s;
    }

    /** Whether {@code path} is a regular file (not a link) that starts with the header of spool {@code id}. */
    static boolean belongsTo(Path path, SpoolId id) throws IOException {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel ch = SpoolFiles.read(path)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            int n;
            do {
                n = ch.read(header);
            } while (n >= 0 && header.hasRemaining());
            if (header.hasRemaining() || header.getInt(0) != MAGIC) {
                return false;
            }
            byte[] found = new byte[SpoolId.BYTES];
            header.position(4);
            header.get(found);
            return id.matches(found);
        }
    }

    /** Makes a new or renamed file's directory entry durable; a no-op where directories cannot be forced. */
    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory; its file systems journal the entry anyway
        }
    }

    /** A segment left by an earlier run, read-only; counts the events of the intact-looking headers from {@code from}. */
    static Segment existing(Path path, long seq, long from) throws IOException {
        Segment s = new Segment(seq, path);
        s.size = Files.size(path);
        ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER);
        long at = Math.max(from, HEADER_BYTES);
        while (at + RecordCodec.HEADER <= s.size) {
            header.clear();
            s.readFully(header, at);
            int len = RecordCodec.payloadLength(header);
            if (len < 0 || at + RecordCodec.HEADER + len > s.size) {
                break;
            }
            s.unreadEvents += Math.max(0, RecordCodec.events(header));
            at += RecordCodec.HEADER + len;
        }
        return s;
    }

    boolean writable() {
        return writer != null;
    }

    /** Appends a whole frame and forces it to the device: the record is durable when this returns. */
    void append(byte[] frame, int events) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
            writer.write(b);
        }
        writer.force(false);
        size += frame.length;
        unreadEvents += events;
    }

    /** Reads until {@code dst} is full; false when the file ends first. */
    boolean readFully(ByteBuffer dst, long position) throws IOException {
        if (reader == null) {
            reader = SpoolFiles.read(path);
        }
        long at = position;
        while (dst.hasRemaining()) {
            int n = reader.read(dst, at);
            if (n < 0) {
                return false;
            }
            at += n;
        }
        dst.flip();
        return true;
    }

    /** No more appends to this segment. */
    void seal() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    void close() throws IOException {
        seal();
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }
}
