package io.github.osslog.core.internal.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the spool makes and opens its files, since they hold the application's logs (docs/spool.md, "Who can read
 * and write the spool"): the directory is the process user's own, never a symbolic link, mode 0700; files are
 * created 0600 with the mode given at creation (so no umask or race can widen it), new files with
 * {@code CREATE_NEW}, and no file is opened through a symbolic link. Where the file system has no POSIX permissions
 * (Windows) the directory's inherited ACL applies. Immutable; thread-safe.
 */
final class SpoolFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final boolean posix;
    private final List<String> warnings;

    /** The directory exists but must not be used; the message names {@code spoolDirectory} and the fix. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private SpoolFiles(boolean posix, List<String> warnings) {
        this.posix = posix;
        this.warnings = warnings;
    }

    /**
     * Creates {@code dir} with mode 0700 (its missing parents as usual), or checks an existing one: a real
     * directory, not a symbolic link, owned by this process's user; a looser mode is tightened to 0700 (a warning).
     *
     * @throws Refused naming {@code spoolDirectory} and the fix when the directory must be refused
     * @throws IOException when it cannot be created or read
     */
    static SpoolFiles prepare(Path dir) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        List<String> warnings = new ArrayList<>();
        if (Files.isSymbolicLink(dir)) {
            throw new Refused("spoolDirectory '" + dir + "' is a symbolic link: osslog refuses it (whoever can"
                    + " change the link decides where the logs go); give the real directory's path");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (posix) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } else {
                    Files.createDirectory(dir);
                }
                return new SpoolFiles(posix, warnings);
            } catch (FileAlreadyExistsException raced) {
                // created meanwhile by someone else: check it like any existing directory
                if (Files.isSymbolicLink(dir)) {
                    throw new Refused("spoolDirectory '" + dir + "' is a symbolic link: osslog refuses it;"
                            + " give the real directory's path");
                }
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused("spoolDirectory '" + dir + "' is not a directory: choose a directory path");
        }
        if (posix) {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            UserPrincipal me = currentUser(dir);
            if (me != null && !attributes.owner().equals(me)) {
                throw new Refused("spoolDirectory '" + dir + "' belongs to user '" + attributes.owner().getName()
                        + "', not to '" + me.getName() + "' who runs this process: osslog refuses a directory"
                        + " another user controls; give a directory of your own (or chown it)");
            }
            if (!attributes.permissions().equals(OWNER_ONLY_DIR)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
                warnings.add("spoolDirectory '" + dir + "' had mode "
                        + PosixFilePermissions.toString(attributes.permissions()) + ": osslog set it to rwx------ so"
                        + " that only its owner can read the spooled logs");
            }
        }
        return new SpoolFiles(posix, warnings);
    }

    /** This process's user as the file system names owners; {@code null} when it cannot be told. */
    private static UserPrincipal currentUser(Path dir) {
        try {
            return dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | RuntimeException noPasswdEntry) {
            // a container user without a name: the owner of a file this process creates is the user
            try {
                Path probe = Files.createTempFile("osslog-owner", ".probe");
                try {
                    return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** What {@link #prepare} changed and the user should know, one sentence each. */
    List<String> warnings() {
        return warnings;
    }

    /** A new file, mode 0600, open for writing; fails when anything, a symbolic link included, has that name. */
    FileChannel createNew(Path file) throws IOException {
        return open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** The file, created 0600 when absent, open for writing, never through a symbolic link. */
    FileChannel openOrCreate(Path file) throws IOException {
        return open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /** An existing file open for reading, never through a symbolic link. */
    static FileChannel read(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /** All of a small file, at most {@code max} bytes, read without following a symbolic link; null when larger. */
    static byte[] readSmall(Path file, int max) throws IOException {
        try (FileChannel ch = read(file)) {
            if (ch.size() > max) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate((int) ch.size());
            int n;
            do {
                n = ch.read(b);
            } while (n >= 0 && b.hasRemaining());
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    private FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> set = new HashSet<>(Arrays.asList(options));
        if (!posix) {
            return FileChannel.open(file, set);
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE);
        return FileChannel.open(file, set, mode);
    }
}
