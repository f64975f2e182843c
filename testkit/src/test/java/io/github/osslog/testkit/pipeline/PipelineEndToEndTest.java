package io.github.osslog.testkit.pipeline;

import static io.github.osslog.testkit.pipeline.WireHarness.BUCKET;
import static io.github.osslog.testkit.pipeline.WireHarness.WAIT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.internal.buffer.PublishResult;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.internal.pipeline.Compression;
import io.github.osslog.core.internal.pipeline.Pipeline;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import io.github.osslog.core.ShutdownReport;
import io.github.osslog.core.testing.FakeClock;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.Landed;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.RequestMatcher;
import io.github.osslog.testkit.lines.ShippedLines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline end to end through the testkit's wire protocol (OssClient over loopback HTTP): sequence-numbered
 * events must arrive exactly once and in order after each kind of fault the server can inject.
 */
class PipelineEndToEndTest {
    private static final RequestMatcher APPENDS = RequestMatcher.operation(Operation.APPEND_OBJECT);

    @RegisterExtension
    final WireHarness e2e = new WireHarness(b -> { });

    private PipelineConfig.Builder config() {
        return e2e.config("e2e");
    }

    /** Publishes {@code count} numbered lines and flushes them. */
    private void shipChunk(Pipeline p, int count) {
        e2e.publish(p, count);
        assertTrue(p.flush(WAIT), "flush timed out: " + p.metrics());
    }

    /** Runs chunks of events with {@code fault} injected before the second chunk; returns the pipeline. */
    private Pipeline scenario(PipelineConfig config, Consumer<OssTestServer> fault) {
        Pipeline p = e2e.start(config);
        shipChunk(p, 200);
        fault.accept(e2e.server());
        shipChunk(p, 200);
        shipChunk(p, 200);
        return p;
    }

    @Test
    void serverErrorBursts() {
        Pipeline p = scenario(config().build(), s -> s.faults().failNext(5, 500, "InternalError", APPENDS));
        e2e.assertLandedOnceInOrder("app/");
        assertEquals(1, e2e.server().landed(BUCKET, "app/").keys().size());
        assertEquals(Long.valueOf(5), p.metrics().getFailuresByCode().get("InternalError"));
    }

    @Test
    void throttling() {
        Pipeline p = scenario(config().build(), s -> s.faults().throttleNext(3, 503).throttleNext(2, 429));
        e2e.assertLandedOnceInOrder("app/");
        assertTrue(p.metrics().getRetries() >= 5);
    }

    @Test
    void resetsBeforeCommit() {
        scenario(config().build(), s -> s.faults().inject(Fault.resetBeforeCommit(), APPENDS, 3));
        e2e.assertLandedOnceInOrder("app/");
        assertEquals(1, e2e.server().landed(BUCKET, "app/").keys().size());
    }

    @Test
    void commitThenLostResponseIsProvenLandedAndNotSentAgain() {
        Pipeline p = scenario(config().build(),
                s -> s.faults().inject(Fault.dropResponseAfterCommit(), APPENDS, 2));
        e2e.assertLandedOnceInOrder("app/");
        assertEquals(1, e2e.server().landed(BUCKET, "app/").keys().size());
        assertEquals(2, p.metrics().getReconciledLostResponses());
    }

    @Test
    void foreignWriterMakesThePipelineRoll() {
        Pipeline p = scenario(config().build(),
                s -> s.faults().inject(Fault.foreignAppend("FOREIGN WRITER\n".getBytes(UTF_8)), APPENDS, 1));
        Landed landed = e2e.server().landed(BUCKET, "app/");
        List<String> texts = landed.texts();
        assertEquals(2, texts.size());
        assertTrue(texts.get(0).endsWith("FOREIGN WRITER\n"), "the foreign bytes stay, never interleaved");
        List<String> events = new ArrayList<>(landed.lines());
        assertTrue(events.remove("FOREIGN WRITER"));
        e2e.assertOnceInOrder(events, 0);
        assertEquals(1, p.metrics().getRollovers());
        assertTrue(e2e.messages.contains("WARN", "Another writer"));
    }

    @Test
    void foreignPutObjectMakesThePipelineRoll() {
        scenario(config().build(),
                s -> s.faults().inject(Fault.foreignPut("REPLACED\n".getBytes(UTF_8)), APPENDS, 1));
        Landed landed = e2e.server().landed(BUCKET, "app/");
        assertEquals("REPLACED\n", landed.texts().get(0), "the PutObject destroyed the first 200 events");
        List<String> lines = landed.lines();
        e2e.assertOnceInOrder(lines.subList(1, lines.size()), 200);
    }

    @Test
    void corruptCrcHeaderIsDetectedAndReported() {
        Pipeline p = scenario(config().build(), s -> s.faults().inject(Fault.corruptCrc(), APPENDS, 1));
        e2e.assertLandedOnceInOrder("app/");
        assertEquals(1, p.metrics().getCrcMismatches());
        assertTrue(e2e.messages.contains("ERROR", "CRC-64"));
    }

    @Test
    void sizeRollover() {
        Pipeline p = scenario(config().batchMaxBytes(4096).maxEventSize(1024).maxObjectSize(8192).build(), s -> { });
        e2e.assertLandedOnceInOrder("app/");
        List<String> texts = e2e.server().landed(BUCKET, "app/").texts();
        assertTrue(texts.size() >= 3, "objects: " + texts.size());
        for (String text : texts) {
            assertTrue(text.length() <= 8192);
        }
        assertEquals(texts.size() - 1, p.metrics().getRollovers());
    }

