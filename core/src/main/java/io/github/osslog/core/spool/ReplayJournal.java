package io.github.osslog.core.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The replay cursor on disk: which record replay is at (segment and offset) and, when an append of that record may
 * have been made, its {@link SpoolAnchor}. Replaced atomically (temporary file, fsync, rename), so a crash leaves
 * the old or the new cursor, never a torn one. Not thread-safe.
 */
final class ReplayJournal {
    static final String FILE = "replay.journal";

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

    private final Path file;
    private final Path temp;

    ReplayJournal(Path dir) {
        this.file = dir.resolve(FILE);
        this.temp = dir.resolve(FILE + ".tmp");
    }

    /** The stored cursor, or {@code null} when there is none or it does not check out. */
    Cursor read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (bytes.length < 21) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt(bytes.length - 4) != checksum(bytes, bytes.length - 4)) {
            return null;
        }
        long segment = b.getLong();
        long offset = b.getLong();
        SpoolAnchor anchor = null;
        int flags = b.get();
        if (flags != 0) {
            byte[] key = new byte[b.getShort() & 0xFFFF];
            b.get(key);
            anchor = new SpoolAnchor(new String(key, StandardCharsets.UTF_8), b.getLong(), b.getLong(), flags == 2);
        }
        return new Cursor(segment, offset, anchor);
    }

    void write(long segment, long offset, SpoolAnchor anchor) throws IOException {
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
        b.flip();
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Segment.syncDirectory(file.getParent());
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private static int checksum(byte[] bytes, int len) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, len);
        return (int) crc.getValue();
    }
}
