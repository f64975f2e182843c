package io.github.osslog.core.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only segment file: its size, the events of the records not yet replayed, and the channels that write
 * (only a segment created by this process) and read it. Not thread-safe: confined to the spool's owner.
 */
final class Segment {
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

    /** A new, empty segment open for appending. */
    static Segment create(Path path, long seq) throws IOException {
        Segment s = new Segment(seq, path);
        s.writer = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        syncDirectory(path.getParent());
        return s;
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
        long at = from;
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
            reader = FileChannel.open(path, StandardOpenOption.READ);
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
