package io.github.osslog.testkit.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.buffer.LogLevel;
import io.github.osslog.core.buffer.OverflowPolicy;
import io.github.osslog.core.buffer.PublishResult;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.pipeline.Pipeline;
import io.github.osslog.core.pipeline.PipelineConfig;
import io.github.osslog.core.pipeline.ShutdownReport;
import io.github.osslog.core.testing.RecordingLogger;
import io.github.osslog.testkit.Await;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.OssTestServerExtension;
import io.github.osslog.testkit.RequestMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The local spool end to end, through the OSS client and the testkit's wire protocol (docs/spool.md). */
class SpoolEndToEndTest {
    private static final String BUCKET = "logs";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket(BUCKET));

    @TempDir
    Path spoolDir;

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

    private PipelineConfig.Builder config() {
        return PipelineConfig.builder().name("spool-e2e-" + NAMES.incrementAndGet()).objectKeyPattern("app/%i.log")
                .flushInterval(Duration.ofHours(1)).initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(20)).spoolDirectory(spoolDir);
    }

    private Pipeline start(PipelineConfig config) {
        OssClient client = OssClient.create(OssClientConfig.builder().endpoint(oss.server().endpoint())
                .bucket(BUCKET).region(oss.server().region()).credentials(StaticCredentialsProvider.of("AK", "SK"))
                .callTimeout(Duration.ofSeconds(5)).build());
        clients.add(client);
        Pipeline p = Pipeline.create(config, client, messages);
        pipelines.add(p);
        p.start();
        return p;
    }

    private void publish(Pipeline p, int count) {
        for (int i = 0; i < count; i++) {
            byte[] line = String.format("seq %06d %s%n", nextSeq++, "x".repeat(i % 37)).getBytes(UTF_8);
            assertEquals(PublishResult.PUBLISHED, p.publish(line, 0, line.length, LogLevel.INFO));
        }
    }

    /** Every published sequence number exactly once and in order across app/0.log, app/1.log, ... */
    private void assertExactlyOnceInOrder() {
        int expected = 0;
        for (int i = 0; ; i++) {
            Optional<byte[]> content = oss.server().content(BUCKET, "app/" + i + ".log");
            if (content.isEmpty()) {
                break;
            }
            for (String line : new String(content.get(), UTF_8).split("\n")) {
                assertTrue(line.startsWith("seq "), line);
                assertEquals(expected, Integer.parseInt(line.substring(4, 10)), "in order, once");
                expected++;
            }
        }
        assertEquals(nextSeq, expected, "every event exactly once");
    }

    @Test
    void anOutageLongerThanTheBufferIsBridgedByTheSpool() {
        Pipeline p = start(config().bufferSize(8 << 10).batchMaxBytes(1 << 10).maxEventSize(256)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(10)).build());
        publish(p, 50);
        assertTrue(p.flush(WAIT));
        oss.server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
        publish(p, 1000);
        assertTrue(p.metrics().getSpooledBatches() > 0, "an 8KB buffer cannot hold the outage");
        oss.server().faults().clear();
        publish(p, 200);
        assertTrue(p.flush(WAIT), "flush timed out: " + p.metrics());
        assertExactlyOnceInOrder();
        assertEquals(0, p.metrics().getEventsDropped());
        assertEquals(p.metrics().getSpooledBatches(), p.metrics().getReplayedBatches());
    }

    @Test
    void stopDuringAnOutageSpoolsAndTheNextRunShipsEverythingOnce() {
        Pipeline first = start(config().build());
        publish(first, 100);
        assertTrue(first.flush(WAIT));
        oss.server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
        publish(first, 300);
        ShutdownReport report = first.stop(Duration.ofSeconds(1));
        assertEquals(0, report.notShipped(), report.toString());
        assertEquals(300, report.spooled());
        assertTrue(report.took().compareTo(Duration.ofSeconds(1)) < 0);

        oss.server().faults().clear();
        Pipeline second = start(config().build());
        publish(second, 100);
        assertTrue(second.flush(WAIT), "flush timed out: " + second.metrics());
        assertExactlyOnceInOrder();
    }

    @Test
    void anAppendThatCommittedBeforeStopIsRecognisedOnReplayNotDuplicated() {
        Pipeline first = start(config().build());
        publish(first, 100);
        assertTrue(first.flush(WAIT));
        oss.server().faults().inject(Fault.dropResponseAfterCommit(), RequestMatcher.operation(Operation.APPEND_OBJECT),
                1);
        oss.server().faults().always(Fault.error(503, "ServiceUnavailable"),
                RequestMatcher.operation(Operation.HEAD_OBJECT));
        publish(first, 100);
        ShutdownReport report = first.stop(Duration.ofSeconds(1));
        assertEquals(0, report.notShipped(), report.toString());
        assertEquals(100, report.spooled(), "in doubt, so spooled with its anchor");

        oss.server().faults().clear();
        Pipeline second = start(config().build());
        assertTrue(second.flush(WAIT), "flush timed out: " + second.metrics());
        assertExactlyOnceInOrder();
        assertEquals(1, second.metrics().getReconciledLostResponses());
    }

    @Test
    void aReplayCutShortThenBothJournalCopiesDamagedStillShipsEveryEventOnce() throws IOException {
        Pipeline first = start(config().batchMaxBytes(1 << 10).maxEventSize(256).build());
        publish(first, 20);
        assertTrue(first.flush(WAIT));
        oss.server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
        publish(first, 400);
        ShutdownReport report = first.stop(Duration.ofSeconds(1));
        assertEquals(400, report.spooled(), report.toString());

        // the next run replays slowly and is stopped by a new outage once some of the spooled batches landed
        oss.server().faults().clear();
        oss.server().faults().always(Fault.latency(Duration.ofMillis(100)),
                RequestMatcher.operation(Operation.APPEND_OBJECT));
        Pipeline second = start(config().batchMaxBytes(1 << 10).maxEventSize(256).build());
        assertTrue(Await.until(() -> second.metrics().getReplayedBatches() >= 2, WAIT), second.metrics().toString());
        oss.server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
        second.stop(Duration.ofSeconds(1));
        assertTrue(second.metrics().getReplayedBatches() < first.metrics().getSpooledBatches(),
                "the replay was to be cut short: " + second.metrics());

        for (String name : new String[] {"replay.journal", "replay.journal.2"}) {
            Files.write(spoolDir.resolve(name), new byte[] {1, 2, 3});
        }
        oss.server().faults().clear();
        Pipeline third = start(config().build());
        assertTrue(third.flush(WAIT), "flush timed out: " + third.metrics());
        assertExactlyOnceInOrder();
        assertTrue(messages.at("ERROR").stream().anyMatch(l -> l.contains("are damaged")), messages.lines().toString());
    }
}