    @Test
    void timeRolloverWithAFakeClock() {
        FakeClock clock = new FakeClock(Instant.parse("2026-11-24T23:59:00Z"));
        Pipeline p = e2e.start(config().clock(clock).objectKeyPattern("app/%d{yyyy-MM-dd}/%i.log").build());
        shipChunk(p, 100);
        clock.set(Instant.parse("2026-11-25T00:00:01Z"));
        shipChunk(p, 100);
        assertEquals(List.of("app/2026-11-24/0.log", "app/2026-11-25/0.log"), e2e.server().landed(BUCKET, "app/").keys());
        e2e.assertLandedOnceInOrder("app/");
        assertEquals(1, p.metrics().getRollovers());
    }

    @Test
    void restartContinuesTheSameObject() {
        PipelineConfig config = config().build();
        Pipeline first = e2e.start(config);
        shipChunk(first, 150);
        assertEquals(0, first.stop(WAIT).notShipped());
        Pipeline second = e2e.start(config);
        shipChunk(second, 150);
        e2e.assertLandedOnceInOrder("app/");
        assertEquals(1, e2e.server().landed(BUCKET, "app/").keys().size());
    }

    @Test
    void gzipObjectIsOneValidStream() {
        Pipeline p = scenario(config().compression(Compression.GZIP).objectKeyPattern("app/%i.log").build(),
                s -> s.faults().inject(Fault.dropResponseAfterCommit(), APPENDS, 1));
        Landed landed = e2e.server().landed(BUCKET, "app/").gunzipped();
        assertEquals(List.of("app/0.log"), landed.keys());
        e2e.assertOnceInOrder(landed.lines(), 0);
        assertEquals(3, p.metrics().getAppends());
    }

    @Test
    void configurationErrorIsReportedOnceWhileEventsBufferAndShipOnceFixed() {
        Pipeline p = e2e.start(config().build(), StaticCredentialsProvider.of("AK2", "SK2"));
        for (int i = 0; i < 100; i++) {
            byte[] line = String.format("seq %06d%n", e2e.nextSeq()).getBytes(UTF_8);
            p.publish(line, 0, line.length, LogLevel.INFO);
        }
        assertFalse(p.flush(Duration.ofMillis(300)), "nothing ships with an unknown access key");
        assertTrue(p.metrics().getFailuresByCode().get("InvalidAccessKeyId") >= 2, p.metrics().toString());
        assertEquals(1, e2e.messages.count("ERROR", "InvalidAccessKeyId"), "reported once, not per retry");
        e2e.server().addCredentials("AK2", "SK2");
        assertTrue(p.flush(WAIT));
        e2e.assertLandedOnceInOrder("app/");
        assertTrue(e2e.messages.contains("INFO", "accepts appends again"));
    }

    @Test
    void stopDuringAnOutageReturnsWithinItsBudgetAndCountsTheRest() {
        Pipeline p = e2e.start(config().build());
        shipChunk(p, 50);
        e2e.server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
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
        assertTrue(e2e.messages.contains("WARN", "70 events not shipped"));
    }

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void overflowDuringAnOutageDropsCountsAndNotesTheGapInTheObject(OverflowPolicy policy) {
        Pipeline p = e2e.start(config().bufferSize(8 << 10).batchMaxBytes(1024).maxEventSize(256)
                .overflowPolicy(policy).blockTimeout(Duration.ofMillis(2)).build());
        shipChunk(p, 10);
        e2e.server().faults().always(Fault.error(503, "ServiceUnavailable"), APPENDS);
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] line = String.format("seq %06d during outage%n", e2e.nextSeq()).getBytes(UTF_8);
            refused += p.publish(line, 0, line.length, LogLevel.INFO) == PublishResult.DROPPED ? 1 : 0;
        }
        long dropped = p.metrics().getEventsDropped();
        assertTrue(dropped > 0, "a 8KB buffer cannot hold 1000 events");
        if (policy != OverflowPolicy.DROP_OLDEST) {
            assertEquals(refused, dropped, "every refused event is counted, and only those");
        }
        e2e.server().faults().clear();
        assertTrue(p.flush(WAIT), "flush timed out: " + p.metrics());

        List<String> lines = e2e.server().landed(BUCKET, "app/").lines();
        List<Integer> landed = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("seq ")) {
                landed.add(Integer.parseInt(line.substring(4, 10)));
            }
        }
        for (int i = 1; i < landed.size(); i++) {
            assertTrue(landed.get(i) > landed.get(i - 1), "in order, no duplicate: " + landed);
        }
        assertEquals(e2e.published() - dropped, landed.size(), "all but the dropped events landed");
        if (policy == OverflowPolicy.DROP_OLDEST) {
            assertEquals(e2e.published() - 1, landed.get(landed.size() - 1), "the newest event is kept");
        }
        assertEquals(dropped, ShippedLines.dropLineTotal(lines), "the gaps are noted in the object: " + lines);
        assertEquals(e2e.published() - dropped, p.metrics().getEventsShipped());
    }

    @Test
    void eightProducersDuringRandomFaults() throws InterruptedException {
        Pipeline p = e2e.start(config().bufferSize(1 << 20).batchMaxBytes(16 << 10).maxEventSize(1024).build());
        e2e.server().faults().random(42, java.util.Map.of(Fault.resetBeforeCommit(), 0.1,
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
        for (String line : e2e.server().landed(BUCKET, "app/").lines()) {
            if (line.startsWith("t")) {
                int id = line.charAt(1) - '0';
                assertEquals(next[id], Integer.parseInt(line.substring(3)), "thread " + id);
                next[id]++;
            }
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t], "thread " + t);
        }
    }
}
