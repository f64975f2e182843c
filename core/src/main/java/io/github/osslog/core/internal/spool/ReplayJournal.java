package io.github.osslog.core.internal.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * The replay cursor on disk: which record replay is at (segment and offset) and, when an append of that record may
 * have been made, its {@link SpoolAnchor}. Kept in two copies, each replaced atomically (a new temporary file created
 * 0600 without following links, fsync, rename), one after the other: a crash leaves one copy old or new and the
 * other intact, and one damaged copy leaves the other, so a damaged file does not send replay back to the start of
 * its segment (which would ship landed batches twice). Not thread-safe.
 */
final class ReplayJournal {
    static final String FILE = "replay.journal";
    static final String COPY = "replay.journal.2";
    /** Cursor, flags, key length, the longest key, position, CRC, checksum. */
    static final int MAX_BYTES = 8 + 8 + 1 + 2 + 0xFFFF + 16 + 4;

    /** A cursor read back from disk. */
    static final class Cursor {
        final long segment;
        final long offset;
        final SpoolAnchor anchor;

        Cursor(long segment, long offset, SpoolAnchor anchor) {
            this.segment = segment;
            this.offset = offset;
            this.anchor = anchor;
        }
    }

    private final SpoolFiles files;
    private final Path file;
    private final Path copy;
    private final Path temp;
    private boolean damaged;

    ReplayJournal(Path dir, SpoolFiles files) {
        this.files = files;
        this.file = dir.resolve(FILE);
        this.copy = dir.resolve(COPY);
        this.temp = dir.resolve(FILE + ".tmp");
    }

    /** The stored cursor, from the first copy that checks out, or {@code null} when none does. */
    Cursor read() throws IOException {
        boolean anyFile = false;
        for (Path p : new Path[] {file, copy}) {
            byte[] bytes;
            try {
                bytes = SpoolFiles.readSmall(p, MAX_BYTES);
            } catch (NoSuchFileException e) {
                continue;
            }
            anyFile = true;
            Cursor cursor = bytes == null ? null : parse(bytes);
            if (cursor != null) {
                damaged = false;
                return cursor;
            }
        }
        damaged = anyFile;
        return null;
    }

    /** Whether the last {@link #read()} found journal files but none that checks out. */
    boolean damaged() {
        return damaged;
    }

    /** The cursor {@link #encode} wrote, or {@code null} when {@code bytes} do not check out. */
    static Cursor parse(byte[] bytes) {
        if (bytes.length < 21) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt(bytes.length - 4) != checksum(bytes, bytes.length - 4)) {
            return null;
        }
        try {
            long segment = b.getLong();
            long offset = b.getLong();
            SpoolAnchor anchor = null;
            int flags = b.get();
            if (flags != 0) {
                byte[] key = new byte[b.getShort() & 0xFFFF];
                b.get(key);
                anchor = new SpoolAnchor(new String(key, StandardCharsets.UTF_8), b.getLong(), b.getLong(), flags == 2);
            }
            return offset < 0 ? null : new Cursor(segment, offset, anchor);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    void write(long segment, long offset, SpoolAnchor anchor) throws IOException {
        byte[] bytes = encode(segment, offset, anchor);
        replace(file, bytes);
        replace(copy, bytes);
        Segment.syncDirectory(file.getParent());
    }

    /** One cursor as both copies and each {@link AttemptLog} entry hold it: fields, then their CRC-32C. */
    static byte[] encode(long segment, long offset, SpoolAnchor anchor) {
        byte[] key = anchor == null ? new byte[0] : anchor.key().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + 8 + 1 + (anchor == null ? 0 : 2 + key.length + 16) + 4);
        b.putLong(segment).putLong(offset);
        if (anchor == null) {
            b.put((byte) 0);
        } else {
            b.put((byte) (anchor.crcKnown() ? 2 : 1)).putShort((short) key.length).put(key)
                    .putLong(anchor.position()).putLong(anchor.crc());
        }
        b.putInt(checksum(b.array(), b.position()));
        return b.array();
    }

    private void replace(Path target, byte[] bytes) throws IOException {
        // a file (or planted link) left under the temporary name is removed, never written through
        Files.deleteIfExists(temp);
        try (FileChannel ch = files.createNew(temp)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(copy);
    }

    private static int checksum(byte[] bytes, int len) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, len);
        return (int) crc.getValue();
    }
}
