package io.github.osslog.testkit.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.internal.buffer.PublishResult;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.internal.pipeline.Pipeline;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import io.github.osslog.core.ShutdownReport;
import io.github.osslog.core.testing.RecordingLogger;
import io.github.osslog.testkit.OssTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite (docs/chaos.md): producers log sequence-numbered events through a pipeline with a spool, over
 * the real OSS client and the testkit's wire protocol, while the server injects a seeded fault schedule and a
 * 30-second outage and the credentials provider fails now and then; afterwards every event is in OSS exactly once, in order per producer, and the counters agree
 * with what landed. {@code -Dchaos.events=N} (default 100,000) and {@code -Dchaos.seed=S} (default 42) size it.
 */
class ChaosTest {
    private static final String BUCKET = "logs";
    private static final String PREFIX = "chaos/";
    private static final String SUFFIX = ".log";
    private static final int PRODUCERS = 8;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** The outage's 30 s of ticker time pass in 30 steps of this much wall-clock time. */
    private static final long OUTAGE_STEP_MILLIS = 100;
    private static final long PRODUCER_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    @TempDir
    Path spoolDir;

    private final AtomicLong tickerNanos = new AtomicLong();
    private final RecordingLogger messages = new RecordingLogger();

    @Test
    void everyEventLandsOnceAndInOrderThroughSeededFaultsAndAnOutage() throws Exception {
        int perProducer = Integer.getInteger("chaos.events", 100_000) / PRODUCERS;
        long seed = Long.getLong("chaos.seed", 42L);
        long total = (long) perProducer * PRODUCERS;
        long started = System.nanoTime();
        FlakyCredentials credentials = new FlakyCredentials(StaticCredentialsProvider.of("AK", "SK"), seed + 2, 0.01);
        try (OssTestServer server = OssTestServer.builder().credentials("AK", "SK").bucket(BUCKET)
                .ticker(tickerNanos::get).journalCapacity((int) Math.max(10_000, total / 10)).start();
                OssClient client = OssClient.create(OssClientConfig.builder().endpoint(server.endpoint())
                        .bucket(BUCKET).region(server.region()).credentials(credentials)
                        .callTimeout(Duration.ofSeconds(5)).build())) {
            ChaosSchedule.install(server, seed, PREFIX + 2 + SUFFIX);
            Pipeline pipeline = Pipeline.create(config(), client, messages);
            pipeline.start();
            try {
                CountDownLatch aThirdPublished = new CountDownLatch(PRODUCERS);
                List<Thread> producers = startProducers(pipeline, perProducer, aThirdPublished);
                assertTrue(aThirdPublished.await(2, TimeUnit.MINUTES), "producers stalled");
                outage(server, pipeline.metrics());
                for (Thread producer : producers) {
                    producer.join(TimeUnit.MINUTES.toMillis(10));
                    assertFalse(producer.isAlive(), producer.getName() + " still publishing");
                }
                assertTrue(pipeline.flush(Duration.ofMinutes(2)), "flush timed out: " + pipeline.metrics());
                server.faults().clear();
                ShutdownReport report = pipeline.stop(Duration.ofSeconds(10));
                assertEquals(0, report.notShipped(), report.toString());
                assertEquals(0, report.spooled(), report.toString());

                Map<String, Long> injected = ChaosSchedule.injected(server);
                assertEquals(0, server.journal().evicted(), "the journal must hold every request to count faults");
                LandedEvents landed = LandedEvents.read(server, BUCKET, PREFIX, SUFFIX, PRODUCERS);
                assertLanded(landed, perProducer, total, pipeline.metrics(), injected);
                assertTrue(credentials.failures() > 0, "no credentials failure injected");
                assertEquals(credentials.failures(),
                        (long) pipeline.metrics().getFailuresByCode().getOrDefault("CredentialsUnavailable", 0L));
                System.out.println(summary(total, seed, System.nanoTime() - started, landed, pipeline.metrics(),
                        injected));
            } finally {
                pipeline.stop(Duration.ofSeconds(10));
            }
        }
    }

