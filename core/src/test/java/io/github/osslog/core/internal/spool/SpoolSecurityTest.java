package io.github.osslog.core.internal.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19 items 4, 5 and 7: a spool fit for sensitive logs (docs/spool.md, "Who can read and write the spool"). */
class SpoolSecurityTest {
    private static final Instant CUT = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path temp;

    private static SpoolRecord record(String text) {
        return new SpoolRecord(text.getBytes(UTF_8), 1, CUT, null);
    }

    private static List<String> drain(Spool spool) throws IOException {
        List<String> out = new ArrayList<>();
        SpoolRecord r;
        while ((r = spool.peek()) != null) {
            out.add(new String(r.data(), UTF_8));
            spool.remove();
        }
        return out;
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".spool")).sorted().collect(Collectors.toList());
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** The build runs with the usual umask 022, under which the old spool was 0755 and its files 0644. */
    @Test
    void theDirectoryIsOwnerOnlyAndEveryFileInItToo() throws IOException {
        Path dir = temp.resolve("parent").resolve("spool");
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(record("secret log line"));
            spool.peek();
            spool.attempt(new SpoolAnchor("logs/0.log", 0, 0, true));
            assertEquals("rwx------", mode(dir));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.collect(Collectors.toList())) {
                    assertEquals("rw-------", mode(f), f.toString());
                }
            }
        }
    }

    @Test
    void anExistingLooseDirectoryIsTightenedAndSaysSo() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("loose"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            assertEquals("rwx------", mode(dir));
            assertTrue(spool.warnings().get(0).contains("rwxr-xr-x"), spool.warnings().toString());
        }
    }

    @Test
    void aSymbolicLinkAsTheDirectoryIsRefusedWithTheSettingNamed() throws IOException {
        Path real = Files.createDirectory(temp.resolve("real"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        IOException e = assertThrows(IOException.class, () -> Spool.open(link, 1 << 20));
        assertTrue(e.getMessage().startsWith("spoolDirectory '" + link + "' is a symbolic link"), e.getMessage());
        try (Stream<Path> files = Files.list(real)) {
            assertEquals(0, files.count(), "nothing was written through the link");
        }
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("theirs"));
        UserPrincipal nobody;
        try {
            nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(dir, nobody);
        } catch (UserPrincipalNotFoundException | java.nio.file.FileSystemException e) {
            assumeTrue(false, "needs a 'nobody' user and the right to chown: " + e);
            return;
        }
        IOException e = assertThrows(IOException.class, () -> Spool.open(dir, 1 << 20));
        assertTrue(e.getMessage().startsWith("spoolDirectory '" + dir + "' belongs to user 'nobody'"), e.getMessage());
    }

    @Test
    void theJournalsTemporaryFileNeverFollowsAPlantedLink() throws IOException {
        Path dir = temp.resolve("spool");
        Path victim = Files.writeString(temp.resolve("victim.txt"), "must stay as it is");
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(record("a"));
            Files.createSymbolicLink(dir.resolve(ReplayJournal.FILE + ".tmp"), victim);
            spool.peek();
            spool.attempt(new SpoolAnchor("logs/0.log", 0, 0, true));
        }
        assertEquals("must stay as it is", Files.readString(victim));
        assertTrue(Files.isRegularFile(dir.resolve(ReplayJournal.FILE), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aSegmentOfAnotherSpoolIsRefusedReportedAndNotReplayed() throws IOException {
        Path mine = temp.resolve("mine");
        Path other = temp.resolve("other");
        try (Spool spool = Spool.open(mine, 1 << 20)) {
            spool.append(record("mine"));
        }
        try (Spool spool = Spool.open(other, 1 << 20)) {
            spool.append(record("planted, with a valid checksum"));
        }
        Path planted = mine.resolve("segment-00000000000000000099.spool");
        Files.copy(segments(other).get(0), planted, StandardCopyOption.REPLACE_EXISTING);
        Files.createSymbolicLink(mine.resolve("segment-00000000000000000100.spool"), segments(other).get(0));
        try (Spool spool = Spool.open(mine, 1 << 20)) {
            assertEquals(List.of("mine"), drain(spool));
            assertEquals(1, spool.problems().size(), spool.problems().toString());
            assertTrue(spool.problems().get(0).contains("segment-00000000000000000099.spool")
                    && spool.problems().get(0).contains("segment-00000000000000000100.spool"), spool.problems().toString());
            spool.append(record("next"));
            assertEquals(List.of("next"), drain(spool), "new segments are numbered past the refused ones");
        }
        assertTrue(Files.exists(planted), "a refused segment is left for its owner, not deleted");
    }

    /** A record with a valid checksum whose payload announces an anchor it does not hold. */
    private static byte[] craftedRecord() {
        int payload = 9;
        ByteBuffer b = ByteBuffer.allocate(RecordCodec.HEADER + payload);
        b.putInt(0x4F53504C).putInt(payload).putInt(3).putInt(0);
        b.put((byte) 1).putLong(CUT.toEpochMilli());
        byte[] frame = b.array();
        CRC32C crc = new CRC32C();
        crc.update(frame, 4, 8);
        crc.update(frame, RecordCodec.HEADER, payload);
        ByteBuffer.wrap(frame).putInt(12, (int) crc.getValue());
        return frame;
    }

    @Test
    void aCraftedRecordIsACorruptRecordWithItsEventsCountedNeverAnException() throws IOException {
        Path dir = temp.resolve("spool");
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(record("before"));
        }
        try (RandomAccessFile f = new RandomAccessFile(segments(dir).get(0).toFile(), "rw")) {
            f.seek(f.length());
            f.write(craftedRecord());
            byte[] after = RecordCodec.encode(record("after"));
            f.write(after);
        }
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            assertEquals(List.of("before", "after"), drain(spool));
            assertEquals(1, spool.corruptRecords());
            assertEquals(3, spool.corruptEvents(), "the header's event count");
        }
    }

    @Test
    void oneDamagedJournalCopyDoesNotSendReplayBackToTheSegmentStart() throws IOException {
        Path dir = temp.resolve("spool");
        landedAAndAttemptedB(dir);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(ReplayJournal.FILE).toFile(), "rw")) {
            f.seek(3);
            f.write(0x55);
        }
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            SpoolRecord head = spool.peek();
            assertEquals("b", new String(head.data(), UTF_8), "a landed already: it must not be replayed again");
            assertEquals(new SpoolAnchor("logs/0.log", 1, 42, true), head.anchor());
            assertTrue(spool.problems().isEmpty(), spool.problems().toString());
        }
    }

    private static void damageJournal(Path dir) throws IOException {
        for (String name : new String[] {ReplayJournal.FILE, ReplayJournal.COPY}) {
            Files.write(dir.resolve(name), new byte[] {1, 2, 3});
        }
    }

    /** Spools a, b and c; a landed, and an append of b was journaled at {@code logs/0.log} position 1. */
    private static Path landedAAndAttemptedB(Path dir) throws IOException {
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(record("a"));
            spool.append(record("b"));
            spool.append(record("c"));
            spool.peek();
            spool.attempt(new SpoolAnchor("logs/0.log", 0, 0, true));
            spool.remove();
            spool.peek();
            spool.attempt(new SpoolAnchor("logs/0.log", 1, 42, true));
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(AttemptLog.SUFFIX)).findFirst().orElseThrow();
        }
    }

    @Test
    void bothJournalCopiesDamagedResumeWhereTheAttemptLogSays() throws IOException {
        Path dir = temp.resolve("spool");
        landedAAndAttemptedB(dir);
        damageJournal(dir);
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            assertTrue(spool.problems().get(0).contains("damaged"), spool.problems().toString());
            assertFalse(spool.problems().get(0).contains("twice"), spool.problems().toString());
            SpoolRecord head = spool.peek();
            assertEquals("b", new String(head.data(), UTF_8), "a landed already: it must not be replayed again");
            assertEquals(new SpoolAnchor("logs/0.log", 1, 42, true), head.anchor());
        }
        assertFalse(Files.exists(dir.resolve(ReplayJournal.FILE + ".tmp")));
    }

    @Test
    void aTornAttemptLogEntryIsCutOffAndTheNextOneIsFound() throws IOException {
        Path dir = temp.resolve("spool");
        Path log = landedAAndAttemptedB(dir);
        // a crash in the middle of the next entry: its length and a few bytes of it made it to disk
        Files.write(log, new byte[] {0, 0, 0, 40, 7, 7}, StandardOpenOption.APPEND);
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.peek();
            spool.remove();
            spool.peek();
            spool.attempt(new SpoolAnchor("logs/0.log", 2, 43, true));
        }
        damageJournal(dir);
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            SpoolRecord head = spool.peek();
            assertEquals("c", new String(head.data(), UTF_8));
            assertEquals(new SpoolAnchor("logs/0.log", 2, 43, true), head.anchor());
        }
    }

    @Test
    void bothJournalCopiesAndTheAttemptLogDamagedIsReported() throws IOException {
        Path dir = temp.resolve("spool");
        Path log = landedAAndAttemptedB(dir);
        damageJournal(dir);
        Files.write(log, new byte[] {1, 2, 3});
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            assertTrue(spool.problems().get(0).contains("may appear twice"), spool.problems().toString());
            SpoolRecord head = spool.peek();
            assertEquals("a", new String(head.data(), UTF_8));
            assertNull(head.anchor());
        }
    }

    @Test
    void anAttemptLogGoesWithItsSegment() throws IOException {
        Path dir = temp.resolve("spool");
        Path log = landedAAndAttemptedB(dir);
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            while (spool.peek() != null) {
                spool.remove();
            }
        }
        assertFalse(Files.exists(log));
        assertFalse(Files.exists(log.resolveSibling(log.getFileName().toString().replace(AttemptLog.SUFFIX, ""))));
    }
}
