package io.github.osslog.core.internal.spool;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The replay journal's history while one segment is the head, append-only and forced (docs/spool.md): every cursor
 * written to {@link ReplayJournal} is also appended here, length-prefixed. When both journal copies are damaged, the
 * last entry that checks out is what the journal last held, so replay resumes there instead of at the segment's first
 * record. An entry is never rewritten: damage to one leaves the others readable, and a crash can tear only the last
 * one, whose append was then never made. Deleted with its segment. Not thread-safe.
 */
final class AttemptLog {
    static final String SUFFIX = ".attempts";

    private final SpoolFiles files;
    private final Path path;
    private final long seq;
    private FileChannel writer;

    AttemptLog(SpoolFiles files, Path segment, long seq) {
        this.files = files;
        this.path = pathFor(segment);
        this.seq = seq;
    }

    static Path pathFor(Path segment) {
        return segment.resolveSibling(segment.getFileName() + SUFFIX);
    }

    long seq() {
        return seq;
    }

    /** Appends the cursor and forces it; durable when this returns. */
    void append(long offset, SpoolAnchor anchor) throws IOException {
        if (writer == null) {
            boolean created = !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
            writer = files.openOrCreate(path);
            // an entry torn by a crash is cut off, so that the next one is framed where a reader looks for it
            writer.truncate(created ? 0 : scan(path, seq).end);
            writer.position(writer.size());
            if (created) {
                Segment.syncDirectory(path.getParent());
            }
        }
        byte[] entry = ReplayJournal.encode(seq, offset, anchor);
        ByteBuffer b = ByteBuffer.allocate(4 + entry.length).putInt(entry.length).put(entry);
        b.flip();
        while (b.hasRemaining()) {
            writer.write(b);
        }
        writer.force(false);
    }

    void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    /** The last intact cursor the log of segment {@code seq} holds, or {@code null} when none. */
    static ReplayJournal.Cursor last(Path segment, long seq) throws IOException {
        return scan(pathFor(segment), seq).last;
    }

    private static final class Scan {
        ReplayJournal.Cursor last;
        long end;
    }

    /** Reads entries until the framing ends (a torn or damaged length); an entry that fails its checksum is skipped. */
    private static Scan scan(Path log, long seq) throws IOException {
        Scan scan = new Scan();
        try (FileChannel ch = SpoolFiles.read(log);
                InputStream raw = Channels.newInputStream(ch);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            while (true) {
                int len = in.readInt();
                if (len < 0 || len > ReplayJournal.MAX_BYTES) {
                    break;
                }
                byte[] entry = new byte[len];
                in.readFully(entry);
                ReplayJournal.Cursor cursor = ReplayJournal.parse(entry);
                if (cursor != null && cursor.segment == seq) {
                    scan.last = cursor;
                }
                scan.end += 4 + len;
            }
        } catch (NoSuchFileException | EOFException end) {
            // no log yet, or the end of its intact entries
        }
        return scan;
    }
}