    private PipelineConfig config() {
        return PipelineConfig.builder().name("chaos").objectKeyPattern(PREFIX + "%i" + SUFFIX)
                .bufferSize(256 << 10).batchMaxBytes(8 << 10).maxEventSize(1024).maxObjectSize(1 << 20)
                .flushInterval(Duration.ofMillis(100)).initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(50)).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofMinutes(1)).spoolDirectory(spoolDir).spoolMaxBytes(1L << 30).build();
    }

    /**
     * Each producer publishes
     * events 0..perProducer-1, pausing after each so that together they log a little slower than the pipeline
     * ships when OSS is healthy, and counts the latch down a third of the way.
     */
    private static List<Thread> startProducers(Pipeline pipeline, int perProducer, CountDownLatch aThird) {
        List<Thread> producers = new ArrayList<>();
        for (int id = 0; id < PRODUCERS; id++) {
            int producer = id;
            Thread thread = new Thread(() -> {
                for (int seq = 0; seq < perProducer; seq++) {
                    if (seq == perProducer / 3) {
                        aThird.countDown();
                    }
                    byte[] event = ChaosEvent.encode(producer, seq);
                    if (pipeline.publish(event, 0, event.length, LogLevel.INFO) == PublishResult.DROPPED) {
                        return;
                    }
                    LockSupport.parkNanos(PRODUCER_PAUSE_NANOS);
                }
                aThird.countDown();
            }, "chaos-producer-" + id);
            thread.start();
            producers.add(thread);
        }
        return producers;
    }

    /**
     * 503 for everything during 30 s of the server's ticker. The ticker holds still until the pipeline has spooled,
     * then moves a second per step, so the outage also lasts at least three seconds of wall-clock time.
     */
    private void outage(OssTestServer server, PipelineMetrics metrics) throws InterruptedException {
        long spooledBefore = metrics.getSpooledBatches();
        server.faults().outage(OUTAGE);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (metrics.getSpooledBatches() == spooledBefore) {
            assertTrue(System.nanoTime() < deadline, "nothing spooled during the outage: " + metrics);
            Thread.sleep(10);
        }
        for (long s = 0; s < OUTAGE.getSeconds(); s++) {
            Thread.sleep(OUTAGE_STEP_MILLIS);
            tickerNanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        }
    }

    private static void assertLanded(LandedEvents landed, int perProducer, long total, PipelineMetrics m,
            Map<String, Long> injected) {
        for (int p = 0; p < PRODUCERS; p++) {
            assertEquals(perProducer, landed.eventsOf(p), "events of producer " + p + " that landed");
        }
        assertEquals(total, m.getEventsAccepted(), m.toString());
        assertEquals(0, m.getEventsDropped(), "the spool is large enough: " + m);
        assertEquals(0, m.getEventsFailed(), m.toString());
        assertEquals(m.getEventsAccepted(), m.getEventsShipped() + m.getEventsDropped() + m.getEventsFailed());
        assertEquals(landed.eventLines(), m.getEventsShipped(), "event lines found == eventsShipped");

        assertTrue(m.getEventsSpooled() > 0, "the outage must have been bridged by the spool: " + m);
        assertEquals(m.getEventsSpooled(), m.getEventsReplayed(), m.toString());
        assertEquals(m.getSpooledBatches(), m.getReplayedBatches(), m.toString());
        assertEquals(0, m.getSpoolEventsInUse());
        assertEquals(0, m.getCorruptSpoolRecords());

        long foreignAppends = ChaosSchedule.count(injected, "FOREIGN_APPEND");
        long foreignPuts = ChaosSchedule.count(injected, "FOREIGN_PUT");
        long lostResponses = injected.getOrDefault("APPEND_OBJECT DROP_RESPONSE_AFTER_COMMIT", 0L);
        long unparsedAnswers = injected.getOrDefault("APPEND_OBJECT MALFORMED_HEADER x-oss-hash-crc64ecma", 0L);
        assertEquals(foreignAppends, landed.foreignLines(), "every foreign line kept, none of ours lost: " + injected);
        assertEquals(1, foreignPuts, injected.toString());
        assertEquals(foreignPuts, landed.normalObjects(), "the foreign PutObject's object");
        assertTrue(m.getRollovers() >= foreignAppends + foreignPuts, "each foreign write makes it roll: " + m);
        assertTrue(m.getReconciledLostResponses() > 0
                        && m.getReconciledLostResponses() <= lostResponses + unparsedAnswers,
                "lost or unparseable responses proven landed: " + m.getReconciledLostResponses() + " of "
                        + lostResponses + " + " + unparsedAnswers);
        for (String kind : new String[] {"ERROR 500", "ERROR 502", "ERROR 503", "ERROR 429", "RESET_BEFORE_COMMIT",
                "DROP_RESPONSE_AFTER_COMMIT", "LATENCY", "FOREIGN_APPEND", "MALFORMED_HEADER"}) {
            assertTrue(ChaosSchedule.count(injected, kind) > 0, kind + " never injected: " + injected);
        }
    }

    private static String summary(long total, long seed, long nanos, LandedEvents landed, PipelineMetrics m,
            Map<String, Long> injected) {
        return String.format("chaos: %,d events, seed %d, %.1f s, %d objects (+%d foreign put); faults %s;"
                        + " appends %d, retries %d, reconciled lost responses %d, rollovers %d,"
                        + " spooled %,d events in %d batches, replayed %,d events in %d batches,"
                        + " shipped directly %,d events",
                total, seed, nanos / 1e9, landed.appendableObjects(), landed.normalObjects(), injected,
                m.getAppends(), m.getRetries(), m.getReconciledLostResponses(), m.getRollovers(),
                m.getEventsSpooled(), m.getSpooledBatches(), m.getEventsReplayed(), m.getReplayedBatches(),
                m.getEventsShipped() - m.getEventsReplayed());
    }
}
