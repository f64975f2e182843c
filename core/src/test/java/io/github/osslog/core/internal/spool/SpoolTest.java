package io.github.osslog.core.internal.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    private static final Instant CUT = Instant.parse("2026-11-24T17:00:00Z");

    @TempDir
    Path dir;

    private static SpoolRecord record(String text, int events) {
        return new SpoolRecord(text.getBytes(UTF_8), events, CUT, null);
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

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".spool")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void recordsComeBackInOrderAcrossSegmentsAndRestartsAndReplayedSegmentsAreDeleted() throws IOException {
        List<String> expected = new ArrayList<>();
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            for (int i = 0; i < 300; i++) {
                String text = "batch " + i + " " + "x".repeat(500);
                expected.add(text);
                assertTrue(spool.append(record(text, 2)));
            }
            assertEquals(600, spool.pendingEvents());
            assertTrue(segments().size() > 1, "64KB segments roll");
            for (int i = 0; i < 100; i++) {
                assertEquals(expected.get(i), new String(spool.peek().data(), UTF_8));
                spool.remove();
            }
        }
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            assertEquals(400, spool.pendingEvents(), "the cursor survived the restart");
            assertTrue(spool.append(record("after restart", 1)));
            List<String> rest = drain(spool);
            expected.add("after restart");
            assertEquals(expected.subList(100, expected.size()), rest);
            assertTrue(spool.isEmpty());
            assertEquals(0, spool.bytesInUse());
            assertEquals(0, segments().size(), "fully replayed segments are deleted");
        }
    }

    @Test
    void aTornTailAndAFlippedByteAreCountedAndSkippedNeverReturned() throws IOException {
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(record("first", 1));
            spool.append(record("second", 1));
            spool.append(record("third", 1));
            spool.append(record("fourth", 1));
        }
        Path segment = segments().get(0);
        long frame = RecordCodec.HEADER + 1 + 8 + "first".length();
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            long secondData = Segment.HEADER_BYTES + frame + RecordCodec.HEADER + 9 + 2; // inside "second"
            f.seek(secondData);
            int b = f.read();
            f.seek(secondData);
            f.write(b ^ 0x20);
            f.setLength(f.length() - 3); // tear "fourth"
        }
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            assertEquals(List.of("first", "third"), drain(spool));
            assertEquals(2, spool.corruptRecords());
            assertTrue(spool.isEmpty());
        }
    }

    @Test
    void aDamagedLengthEndsTheSegmentButNotTheNextOne() throws IOException {
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(record("old", 1));
        }
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(record("new", 1));
        }
        try (RandomAccessFile f = new RandomAccessFile(segments().get(0).toFile(), "rw")) {
            f.seek(Segment.HEADER_BYTES + 4);
            f.writeInt(Integer.MAX_VALUE);
        }
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            assertEquals(List.of("new"), drain(spool));
            assertEquals(1, spool.corruptRecords());
        }
    }

    @Test
    void theAnchorOfTheLastAttemptSurvivesARestart() throws IOException {
        SpoolAnchor own = new SpoolAnchor("logs/0.log", 10, 20, true);
        SpoolAnchor attempt = new SpoolAnchor("logs/1.log", 0, 0, true);
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(new SpoolRecord("a".getBytes(UTF_8), 1, CUT, own));
            spool.append(record("b", 1));
            assertEquals(own, spool.peek().anchor());
        }
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            assertEquals(own, spool.peek().anchor());
            spool.attempt(attempt);
            assertEquals(attempt, spool.peek().anchor());
        }
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            SpoolRecord head = spool.peek();
            assertEquals("a", new String(head.data(), UTF_8));
            assertEquals(attempt, head.anchor(), "the journaled attempt wins over the record's own anchor");
            assertEquals(CUT, head.cutTime());
            spool.remove();
            assertNull(spool.peek().anchor());
        }
    }

    @Test
    void aRecordFoundLandedWithoutAnAppendMovesTheJournalPastTheEarlierAnchor() throws IOException {
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(record("a", 1));
            spool.append(new SpoolRecord("b".getBytes(UTF_8), 1, CUT, new SpoolAnchor("logs/0.log", 1, 7, true)));
            spool.append(record("c", 1));
            spool.peek();
            spool.attempt(new SpoolAnchor("logs/0.log", 0, 0, true));
            spool.remove();
            assertEquals("b", new String(spool.peek().data(), UTF_8));
            ReplayJournal.Cursor afterA = new ReplayJournal(dir, null).read();
            assertEquals(Segment.HEADER_BYTES, afterA.offset, "a's anchor stays on disk until the next attempt: it proves a landed");
            spool.remove(); // b: found landed through its own anchor, no append and so no attempt journaled
            ReplayJournal.Cursor afterB = new ReplayJournal(dir, null).read();
            assertNull(afterB.anchor, "a's anchor would no longer match the grown object");
            assertEquals("c", new String(spool.peek().data(), UTF_8));
            spool.attempt(new SpoolAnchor("logs/0.log", 2, 9, true));
            assertEquals(afterB.offset, new ReplayJournal(dir, null).read().offset, "the cursor points at c");
        }
    }

    @Test
    void aFullSpoolRefusesAndDiscardingTheOldestSegmentMakesRoom() throws IOException {
        try (Spool spool = Spool.open(dir, 4096)) {
            int accepted = 0;
            while (spool.append(record("y".repeat(1000), 3))) {
                accepted++;
            }
            assertEquals(3, accepted);
            assertTrue(spool.bytesInUse() <= 4096);
            assertEquals(9, spool.discardOldest());
            assertTrue(spool.isEmpty());
            assertTrue(spool.append(record("z", 1)));
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefusedWithTheSettingNamed() throws IOException {
        try (Spool first = Spool.open(dir, 1 << 20)) {
            IOException e = assertThrows(IOException.class, () -> Spool.open(dir, 1 << 20));
            assertTrue(e.getMessage().startsWith("spoolDirectory '" + dir + "' is in use"), e.getMessage());
        }
        Spool.open(dir, 1 << 20).close();
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReportedWithTheSettingNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        IOException e = assertThrows(IOException.class, () -> Spool.open(file.resolve("spool"), 1 << 20));
        assertTrue(e.getMessage().startsWith("spoolDirectory '" + file.resolve("spool") + "' is not writable"),
                e.getMessage());
        assertFalse(Files.isDirectory(file.resolve("spool")));
    }
}
