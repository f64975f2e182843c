package io.github.osslog.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.testing.FakeClock;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.RequestMatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogReaderTest {
    private static final String BUCKET = "logs";
    private static final String PATTERN = "app/%d{yyyy-MM-dd}/%host-%pid-%i.log";
    private static final String GZ_PATTERN = "app/%d{yyyy-MM-dd}/%host-%pid-%i.log.gz";
    private static final Instant DAY2 = Instant.parse("2026-12-07T10:00:00Z");

    private final FakeClock clock = new FakeClock(DAY2);
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private OssTestServer server;
    private OssClient oss;

    @BeforeEach
    void start() throws IOException {
        server = OssTestServer.builder().credentials("AK", "SK").bucket(BUCKET).start();
        oss = OssClient.create(OssClientConfig.builder().endpoint(server.endpoint()).bucket(BUCKET)
                .region(server.region()).credentials(StaticCredentialsProvider.of("AK", "SK")).build());
    }

    @AfterEach
    void stop() {
        oss.close();
        server.close();
    }

    private LogReader.Builder reader(String pattern) {
        return LogReader.builder().client(oss).pattern(pattern).clock(clock).notes(notes::add)
                .retryFor(Duration.ofSeconds(20));
    }

    private void append(String key, String text) throws IOException {
        long at = server.length(BUCKET, key).orElse(0);
        oss.append(key, at, text.getBytes(StandardCharsets.UTF_8));
    }

    private void appendGzip(String key, String text) throws IOException {
        long at = server.length(BUCKET, key).orElse(0);
        oss.append(key, at, gzip(text));
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static List<String> texts(LogReader reader, Instant since, Instant until) throws IOException {
        try (Stream<LogLine> lines = reader.lines(since, until)) {
            return lines.map(LogLine::text).collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Test
    void objectsComeInWriteOrderAcrossBucketsAndNumericIndexes() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 11; i++) {
            append("app/2026-12-06/web-7-" + i + ".log", "day1 object " + i + "\n");
            expected.add("day1 object " + i);
        }
        append("app/2026-12-07/web-7-0.log", "day2 a\nday2 b\n");
        expected.add("day2 a");
        expected.add("day2 b");
        append("app/2026-12-05/web-7-0.log", "too old\n");
        append("other/2026-12-07/web-7-0.log", "not the pattern\n");

        LogReader reader = reader(PATTERN).build();
        List<LogObject> objects = reader.objects(DAY2.minus(Duration.ofHours(24)), DAY2);

        assertEquals(13, objects.size());
        assertEquals("app/2026-12-06/web-7-2.log", objects.get(2).key());
        assertEquals("app/2026-12-06/web-7-10.log", objects.get(10).key());
        assertEquals(expected, texts(reader, DAY2.minus(Duration.ofHours(24)), DAY2));
        assertEquals(DiscoveryMode.LISTING, reader.discoveryMode());
    }

    @Test
    void gzipIsDecodedMemberByMemberAndAnIncompleteLastMemberIsLeftOut() throws IOException {
        String key = "app/2026-12-07/web-7-0.log.gz";
        appendGzip(key, "one\ntwo\n");
        appendGzip(key, "three\n");
        byte[] next = gzip("four\n");
        server.foreignAppend(BUCKET, key, java.util.Arrays.copyOf(next, next.length / 2));

        List<String> lines = texts(reader(GZ_PATTERN).build(), DAY2.minusSeconds(60), DAY2);

        assertEquals(List.of("one", "two", "three"), lines);
    }

    @Test
    void transientErrorsAreRetriedTheFirstRequestIncluded() throws IOException {
        append("app/2026-12-07/web-7-0.log", "a\nb\n");
        server.faults().failNext(2, 503, "ServiceUnavailable", RequestMatcher.operation(Operation.LIST_OBJECTS_V2));
        server.faults().failNext(1, 500, "InternalError", RequestMatcher.operation(Operation.GET_OBJECT));
        server.faults().throttleNext(1, 429);

        assertEquals(List.of("a", "b"), texts(reader(PATTERN).build(), DAY2.minusSeconds(60), DAY2));
        assertEquals(4, notes.stream().filter(n -> n.startsWith("retrying")).count(), notes.toString());
    }

    @Test
    void aResetMidBodyResumesWhereTheDeliveredBytesEnd() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            text.append("plain line ").append(i).append('\n');
            expected.add("plain line " + i);
        }
        append("app/2026-12-07/web-7-0.log", text.toString());
        server.faults().inject(Fault.cutBody(70_001), RequestMatcher.operation(Operation.GET_OBJECT), 1);

        assertEquals(expected, texts(reader(PATTERN).build(), DAY2.minusSeconds(60), DAY2));
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("retrying GET")), notes.toString());
    }

    /**
     * A download that outlives the client's callTimeout (here 300 ms, against a 1 s stall midway) is continued by a
     * ranged GET from the last delivered byte: every line once, in order.
     */
    @Test
    void aDownloadEndedByTheCallTimeoutContinuesWhereItStopped() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            text.append("plain line ").append(i).append('\n');
            expected.add("plain line " + i);
        }
        append("app/2026-12-07/web-7-0.log", text.toString());
        server.faults().inject(Fault.stallBody(30_001, Duration.ofSeconds(1)),
                RequestMatcher.operation(Operation.GET_OBJECT), 1);
        Duration timeout = Duration.ofMillis(300);
        try (OssClient impatient = OssClient.create(OssClientConfig.builder().endpoint(server.endpoint())
                .bucket(BUCKET).region(server.region()).credentials(StaticCredentialsProvider.of("AK", "SK"))
                .readTimeout(timeout).callTimeout(timeout).build())) {
            LogReader reader = LogReader.builder().client(impatient).pattern(PATTERN).clock(clock)
                    .notes(notes::add).retryFor(Duration.ofSeconds(20)).build();

            assertEquals(expected, texts(reader, DAY2.minusSeconds(60), DAY2));
        }
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("retrying GET") && n.contains("callTimeout")),
                notes.toString());
    }

    @Test
    void aGzipMemberCutByTheRangeIsReadAgainWhole() throws IOException {
        String key = "app/2026-12-07/web-7-0.log.gz";
        appendGzip(key, "first member\n");
        int firstLength = (int) server.length(BUCKET, key).getAsLong();
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            big.append("second member line ").append(i).append(' ').append(i * 7919 % 104729).append('\n');
        }
        appendGzip(key, big.toString());
        server.faults().inject(Fault.cutBody(firstLength + 100), RequestMatcher.operation(Operation.GET_OBJECT), 1);

        List<String> lines = texts(reader(GZ_PATTERN).build(), DAY2.minusSeconds(60), DAY2);

        assertTrue(notes.stream().anyMatch(n -> n.startsWith("retrying GET " + key + " from byte " + firstLength)),
                notes.toString());
        assertEquals(3001, lines.size());
        assertEquals("first member", lines.get(0));
        assertEquals("second member line 2999 " + (2999 * 7919 % 104729), lines.get(3000));
    }

    @Test
    void refusedListingFallsBackToProbingKeysWithHead() throws IOException {
        for (int i = 0; i < 3; i++) {
            append("app/2026-12-07/web-7-" + i + ".log", "line " + i + "\n");
        }
        append("app/2026-12-07/web-7-4.log", "after a gap: not probed\n");
        server.faults().always(Fault.error(403, "AccessDenied"), RequestMatcher.operation(Operation.LIST_OBJECTS_V2));

        LogReader reader = reader(PATTERN).value("host", "web").value("pid", "7").build();
        List<String> lines = texts(reader, DAY2.minusSeconds(60), DAY2);

        assertEquals(List.of("line 0", "line 1", "line 2"), lines);
        assertEquals(DiscoveryMode.PROBING, reader.discoveryMode());
        assertTrue(notes.stream().anyMatch(n -> n.contains("listing refused (403 AccessDenied)")), notes.toString());
    }

    @Test
    void refusedListingWithOpenPartsNamesTheFix() {
        server.faults().always(Fault.error(403, "AccessDenied"), RequestMatcher.operation(Operation.LIST_OBJECTS_V2));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reader(PATTERN).build().objects(DAY2.minusSeconds(60), DAY2));

        assertTrue(e.getMessage().contains("--host") && e.getMessage().contains("oss:ListObjects"), e.getMessage());
    }

    @Test
    void followingDeliversEachLineOnceAcrossRollsBucketsAndAReplacedObject() throws IOException {
        append("app/2026-12-07/web-7-0.log", "old 1\nold 2\nold 3\n");
        List<String> seen = new ArrayList<>();
        Follower follower = reader(PATTERN).build().follow(2, Duration.ofMillis(10));

        follower.poll(l -> seen.add(l.text()));
        append("app/2026-12-07/web-7-0.log", "new 1\npartial");
        follower.poll(l -> seen.add(l.text()));
        append("app/2026-12-07/web-7-0.log", " line\n");
        append("app/2026-12-07/web-7-1.log", "rolled 1\n");
        follower.poll(l -> seen.add(l.text()));
        server.foreignPut(BUCKET, "app/2026-12-07/web-7-1.log", "foreign\n".getBytes(StandardCharsets.UTF_8));
        append("app/2026-12-07/web-7-2.log", "after the foreign put\n");
        clock.advance(Duration.ofDays(1));
        append("app/2026-12-08/web-7-0.log", "next day\n");
        follower.poll(l -> seen.add(l.text()));
        follower.poll(l -> seen.add(l.text()));

        assertEquals(List.of("old 2", "old 3", "new 1", "partial line", "rolled 1", "after the foreign put",
                "next day"), seen);
        assertTrue(notes.stream().anyMatch(n -> n.contains("web-7-1.log was replaced")), notes.toString());
    }

    /**
     * Probing HEADs one key after the other, so an object's size can be from before its writer's last append to it
     * and the newer object (in the next time bucket) appear after it; the older object must still be read to its
     * end, although the next poll no longer watches its bucket. Failed before: "a2" was never delivered.
     */
    @Test
    void probingReadsAnOlderObjectToItsEndWhenItsWriterMovedToTheNextBucketDuringThePoll() throws Exception {
        String older = "app/2026-12-07T10-00/web-0.log";
        assertEquals(List.of("a1", "a2", "b1"), followWhileTheWriterMovesOn(older));
    }

    /**
     * The writer rolls in the old bucket and moves on to the next one between probing's HEADs: the old bucket's new
     * object must still be found, although the next poll no longer watches that bucket. Failed before (buckets were
     * probed oldest first): "a2" was never delivered.
     */
    @Test
    void probingFindsAnObjectTheWriterCreatedInTheOldBucketJustBeforeMovingOn() throws Exception {
        String rolled = "app/2026-12-07T10-00/web-1.log";
        assertEquals(List.of("a1", "a2", "b1"), followWhileTheWriterMovesOn(rolled));
    }

    /**
     * Follows a minute pattern by probing: "a1" in the 10:00 bucket's first object, then one poll during which, once
     * {@code key} (10:00) was HEADed, the writer appends "a2" to it and "b1" to the 10:01 bucket's first object,
     * whose HEAD the server holds back meanwhile; then one more poll. Returns the lines delivered.
     */
    private List<String> followWhileTheWriterMovesOn(String key) throws Exception {
        server.faults().always(Fault.error(403, "AccessDenied"), RequestMatcher.operation(Operation.LIST_OBJECTS_V2));
        String newer = "app/2026-12-07T10-01/web-0.log";
        append("app/2026-12-07T10-00/web-0.log", "a1\n");
        List<String> seen = new CopyOnWriteArrayList<>();
        Follower follower = reader("app/%d{yyyy-MM-dd'T'HH-mm}/web-%i.log").build().follow(1, Duration.ofMillis(10));
        follower.poll(l -> seen.add(l.text()));
        clock.advance(Duration.ofMinutes(1));
        // the newer object's HEAD waits at the server, so the writer's last steps fall between the HEADs
        server.faults().inject(Fault.latency(Duration.ofSeconds(3)),
                RequestMatcher.operation(Operation.HEAD_OBJECT).key(newer), 1);
        int headsBefore = heads(key);

        CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> {
            try {
                follower.poll(l -> seen.add(l.text()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (heads(key) == headsBefore && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        append(key, "a2\n");
        append(newer, "b1\n");
        poll.get(30, TimeUnit.SECONDS);
        follower.poll(l -> seen.add(l.text()));
        return seen;
    }

    private int heads(String key) {
        return (int) server.journal().entries(Operation.HEAD_OBJECT).stream().filter(e -> key.equals(e.key())).count();
    }

    @Test
    void lastLinesComeFromWindowsAtThePlainObjectsEndsAcrossObjects() throws IOException {
        StringBuilder big = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String line = "line " + i + " " + "x".repeat(i % 97);
            big.append(line).append('\n');
            expected.add(line);
        }
        append("app/2026-12-07/web-7-0.log", big.toString());
        append("app/2026-12-07/web-7-1.log", "rolled 1\nrolled 2\n");
        expected.add("rolled 1");
        expected.add("rolled 2");
        Follower follower = reader(PATTERN).build().follow(6000, Duration.ofMillis(10));
        List<LogLine> seen = new ArrayList<>();

        follower.poll(seen::add);
        append("app/2026-12-07/web-7-1.log", "rolled 3\n");
        follower.poll(seen::add);

        expected.add("rolled 3");
        List<String> texts = seen.stream().map(LogLine::text).collect(Collectors.toList());
        assertEquals(expected.subList(expected.size() - 6001, expected.size()), texts);
        for (int i = 5997; i >= 0; i -= 999) { // each line's checkpoint: the offset after it in its object
            assertEquals(Checkpoint.of("app/2026-12-07/web-7-0.log", big.length() - sum(seen.subList(i + 1, 5998))),
                    seen.get(i).checkpoint());
        }
    }

    private static long sum(List<LogLine> lines) {
        return lines.stream().mapToLong(l -> l.bytes().length).sum();
    }

    @Test
    void followingResumesInsideAGzipMemberFromACheckpoint() throws IOException {
        String key = "app/2026-12-07/web-7-0.log.gz";
        appendGzip(key, "a\nb\nc\n");
        appendGzip(key, "d\n");
        List<LogLine> all = new ArrayList<>();
        reader(GZ_PATTERN).build().follow(10, Duration.ofMillis(10)).poll(all::add);
        Checkpoint afterB = Checkpoint.parse(all.get(1).checkpoint().toString());

        List<String> resumed = new ArrayList<>();
        Follower follower = reader(GZ_PATTERN).build().follow(afterB, Duration.ofMillis(10));
        follower.poll(l -> resumed.add(l.text()));
        appendGzip(key, "e\n");
        follower.poll(l -> resumed.add(l.text()));

        assertEquals(Checkpoint.of(key, 0, 2), afterB);
        assertEquals(List.of("c", "d", "e"), resumed);
    }

    @Test
    void followIteratorBlocksForLinesAndStops() throws Exception {
        append("app/2026-12-07/web-7-0.log", "x\n");
        Follower follower = reader(PATTERN).build().follow(1, Duration.ofMillis(10));
        java.util.Iterator<LogLine> lines = follower.iterator();

        assertEquals("x", lines.next().text());
        append("app/2026-12-07/web-7-0.log", "y\n");
        assertEquals("y", lines.next().text());
        ((AutoCloseable) lines).close();
    }

    @Test
    void followingRidesOutErrorsAndACutBodyWithoutRepeatingOrSkippingALine() throws IOException {
        String key = "app/2026-12-07/web-7-0.log";
        append(key, "before\n");
        List<String> seen = new ArrayList<>();
        Follower follower = reader(PATTERN).build().follow(0, Duration.ofMillis(10));
        follower.poll(l -> seen.add(l.text()));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            expected.append("line ").append(i).append('\n');
        }
        append(key, expected.toString());
        server.faults().failNext(3, 503, "ServiceUnavailable");
        server.faults().inject(Fault.cutBody(5000), RequestMatcher.operation(Operation.GET_OBJECT), 1);

        follower.poll(l -> seen.add(l.text()));

        assertEquals(List.of(expected.toString().split("\n")), seen);
        assertEquals(3, notes.stream().filter(n -> n.startsWith("retrying ListObjects")).count(), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.matches("retrying GET " + key + " from byte [1-9][0-9]* .*")),
                "the cut GET resumed after the lines it delivered: " + notes);
    }
}
