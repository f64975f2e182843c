package io.github.osslog.core.internal.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;

/**
 * A spool's random identity, kept in {@code spool.id} (0600) and written at the start of each of its segments:
 * segments that do not carry it (copied from another spool or host, or planted) are refused instead of replayed
 * into the bucket (docs/spool.md). Immutable.
 */
final class SpoolId {
    static final String FILE = "spool.id";
    static final int BYTES = 16;

    private final byte[] id;

    private SpoolId(byte[] id) {
        this.id = id;
    }

    /** The id stored in {@code dir}, made now when there is none (or it is damaged, which a warning then says). */
    static SpoolId load(SpoolFiles files, Path dir, List<String> warnings) throws IOException {
        Path file = dir.resolve(FILE);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] stored = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? SpoolFiles.readSmall(file, BYTES)
                    : null;
            if (stored != null && stored.length == BYTES) {
                return new SpoolId(stored);
            }
            warnings.add("spoolDirectory '" + dir + "': " + FILE + " is damaged or not a regular file: a new spool id"
                    + " is made, so the segments already there are refused (not replayed)");
            Files.delete(file);
        }
        byte[] fresh = new byte[BYTES];
        new SecureRandom().nextBytes(fresh);
        try (FileChannel ch = files.createNew(file)) {
            ByteBuffer b = ByteBuffer.wrap(fresh);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
        Segment.syncDirectory(dir);
        return new SpoolId(fresh);
    }

    byte[] bytes() {
        return id.clone();
    }

    boolean matches(byte[] other) {
        return MessageDigest.isEqual(id, other);
    }
}
