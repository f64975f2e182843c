package io.github.osslog.testkit.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.buffer.LogLevel;
import io.github.osslog.core.buffer.OverflowPolicy;
import io.github.osslog.core.buffer.PublishResult;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.pipeline.Compression;
import io.github.osslog.core.pipeline.Pipeline;
import io.github.osslog.core.pipeline.PipelineConfig;
import io.github.osslog.core.pipeline.ShutdownReport;
import io.github.osslog.core.testing.FakeClock;
import io.github.osslog.core.testing.RecordingLogger;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.Landed;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.OssTestServerExtension;
import io.github.osslog.testkit.RequestMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline end to end through the testkit's wire protocol (OssClient over loopback HTTP): sequence-numbered
 * events must arrive exactly once and in order after each kind of fault the server can inject.
 */
class PipelineEndToEndTest {
    private static final String BUCKET = "logs";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final RequestMatcher APPENDS = RequestMatcher.operation(Operation.APPEND_OBJECT);

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket(BUCKET));

    private final List<OssClient> clients = new ArrayList<>();
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final RecordingLogger messages = new RecordingLogger();
    private int nextSeq;

    @AfterEach
    void tearDown() {
        oss.server().faults().clear();
        for (Pipeline p : pipelines) {
            p.stop(Duration.ofSeconds(5));
        }
        for (OssClient c : clients) {
            c.close();
        }
    }

    private OssTestServer server() {
        return oss.server();
    }

    private OssClient client() {
        OssClient client = OssClient.create(OssClientConfig.builder().endpoint(server().endpoint()).bucket(BUCKET)
                .region(server().region()).credentials(StaticCredentialsProvider.of("AK", "SK"))
                .callTimeout(Duration.ofSeconds(5)).build());
        clients.add(client);
        return client;
    }

    private PipelineConfig.Builder config() {
        return PipelineConfig.builder().name("e2e-" + NAMES.incrementAndGet()).objectKeyPattern("app/%i.log")
                .flushInterval(Duration.ofHours(1)).initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(20));
    }

    private Pipeline start(PipelineConfig config) {
        Pipeline p = Pipeline.create(config, client(), messages);
        pipelines.add(p);
        p.start();
        return p;
    }

    /** Publishes {@code count} numbered lines and flushes them. */
    private void shipChunk(Pipeline p, int count) {
        for (int i = 0; i < count; i++) {
            byte[] line = String.format("seq %06d %s%n", nextSeq++, "x".repeat(i % 37)).getBytes(UTF_8);
            assertEquals(PublishResult.PUBLISHED, p.publish(line, 0, line.length, LogLevel.INFO));
        }
        assertTrue(p.flush(WAIT), "flush timed out: " + p.metrics());
    }

    /** Runs chunks of events with {@code fault} injected before the second chunk; returns the pipeline. */
    private Pipeline scenario(PipelineConfig config, Consumer<OssTestServer> fault) {
        Pipeline p = start(config);
        shipChunk(p, 200);
        fault.accept(server());
        shipChunk(p, 200);
        shipChunk(p, 200);
        return p;
    }

    /** Asserts every published sequence number appears exactly once and in order across {@code texts}. */
    private void assertExactlyOnceInOrder(List<String> texts) {
        assertExactlyOnceInOrder(texts, 0);
    }

    /** As above, for the events from sequence number {@code first} on. */
    private void assertExactlyOnceInOrder(List<String> texts, int first) {
        int expected = first;
        for (String text : texts) {
            for (String line : text.split("\n")) {
                if (line.startsWith("seq ")) {
                    assertEquals(expected, Integer.parseInt(line.substring(4, 10)), "sequence in " + texts.size()
                            + " objects");
                    expected++;
                }
            }
        }
        assertEquals(nextSeq, expected, "every event exactly once");
    }

    @Test
    void serverErrorBursts() {
        Pipeline p = scenario(config().build(), s -> s.faults().failNext(5, 500, "InternalError", APPENDS));
        assertExactlyOnceInOrder(server().landed(BUCKET, "app/").texts());
        assertEquals(1, server().landed(BUCKET, "app/").texts().size());
        assertEquals(Long.valueOf(5), p.metrics().getFailuresByCode().get("InternalError"));
    }

    @Test
    void throttling() {
        Pipeline p = scenario(config().build(), s -> s.faults().throttleNext(3, 503).throttleNext(2, 429));
        assertExactlyOnceInOrder(server().landed(BUCKET, "app/").texts());
        assertTrue(p.metrics().getRetries() >= 5);
    }

    @Test
    void resetsBeforeCommit() {
        scenario(config().build(), s -> s.faults().inject(Fault.resetBeforeCommit(), APPENDS, 3));
        assertExactlyOnceInOrder(server().landed(BUCKET, "app/").texts());
        assertEquals(1, server().landed(BUCKET, "app/").texts().size());
    }

    @Test
    void commitThenLostResponseIsProvenLandedAndNotSentAgain() {
        Pipeline p = scenario(config().build(),
                s -> s.faults().inject(Fault.dropResponseAfterCommit(), APPENDS, 2));
        assertExactlyOnceInOrder(server().landed(BUCKET, "app/").texts());
        assertEquals(1, server().landed(BUCKET, "app/").texts().size());
        assertEquals(2, p.metrics().getReconciledLostResponses());
    }

    @Test
    void foreignWriterMakesThePipelineRoll() {
        Pipeline p = scenario(config().build(),
                s -> s.faults().inject(Fault.foreignAppend("FOREIGN WRITER\n".getBytes(UTF_8)), APPENDS, 1));
        List<String> texts = server().landed(BUCKET, "app/").texts();
        assertExactlyOnceInOrder(texts);
        assertEquals(2, texts.size());
        assertTrue(texts.get(0).endsWith("FOREIGN WRITER\n"), "the foreign bytes stay, never interleaved");
        assertEquals(1, p.metrics().getRollovers());
        assertTrue(messages.contains("WARN", "Another writer"));
    }

    @Test
    void foreignPutObjectMakesThePipelineRoll() {
        scenario(config().build(),
                s -> s.faults().inject(Fault.foreignPut("REPLACED\n".getBytes(UTF_8)), APPENDS, 1));
        List<String> texts = server().landed(BUCKET, "app/").texts();
        assertEquals("REPLACED\n", texts.get(0), "the PutObject destroyed the first 200 events");
        assertExactlyOnceInOrder(texts.subList(1, texts.size()), 200);
    }

    @Test
    void corruptCrcHeaderIsDetectedAndReported() {
        Pipeline p = scenario(config().build(), s -> s.faults().inject(Fault.corruptCrc(), APPENDS, 1));
        assertExactlyOnceInOrder(server().landed(BUCKET, "app/").texts());
        assertEquals(1, p.metrics().getCrcMismatches());
        assertTrue(messages.contains("ERROR", "CRC-64"));
    }

    @Test
    void sizeRollover() {
        Pipeline p = scenario(config().batchMaxBytes(4096).maxEventSize(1024).maxObjectSize(8192).build(), s -> { });
        List<String> texts = server().landed(BUCKET, "app/").texts();
        assertExactlyOnceInOrder(texts);
        assertTrue(texts.size() >= 3, "objects: " + texts.size());
        for (String text : texts) {
            assertTrue(text.length() <= 8192);
        }
        assertEquals(texts.size() - 1, p.metrics().getRollovers());
    }

    @Test
    void timeRolloverWithAFakeClock() {
        FakeClock clock = new FakeClock(Instant.parse("2026-11-24T23:59:00Z"));
        Pipeline p = start(config().clock(clock).objectKeyPattern("app/%d{yyyy-MM-dd}/%i.log").build());
        shipChunk(p, 100);
        clock.set(Instant.parse("2026-11-25T00:00:01Z"));
        shipChunk(p, 100);
        List<String> texts = new ArrayList<>(server().landed(BUCKET, "app/2026-11-24/").texts());
        texts.addAll(server().landed(BUCKET, "app/2026-11-25/").texts());
        assertEquals(2, texts.size());
        assertExactlyOnceInOrder(texts);
        assertEquals(1, p.metrics().getRollovers());
    }

    @Test
    void restartContinuesTheSameObject() {
        PipelineConfig config = config().build();
        Pipeline first = start(config);
        shipChunk(first, 150);
        assertEquals(0, first.stop(WAIT).notShipped());
        Pipeline second = start(config);
        shipChunk(second, 150);
        assertExactlyOnceInOrder(server().landed(BUCKET, "app/").texts());
        assertEquals(1, server().landed(BUCKET, "app/").texts().size());
    }

    @Test
    void gzipObjectIsOneValidStream() {
        Pipeline p = scenario(config().compression(Compression.GZIP).objectKeyPattern("app/%i.log").build(),
                s -> s.faults().inject(Fault.dropResponseAfterCommit(), APPENDS, 1));
        Landed landed = server().landed(BUCKET, "app/").gunzipped();
        assertEquals(List.of("app/0.log"), landed.keys());
        assertExactlyOnceInOrder(landed.texts());
        assertEquals(3, p.metrics().getAppends());
    }

    @Test
    void configurationErrorIsReportedOnceWhileEventsBufferAndShipOnceFixed() {
        OssClient unknownKey = OssClient.create(OssClientConfig.builder().endpoint(server().endpoint())
                .bucket(BUCKET).region(server().region()).credentials(StaticCredentialsProvider.of("AK2", "SK2"))
                .callTimeout(Duration.ofSeconds(5)).build());
        clients.add(unknownKey);
        Pipeline p = Pipeline.create(config().build(), unknownKey, messages);
        pipelines.add(p);
        p.start();
        for (int i = 0; i < 100; i++) {
            byte[] line = String.format("seq %06d%n", nextSeq++).getBytes(UTF_8);
            p.publish(line, 0, line.length, LogLevel.INFO);
        }
        assertFalse(p.flush(Duration.ofMillis(300)), "nothing ships with an unknown access key");
        assertTrue(p.metrics().getFailuresByCode().get("InvalidAccessKeyId") >= 2, p.metrics().toString());
        assertEquals(1, messages.count("ERROR", "InvalidAccessKeyId"), "reported once, not per retry");
        server().addCredentials("AK2", "SK2");
        assertTrue(p.flush(WAIT));
        assertExactlyOnceInOrder(server().landed(BUCKET, "app/").texts());
        assertTrue(messages.contains("INFO", "accepts appends again"));
    }

    @Test
    void stopDuringAnOutageReturnsWithinItsBudgetAndCountsTheRest() {
        Pipeline p = start(config().build());
        shipChunk(p, 50);
        server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
        for (int i = 0; i < 70; i++) {
            byte[] line = ("late " + i + "\n").getBytes(UTF_8);
            p.publish(line, 0, line.length, LogLevel.INFO);
        }
        long before = System.nanoTime();
        ShutdownReport report = p.stop(Duration.ofMillis(500));
        long tookMillis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(tookMillis < 500 + 300, "stop took " + tookMillis + "ms");
        assertEquals(70, report.notShipped());
        assertEquals(50, report.shipped());
        assertTrue(messages.contains("WARN", "70 events not shipped"));
    }

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void overflowDuringAnOutageDropsCountsAndNotesTheGapInTheObject(OverflowPolicy policy) {
        Pipeline p = start(config().bufferSize(8 << 10).batchMaxBytes(1024).maxEventSize(256)
                .overflowPolicy(policy).blockTimeout(Duration.ofMillis(2)).build());
        shipChunk(p, 10);
        server().faults().always(Fault.error(503, "ServiceUnavailable"), APPENDS);
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] line = String.format("seq %06d during outage%n", nextSeq++).getBytes(UTF_8);
            refused += p.publish(line, 0, line.length, LogLevel.INFO) == PublishResult.DROPPED ? 1 : 0;
        }
        long dropped = p.metrics().getEventsDropped();
        assertTrue(dropped > 0, "a 8KB buffer cannot hold 1000 events");
        if (policy != OverflowPolicy.DROP_OLDEST) {
            assertEquals(refused, dropped, "every refused event is counted, and only those");
        }
        server().faults().clear();
        assertTrue(p.flush(WAIT), "flush timed out: " + p.metrics());

        String text = String.join("", server().landed(BUCKET, "app/").texts());
        List<Integer> landed = new ArrayList<>();
        long noted = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("seq ")) {
                landed.add(Integer.parseInt(line.substring(4, 10)));
            } else if (line.startsWith("osslog dropped ")) {
                noted += Long.parseLong(line.split(" ")[2]);
            }
        }
        for (int i = 1; i < landed.size(); i++) {
            assertTrue(landed.get(i) > landed.get(i - 1), "in order, no duplicate: " + landed);
        }
        assertEquals(nextSeq - dropped, landed.size(), "all but the dropped events landed");
        if (policy == OverflowPolicy.DROP_OLDEST) {
            assertEquals(nextSeq - 1, landed.get(landed.size() - 1), "the newest event is kept");
        }
        assertEquals(dropped, noted, "the gaps are noted in the object: " + text);
        assertEquals(nextSeq - dropped, p.metrics().getEventsShipped());
    }

    @Test
    void eightProducersDuringRandomFaults() throws InterruptedException {
        Pipeline p = start(config().bufferSize(1 << 20).batchMaxBytes(16 << 10).maxEventSize(1024).build());
        server().faults().random(42, java.util.Map.of(Fault.resetBeforeCommit(), 0.1,
                Fault.dropResponseAfterCommit(), 0.1, Fault.error(500, "InternalError"), 0.1), APPENDS);
        int threads = 8;
        int perThread = 500;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread producer = new Thread(() -> {
                for (int seq = 0; seq < perThread; seq++) {
                    byte[] line = String.format("t%d %06d%n", id, seq).getBytes(UTF_8);
                    while (p.publish(line, 0, line.length, LogLevel.INFO) == PublishResult.DROPPED) {
                        Thread.onSpinWait();
                    }
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join(30_000);
            assertFalse(producer.isAlive());
        }
        assertTrue(p.flush(WAIT), p.metrics().toString());
        int[] next = new int[threads];
        for (String text : server().landed(BUCKET, "app/").texts()) {
            for (String line : text.split("\n")) {
                if (line.startsWith("t")) {
                    int id = line.charAt(1) - '0';
                    assertEquals(next[id], Integer.parseInt(line.substring(3)), "thread " + id);
                    next[id]++;
                }
            }
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t], "thread " + t);
        }
    }
}
