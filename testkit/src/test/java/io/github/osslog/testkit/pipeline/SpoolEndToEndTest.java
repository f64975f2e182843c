package io.github.osslog.testkit.pipeline;

import static io.github.osslog.testkit.pipeline.WireHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.internal.pipeline.Pipeline;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import io.github.osslog.core.ShutdownReport;
import io.github.osslog.testkit.Await;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.RequestMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The local spool end to end, through the OSS client and the testkit's wire protocol (docs/spool.md). */
class SpoolEndToEndTest {
    @RegisterExtension
    final WireHarness e2e = new WireHarness(b -> { });

    @TempDir
    Path spoolDir;

    private PipelineConfig.Builder config() {
        return e2e.config("spool-e2e").spoolDirectory(spoolDir);
    }

    @Test
    void anOutageLongerThanTheBufferIsBridgedByTheSpool() {
        Pipeline p = e2e.start(config().bufferSize(8 << 10).batchMaxBytes(1 << 10).maxEventSize(256)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(10)).build());
        e2e.publish(p, 50);
        assertTrue(p.flush(WAIT));
        e2e.server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
        e2e.publish(p, 1000);
        assertTrue(p.metrics().getSpooledBatches() > 0, "an 8KB buffer cannot hold the outage");
        e2e.server().faults().clear();
        e2e.publish(p, 200);
        assertTrue(p.flush(WAIT), "flush timed out: " + p.metrics());
        e2e.assertLandedOnceInOrder("app/");
        assertEquals(0, p.metrics().getEventsDropped());
        assertEquals(p.metrics().getSpooledBatches(), p.metrics().getReplayedBatches());
    }

    @Test
    void stopDuringAnOutageSpoolsAndTheNextRunShipsEverythingOnce() {
        Pipeline first = e2e.start(config().build());
        e2e.publish(first, 100);
        assertTrue(first.flush(WAIT));
        e2e.server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
        e2e.publish(first, 300);
        ShutdownReport report = first.stop(Duration.ofSeconds(1));
        assertEquals(0, report.notShipped(), report.toString());
        assertEquals(300, report.spooled());
        assertTrue(report.took().compareTo(Duration.ofSeconds(1)) < 0);

        e2e.server().faults().clear();
        Pipeline second = e2e.start(config().build());
        e2e.publish(second, 100);
        assertTrue(second.flush(WAIT), "flush timed out: " + second.metrics());
        e2e.assertLandedOnceInOrder("app/");
    }

    @Test
    void anAppendThatCommittedBeforeStopIsRecognisedOnReplayNotDuplicated() {
        Pipeline first = e2e.start(config().build());
        e2e.publish(first, 100);
        assertTrue(first.flush(WAIT));
        e2e.server().faults().inject(Fault.dropResponseAfterCommit(), RequestMatcher.operation(Operation.APPEND_OBJECT),
                1);
        e2e.server().faults().always(Fault.error(503, "ServiceUnavailable"),
                RequestMatcher.operation(Operation.HEAD_OBJECT));
        e2e.publish(first, 100);
        ShutdownReport report = first.stop(Duration.ofSeconds(1));
        assertEquals(0, report.notShipped(), report.toString());
        assertEquals(100, report.spooled(), "in doubt, so spooled with its anchor");

        e2e.server().faults().clear();
        Pipeline second = e2e.start(config().build());
        assertTrue(second.flush(WAIT), "flush timed out: " + second.metrics());
        e2e.assertLandedOnceInOrder("app/");
        assertEquals(1, second.metrics().getReconciledLostResponses());
    }

    @Test
    void aReplayCutShortThenBothJournalCopiesDamagedStillShipsEveryEventOnce() throws IOException {
        Pipeline first = e2e.start(config().batchMaxBytes(1 << 10).maxEventSize(256).build());
        e2e.publish(first, 20);
        assertTrue(first.flush(WAIT));
        e2e.server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
        e2e.publish(first, 400);
        ShutdownReport report = first.stop(Duration.ofSeconds(1));
        assertEquals(400, report.spooled(), report.toString());

        // the next run replays slowly and is stopped by a new outage once some of the spooled batches landed
        e2e.server().faults().clear();
        e2e.server().faults().always(Fault.latency(Duration.ofMillis(100)),
                RequestMatcher.operation(Operation.APPEND_OBJECT));
        Pipeline second = e2e.start(config().batchMaxBytes(1 << 10).maxEventSize(256).build());
        assertTrue(Await.until(() -> second.metrics().getReplayedBatches() >= 2, WAIT), second.metrics().toString());
        e2e.server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
        second.stop(Duration.ofSeconds(1));
        assertTrue(second.metrics().getReplayedBatches() < first.metrics().getSpooledBatches(),
                "the replay was to be cut short: " + second.metrics());

        for (String name : new String[] {"replay.journal", "replay.journal.2"}) {
            Files.write(spoolDir.resolve(name), new byte[] {1, 2, 3});
        }
        e2e.server().faults().clear();
        Pipeline third = e2e.start(config().build());
        assertTrue(third.flush(WAIT), "flush timed out: " + third.metrics());
        e2e.assertLandedOnceInOrder("app/");
        assertTrue(e2e.messages.at("ERROR").stream().anyMatch(l -> l.contains("are damaged")), e2e.messages.lines().toString());
    }
}
