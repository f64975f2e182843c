package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.ShutdownReport;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.internal.buffer.PublishResult;
import io.github.osslog.core.internal.spool.Spool;
import io.github.osslog.core.internal.spool.SpoolAnchor;
import io.github.osslog.core.internal.spool.SpoolRecord;
import io.github.osslog.core.store.InMemoryStore;
import io.github.osslog.core.testing.RecordingLogger;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSpoolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final InMemoryStore store = new InMemoryStore();
    private final RecordingLogger logger = new RecordingLogger();
    private final FakeTicker sleeper = new FakeTicker();
    private final StartedPipelines started = new StartedPipelines("spool");

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() throws InterruptedException {
        store.outage(false);
        started.stopAll();
    }

    private PipelineConfig.Builder config() {
        return started.config().spoolDirectory(dir);
    }

    /** A small ring (8KB) whose producers wait for room, so the shipper must spool to keep them going. */
    private PipelineConfig.Builder smallRing() {
        return config().bufferSize(8 << 10).batchMaxBytes(1 << 10).maxEventSize(256)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(10));
    }

    private Pipeline start(PipelineConfig config) {
        return start(Pipeline.create(config, store, logger));
    }

    /**
     * A pipeline whose retry waits and stop budget run on {@link #sleeper}'s fake time: stopping it under an outage
     * takes no real seconds.
     */
    private Pipeline startOnFakeTime(PipelineConfig.Builder config) {
        return start(Pipeline.create(config.ticker(sleeper).build(), store, logger));
    }

    private Pipeline start(Pipeline p) {
        return started.start(p);
    }

    private static PublishResult publish(Pipeline p, String text) {
        byte[] b = text.getBytes(UTF_8);
        return p.publish(b, 0, b.length, LogLevel.INFO);
    }

    private static String events(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append("event ").append(i).append(" of the spool test\n");
        }
        return sb.toString();
    }

    private static void publishEvents(Pipeline p, int from, int to) {
        for (int i = from; i < to; i++) {
            assertEquals(PublishResult.PUBLISHED, publish(p, "event " + i + " of the spool test\n"));
        }
    }

    private String content() {
        byte[] c = store.content("logs/0.log");
        return c == null ? "" : new String(c, UTF_8);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".spool")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void anOutageThatFillsTheBufferSpoolsAndEveryEventLandsOnceInOrderAfterIt() throws IOException {
        store.outage(true);
        Pipeline p = start(smallRing().build());
        publishEvents(p, 0, 1000);
        assertTrue(p.metrics().getSpooledBatches() > 0, "the ring gave way to the spool");
        publishEvents(p, 1000, 1200);
        store.outage(false);
        publishEvents(p, 1200, 1500);
        assertTrue(p.flush(WAIT));
        assertEquals(events(0, 1500), content());
        assertEquals(0, p.metrics().getEventsDropped());
        assertEquals(p.metrics().getSpooledBatches(), p.metrics().getReplayedBatches());
        assertEquals(p.metrics().getEventsSpooled(), p.metrics().getEventsReplayed());
        assertEquals(0, p.metrics().getSpoolBytesInUse());
        assertEquals(0, p.metrics().getSpoolEventsInUse());
        assertEquals(0, segments().size(), "replayed segments are deleted");
    }

    @Test
    void stopUnderOutageSpoolsEverythingAndTheNextPipelineReplaysItOnce() {
        store.outage(true);
        Pipeline first = startOnFakeTime(config());
        publishEvents(first, 0, 100);
        ShutdownReport report = first.stop(Duration.ofSeconds(2));
        assertEquals(0, report.notShipped());
        assertEquals(100, report.spooled());
        assertEquals(100, first.metrics().getEventsSpooled());
        assertEquals(0, report.shipped());
        assertTrue(report.took().compareTo(Duration.ofSeconds(2)) < 0);
        assertTrue(logger.at("INFO").stream().anyMatch(l -> l.contains("left 100 events in spoolDirectory")));

        store.outage(false);
        Pipeline second = start(config().build());
        publishEvents(second, 100, 150);
        assertTrue(second.flush(WAIT));
        assertEquals(events(0, 150), content());
        assertEquals(150, second.metrics().getEventsShipped(), "replayed events count as shipped");
        assertTrue(second.metrics().getReplayedBatches() > 0);
        assertTrue(second.metrics().getEventsReplayed() >= 100, "newer events may queue behind the spool too");
        assertEquals(0, second.stop(WAIT).spooled());
        assertTrue(logger.at("INFO").stream().anyMatch(l -> l.contains("holds 100 events from an earlier run")));
    }

    @Test
    void aBatchThatLandedBeforeACrashIsRecognisedAndNotShippedTwice() throws IOException {
        byte[] landed = events(0, 10).getBytes(UTF_8);
        byte[] pending = events(10, 20).getBytes(UTF_8);
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(new SpoolRecord(landed, 10, Instant.now(), null));
            spool.append(new SpoolRecord(pending, 10, Instant.now(), null));
            spool.peek();
            // replay journaled its append attempt, the append committed, then the process died before hearing back
            spool.attempt(new SpoolAnchor("logs/0.log", 0, 0, true));
        }
        store.append("logs/0.log", 0, landed, 0, landed.length, Collections.emptyMap());

        Pipeline p = start(config().build());
        assertTrue(p.flush(WAIT));
        assertEquals(events(0, 20), content());
        assertEquals(1, p.metrics().getReconciledLostResponses());
        assertEquals(2, p.metrics().getReplayedBatches());
    }

    @Test
    void aBatchSpooledWithAnAnchorIsResentWhenItHadNotLanded() throws IOException {
        byte[] batch = events(0, 10).getBytes(UTF_8);
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(new SpoolRecord(batch, 10, Instant.now(), new SpoolAnchor("logs/0.log", 0, 0, true)));
        }
        Pipeline p = start(config().build());
        assertTrue(p.flush(WAIT));
        assertEquals(events(0, 10), content());
        assertEquals(0, p.metrics().getReconciledLostResponses());
    }

    @Test
    void tornAndCorruptRecordsAreCountedAndNeverShipped() throws IOException {
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(new SpoolRecord(events(0, 5).getBytes(UTF_8), 5, Instant.now(), null));
            spool.append(new SpoolRecord(events(5, 10).getBytes(UTF_8), 5, Instant.now(), null));
            spool.append(new SpoolRecord(events(10, 15).getBytes(UTF_8), 5, Instant.now(), null));
        }
        Path segment = segments().get(0);
        int frame = (int) Files.size(segment) / 3;
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(frame + frame / 2);
            int b = f.read();
            f.seek(frame + frame / 2);
            f.write(b ^ 1);
            f.setLength(f.length() - 10);
        }
        Pipeline p = start(config().build());
        assertTrue(p.flush(WAIT));
        assertEquals(events(0, 5), content());
        assertEquals(2, p.metrics().getCorruptSpoolRecords());
        assertEquals(0, segments().size());
    }

    @Test
    void aFullSpoolDropsNewBatchesCountsThemExactlyAndNotesTheGapInTheLog() {
        store.outage(true);
        Pipeline p = start(smallRing().spoolMaxBytes(4 << 10).build());
        publishEvents(p, 0, 400);
        store.outage(false);
        publish(p, "after the outage\n");
        assertTrue(p.flush(WAIT));
        long dropped = p.metrics().getEventsDroppedByReason().get("spool full");
        assertTrue(dropped > 0);
        assertEquals(dropped, p.metrics().getEventsDropped());
        String[] lines = content().split("\n");
        List<String> eventLines = new ArrayList<>();
        String notice = null;
        for (String line : lines) {
            if (line.startsWith("osslog dropped")) {
                assertNull(notice, "one notice");
                notice = line;
            } else {
                eventLines.add(line);
            }
        }
        assertEquals(400 - dropped + 1, eventLines.size(), "every event not dropped landed once");
        assertEquals("after the outage", eventLines.get(eventLines.size() - 1));
        assertTrue(notice != null && notice.endsWith("(spool full: " + dropped + ")"), notice);
        assertTrue(logger.at("WARN").stream().anyMatch(l -> l.contains("is full (spoolMaxBytes)")));
    }

    @Test
    void dropOldestDiscardsTheOldestSpooledEventsAndKeepsTheNewest() {
        store.outage(true);
        Pipeline first = startOnFakeTime(config().bufferSize(8 << 10).batchMaxBytes(1 << 10).maxEventSize(256)
                .overflowPolicy(OverflowPolicy.DROP_OLDEST).spoolMaxBytes(4 << 10));
        publishEvents(first, 0, 60);
        ShutdownReport report = first.stop(Duration.ofSeconds(2));
        long dropped = first.metrics().getEventsDroppedByReason().getOrDefault("spool full", 0L)
                + first.metrics().getEventsDroppedByReason().getOrDefault("oldest discarded", 0L);
        assertEquals(60, dropped + report.spooled(), report.toString());
        assertEquals(0, report.notShipped());
        store.outage(false);
        Pipeline second = start(config().build());
        assertTrue(second.flush(WAIT));
        assertTrue(content().endsWith(events(59, 60)), "the newest event survives");
        assertEquals(report.spooled(), content().split("\n").length);
    }

    @Test
    void aSecondPipelineOnTheSameDirectoryRunsWithoutASpoolAndSaysWhy() {
        Pipeline first = start(config().build());
        Pipeline second = start(config().build());
        assertTrue(logger.at("ERROR").stream().anyMatch(l -> l.contains("spoolDirectory '" + dir + "' is in use")
                && l.contains("runs without a spool")), logger.lines().toString());
        publishEvents(second, 0, 10);
        assertTrue(second.flush(WAIT));
        assertEquals(events(0, 10), content());
        assertTrue(second.metrics().getLastError().contains("is in use"));
        assertEquals(0, first.metrics().getFailuresByCode().size());
    }

    @Test
    void anUnwritableDirectoryIsReportedAndThePipelineShipsWithoutASpool() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        Pipeline p = start(config().spoolDirectory(file.resolve("spool")).build());
        assertTrue(logger.at("ERROR").stream().anyMatch(l -> l.contains("spoolDirectory '" + file.resolve("spool")
                + "' is not writable")), logger.lines().toString());
        publishEvents(p, 0, 10);
        assertTrue(p.flush(WAIT));
        assertEquals(events(0, 10), content());
        assertEquals(Long.valueOf(1), p.metrics().getFailuresByCode().get("SpoolUnavailable"));
    }

    @Test
    void aSymbolicLinkAsSpoolDirectoryIsRefusedAndThePipelineShipsWithoutASpool() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("real")));
        Pipeline p = start(config().spoolDirectory(link).build());
        assertTrue(logger.at("ERROR").stream().anyMatch(l -> l.contains("spoolDirectory '" + link
                + "' is a symbolic link") && l.contains("runs without a spool")), logger.lines().toString());
        publishEvents(p, 0, 10);
        assertTrue(p.flush(WAIT));
        assertEquals(events(0, 10), content());
    }

    @Test
    void aCorruptRecordIsADropCountedReportedAndNotedInTheObjectAndTheShipperGoesOn() throws IOException {
        try (Spool spool = Spool.open(dir, 1 << 20)) {
            spool.append(new SpoolRecord(events(0, 5).getBytes(UTF_8), 5, Instant.now(), null));
            spool.append(new SpoolRecord(events(5, 10).getBytes(UTF_8), 5, Instant.now(), null));
        }
        Path segment = segments().get(0);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(f.length() - 3);
            int b = f.read();
            f.seek(f.length() - 3);
            f.write(b ^ 1);
        }
        Pipeline p = start(config().build());
        assertTrue(p.flush(WAIT));
        publishEvents(p, 10, 12);
        assertTrue(p.flush(WAIT));
        String landed = content();
        assertTrue(landed.startsWith(events(0, 5) + "osslog dropped 5 events between "), landed);
        assertTrue(landed.endsWith("(corrupt spool record: 5)\n" + events(10, 12)), landed);
        assertEquals(Long.valueOf(5), p.metrics().getEventsDroppedByReason().get("corrupt spool record"));
        assertTrue(logger.contains("ERROR", "their 5 events are lost"), logger.lines().toString());
    }

    @Test
    void gzipBatchesAreSpooledAsMembersAndReplayedByteExact() throws IOException {
        store.outage(true);
        Pipeline first = startOnFakeTime(config().compression(Compression.GZIP));
        publishEvents(first, 0, 50);
        assertEquals(50, first.stop(Duration.ofSeconds(2)).spooled());
        store.outage(false);
        Pipeline second = start(config().compression(Compression.GZIP).build());
        assertTrue(second.flush(WAIT));
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(store.content("logs/0.log")))) {
            assertEquals(events(0, 50), new String(in.readAllBytes(), UTF_8));
        }
    }
}
