package io.github.osslog.core.internal.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import io.github.osslog.core.internal.spool.SpoolAnchor;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.InMemoryStore;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.StoreLimits;
import io.github.osslog.core.testing.FakeClock;
import io.github.osslog.core.testing.RecordingLogger;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppendEngineTest {
    private static final String K0 = "app/2026-11-24/0.log";
    private static final String K1 = "app/2026-11-24/1.log";
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final FakeTicker sleeper = new FakeTicker();
    private final RecordingLogger logger = new RecordingLogger();
    private final PipelineMetrics metrics = new PipelineMetrics(clock, () -> 0, Collections::emptyMap);
    private InMemoryStore store = new InMemoryStore();
    private AppendableStore target;
    private long maxObjectSize = 1L << 30;

    private AppendEngine engine() {
        PipelineConfig config = PipelineConfig.builder().objectKeyPattern("app/%d/%i.log").clock(clock)
                .batchMaxBytes(256).maxEventSize(256).maxObjectSize(maxObjectSize)
                .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(10)).build();
        return new AppendEngine(config, target != null ? target : store, new Backoff(config.initialBackoff(), config.maxBackoff(), () -> 0.5),
                sleeper, sleeper::nanoTime, metrics, logger);
    }

    private static Outcome deliver(AppendEngine engine, String text, Instant at) {
        byte[] b = text.getBytes(UTF_8);
        return engine.deliver(new Batch(b, b.length, 1, at, null));
    }

    private Outcome deliver(AppendEngine engine, String text) {
        return deliver(engine, text, clock.instant());
    }

    private String content(String key) {
        byte[] c = store.content(key);
        return c == null ? null : new String(c, UTF_8);
    }

    @Test
    void appendsInOrderAtTheTrackedPositionWithCreationHeadersOnlyFirst() {
        AppendEngine engine = engine();
        assertEquals(Outcome.LANDED, deliver(engine, "a\n"));
        assertEquals(Outcome.LANDED, deliver(engine, "b\n"));
        assertEquals("a\nb\n", content(K0));
        assertEquals("text/plain; charset=utf-8", store.creationHeaders(K0).get("Content-Type"));
        assertEquals(2, metrics.getAppends());
        assertEquals(2, metrics.getEventsShipped());
        assertEquals(4, metrics.getBytesShipped());
        assertEquals(K0, metrics.getCurrentObjectKey());
        assertEquals(1, store.headCalls(), "only the first use of a key HEADs it");
        assertTrue(sleeper.sleeps().isEmpty());
    }

    @Test
    void transientErrorsAreRetriedWithBackoff() {
        AppendEngine engine = engine();
        store.failNextAppends(3, ErrorKind.RETRYABLE);
        assertEquals(Outcome.LANDED, deliver(engine, "a\n"));
        assertEquals("a\n", content(K0));
        assertEquals(Arrays.asList(50_000_000L, 100_000_000L, 200_000_000L), sleeper.sleeps());
        assertEquals(3, metrics.getRetries());
        assertEquals(Long.valueOf(3), metrics.getFailuresByCode().get("InternalError"));
        assertEquals(1, logger.at("WARN").size(), "one warning per failure streak: " + logger.lines());
        assertEquals(1, logger.at("INFO").stream().filter(l -> l.contains("succeed again")).count());
    }

    @Test
    void throttlingBacksOffHarder() {
        AppendEngine engine = engine();
        store.failNextAppends(1, ErrorKind.THROTTLED);
        deliver(engine, "a\n");
        assertTrue(sleeper.sleeps().get(0) >= 200_000_000L, "sleeps " + sleeper.sleeps());
        assertEquals("a\n", content(K0));
    }

    @Test
    void resetBeforeCommitIsReconciledAsNotLandedAndSentAgain() {
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        store.resetNextAppendsBeforeCommit(2);
        assertEquals(Outcome.LANDED, deliver(engine, "b\n"));
        assertEquals("a\nb\n", content(K0));
        assertEquals(0, metrics.getReconciledLostResponses());
        assertEquals(Long.valueOf(2), metrics.getFailuresByCode().get("IOException"));
    }

    @Test
    void lostResponseAfterCommitIsProvenLandedAndNotSentAgain() {
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        store.dropNextResponsesAfterCommit(1);
        assertEquals(Outcome.LANDED, deliver(engine, "b\n"));
        assertEquals(Outcome.LANDED, deliver(engine, "c\n"));
        assertEquals("a\nb\nc\n", content(K0));
        assertEquals(1, metrics.getReconciledLostResponses());
        assertEquals(3, store.appendCalls(), "the landed batch was not sent twice");
    }

    @Test
    void lostResponseOnTheCreatingAppendIsReconciledToo() {
        AppendEngine engine = engine();
        store.dropNextResponsesAfterCommit(1);
        deliver(engine, "a\n");
        deliver(engine, "b\n");
        assertEquals("a\nb\n", content(K0));
        assertEquals(1, metrics.getReconciledLostResponses());
    }

    @Test
    void retryAfterLostResponseThatHitsAConflictIsReconciled() {
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        store.dropNextResponsesAfterCommit(1);
        store.failNextHeads(1);
        deliver(engine, "b\n");
        assertEquals("a\nb\n", content(K0));
        assertEquals(1, metrics.getReconciledLostResponses());
    }

    @Test
    void foreignWriterMakesTheShipperRollAndShipTheBatchThere() {
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        store.foreignAppend(K0, "intruder\n".getBytes(UTF_8));
        assertEquals(Outcome.LANDED, deliver(engine, "b\n"));
        deliver(engine, "c\n");
        assertEquals("a\nintruder\n", content(K0));
        assertEquals("b\nc\n", content(K1));
        assertEquals(1, metrics.getRollovers());
        assertTrue(logger.at("WARN").stream().anyMatch(l -> l.contains("Another writer")), logger.lines().toString());
    }

    @Test
    void foreignWriterDuringALostResponseIsNotMistakenForLanding() {
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        store.resetNextAppendsBeforeCommit(1);
        store.foreignAppend(K0, "b\n".getBytes(UTF_8));
        store.foreignAppend(K0, "x".getBytes(UTF_8));
        deliver(engine, "b\n");
        assertEquals("a\nb\nx", content(K0));
        assertEquals("b\n", content(K1));
        assertEquals(0, metrics.getReconciledLostResponses());
    }

    @Test
    void sameLengthButDifferentBytesFromAForeignWriterIsDetectedByCrc() {
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        store.dropNextResponsesAfterCommit(1);
        deliver(engine, "b\n");
        assertEquals("a\nb\n", content(K0));
        store.resetNextAppendsBeforeCommit(1);
        store.foreignAppend(K0, "X\n".getBytes(UTF_8));
        deliver(engine, "c\n");
        assertEquals("a\nb\nX\n", content(K0), "bytes of the same length as the batch but another CRC");
        assertEquals("c\n", content(K1));
    }

    @Test
    void foreignPutObjectMakesTheShipperRoll() {
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        store.foreignPut(K0, "replaced".getBytes(UTF_8));
        assertEquals(Outcome.LANDED, deliver(engine, "b\n"));
        assertEquals("replaced", content(K0));
        assertEquals("b\n", content(K1));
    }

    @Test
    void fileImmutableMakesTheShipperRoll() {
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        store.failNextAppends(1, ErrorKind.NOT_APPENDABLE);
        deliver(engine, "b\n");
        assertEquals("a\n", content(K0));
        assertEquals("b\n", content(K1));
        assertTrue(sleeper.sleeps().isEmpty());
    }

    @Test
    void wrongCrcHeaderIsDetectedReportedAndCheckedWithoutDuplicating() {
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        store.corruptNextCrcHeaders(1);
        assertEquals(Outcome.LANDED, deliver(engine, "b\n"));
        deliver(engine, "c\n");
        assertEquals("a\nb\nc\n", content(K0));
        assertEquals(1, metrics.getCrcMismatches());
        assertEquals(Long.valueOf(1), metrics.getFailuresByCode().get("CrcMismatch"));
        assertTrue(logger.at("ERROR").stream().anyMatch(l -> l.contains("CRC-64")), logger.lines().toString());
        assertEquals(0, metrics.getReconciledLostResponses());
    }

    @Test
    void objectThatDoesNotHoldTheBytesSentIsLeftAndTheBatchShippedAgain() {
        target = new AppendableStore() {
            @Override
            public AppendResult append(String key, long position, byte[] data, int off, int len,
                    Map<String, String> headers) throws IOException {
                byte[] damaged = Arrays.copyOfRange(data, off, off + len);
                if (key.equals(K0) && position == 2 && damaged[0] == 'b') {
                    damaged[0] ^= 1;
                }
                return store.append(key, position, damaged, 0, len, headers);
            }

            @Override
            public ObjectInfo head(String key) throws IOException {
                return store.head(key);
            }

            @Override
            public StoreLimits limits() {
                return store.limits();
            }
        };
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        assertEquals(Outcome.LANDED, deliver(engine, "b\n"));
        assertEquals("a\nc\n", content(K0), "the damaged copy of 'b' stays where it landed");
        assertEquals("b\n", content(K1));
        assertEquals(1, metrics.getCrcMismatches());
        assertTrue(logger.at("ERROR").stream().anyMatch(l -> l.contains("does not hold the bytes sent")));
    }

    @Test
    void sizeRolloverHappensBeforeTheObjectWouldPassMaxObjectSize() {
        maxObjectSize = 256;
        AppendEngine engine = engine();
        String hundred = String.join("", Collections.nCopies(99, "x")) + "\n";
        deliver(engine, hundred);
        deliver(engine, hundred);
        deliver(engine, hundred);
        assertEquals(200, store.content(K0).length);
        assertEquals(100, store.content(K1).length);
        assertEquals(1, metrics.getRollovers());
    }

    @Test
    void storeCapOnAppendsPerObjectRollsTheKey() {
        store = new InMemoryStore(new StoreLimits(5L << 30, 2));
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        deliver(engine, "b\n");
        deliver(engine, "c\n");
        assertEquals("a\nb\n", content(K0));
        assertEquals("c\n", content(K1));
    }

    @Test
    void existingObjectsAreRolledPastWhenTheStoreCapsAppendsSinceAHeadCannotCountThem() {
        store = new InMemoryStore(new StoreLimits(5L << 30, 100));
        deliver(engine(), "a\n");
        deliver(engine(), "b\n");
        assertEquals("a\n", content(K0));
        assertEquals("b\n", content(K1));
    }

    @Test
    void restartRollsPastObjectsThatAreAlreadyFull() {
        maxObjectSize = 256;
        byte[] full = new byte[250];
        store.foreignAppend(K0, full);
        store.foreignAppend(K1, full);
        deliver(engine(), "a\n" + "x".repeat(20));
        assertEquals("a\n" + "x".repeat(20), content("app/2026-11-24/2.log"));
    }

    @Test
    void restartResumesAtTheLastObjectNeverWritingBehindANewerOne() {
        AppendEngine first = engine();
        deliver(first, "a\n");
        store.foreignAppend(K0, "intruder\n".getBytes(UTF_8));
        deliver(first, "b\n");
        assertEquals("b\n", content(K1));
        AppendEngine restarted = engine();
        deliver(restarted, "c\n");
        assertEquals("a\nintruder\n", content(K0), "the object left behind gets nothing more");
        assertEquals("b\nc\n", content(K1));
    }

    @Test
    void repeatedNotAppendableAnswersBackOffAfterAFewQuickRolls() {
        AppendEngine engine = engine();
        store.failNextAppends(5, ErrorKind.NOT_APPENDABLE);
        assertEquals(Outcome.LANDED, deliver(engine, "a\n"));
        assertEquals(2, sleeper.sleeps().size(), "rolls 4 and 5 wait: " + sleeper.sleeps());
        assertEquals("a\n", content("app/2026-11-24/5.log"));
    }

    @Test
    void timeRolloverStartsANewDayAtIndexZero() {
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        store.failNextAppends(1, ErrorKind.NOT_APPENDABLE);
        deliver(engine, "b\n");
        clock.set(Instant.parse("2026-11-25T00:00:01Z"));
        deliver(engine, "c\n");
        assertEquals("c\n", content("app/2026-11-25/0.log"));
        assertEquals(2, metrics.getRollovers());
        assertEquals("app/2026-11-25/0.log", metrics.getCurrentObjectKey());
    }

    @Test
    void restartContinuesTheSameObjectAtItsLength() {
        deliver(engine(), "a\n");
        AppendEngine restarted = engine();
        deliver(restarted, "b\n");
        deliver(restarted, "c\n");
        assertEquals("a\nb\nc\n", content(K0));
        assertTrue(logger.at("INFO").stream().anyMatch(l -> l.contains("Continuing object '" + K0 + "' at 2")
                || l.contains("Continuing object '" + K0 + "' at position 2")), logger.lines().toString());
    }

    @Test
    void startRollsPastANormalObject() {
        store.foreignPut(K0, "normal".getBytes(UTF_8));
        deliver(engine(), "a\n");
        assertEquals("normal", content(K0));
        assertEquals("a\n", content(K1));
    }

    @Test
    void configurationErrorIsReportedOnceAndRetriedSlowly() {
        AppendEngine engine = engine();
        store.failNextAppends(5, ErrorKind.CONFIGURATION);
        assertEquals(Outcome.LANDED, deliver(engine, "a\n"));
        assertEquals(1, logger.at("ERROR").size(), logger.lines().toString());
        assertTrue(logger.at("ERROR").get(0).contains("AccessDenied"));
        for (long s : sleeper.sleeps()) {
            assertTrue(s >= 5_000_000_000L, "slow retries, every about maxBackoff: " + sleeper.sleeps());
        }
        assertEquals(5, sleeper.sleeps().size());
        assertTrue(logger.at("INFO").stream().anyMatch(l -> l.contains("accepts appends again")));
        store.failNextAppends(1, ErrorKind.CONFIGURATION);
        deliver(engine, "b\n");
        assertEquals(2, logger.at("ERROR").size(), "a new episode is reported again");
    }

    @Test
    void clockSkewIsRetriedOnceAtOnce() {
        AppendEngine engine = engine();
        store.failNextAppends(1, ErrorKind.CLOCK_SKEW);
        deliver(engine, "a\n");
        assertEquals("a\n", content(K0));
        assertTrue(sleeper.sleeps().isEmpty());
        store.failNextAppends(2, ErrorKind.CLOCK_SKEW);
        deliver(engine, "b\n");
        assertEquals(1, sleeper.sleeps().size(), "the second failure in a row backs off");
    }

    @Test
    void credentialsStillRefusedAfterTheStoresRefreshAreAConfigurationErrorPacedAtMaxBackoff() {
        AppendEngine engine = engine();
        store.failNextAppends(4, ErrorKind.CREDENTIALS);
        assertEquals(Outcome.LANDED, deliver(engine, "a\n"));
        assertEquals("a\n", content(K0));
        assertEquals(1, logger.at("ERROR").size(), logger.lines().toString());
        assertTrue(logger.at("ERROR").get(0).contains("keeps refusing the credentials"), logger.lines().toString());
        assertTrue(logger.at("ERROR").get(0).contains("OSS_SESSION_TOKEN"));
        assertEquals(4, sleeper.sleeps().size(), "no immediate resend: " + sleeper.sleeps());
        for (long s : sleeper.sleeps()) {
            assertTrue(s >= 5_000_000_000L, "about every maxBackoff: " + sleeper.sleeps());
        }
        assertEquals(0, metrics.getEventsFailed());
    }

    @Test
    void badRequestFailsTheBatchVisibly() {
        AppendEngine engine = engine();
        store.failNextAppends(1, ErrorKind.BAD_REQUEST);
        byte[] batch = "a\nb\n".getBytes(UTF_8);
        assertEquals(Outcome.dropped(DropReason.REJECTED),
                engine.deliver(new Batch(batch, batch.length, 2, clock.instant(), null)));
        assertEquals(2, metrics.getEventsFailed());
        assertEquals(Long.valueOf(1), metrics.getFailuresByCode().get("InvalidArgument"));
        assertTrue(logger.at("ERROR").get(0).contains("2 events"));
        assertNull(content(K0));
        deliver(engine, "c\n");
        assertEquals("c\n", content(K0));
    }

    /** A store whose append throws {@code failure} the first {@code times} calls, before (or after) committing. */
    private AppendableStore throwingAppends(int times, boolean afterCommit, java.util.function.Supplier<Throwable> failure) {
        int[] left = {times};
        return new Delegate(store) {
            @Override
            public AppendResult append(String key, long position, byte[] data, int off, int len,
                    Map<String, String> headers) throws IOException {
                if (left[0] > 0) {
                    left[0]--;
                    if (afterCommit) {
                        super.append(key, position, data, off, len, headers);
                    }
                    throw sneaky(failure.get());
                }
                return super.append(key, position, data, off, len, headers);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void aStoreThatThrowsUncheckedKeepsTheBatchReportsOnceAndItLands() {
        target = throwingAppends(3, false, () -> new IllegalStateException("store bug"));
        AppendEngine engine = engine();
        assertEquals(Outcome.LANDED, deliver(engine, "a\n"));
        assertEquals("a\n", content(K0));
        assertEquals(0, metrics.getEventsFailed());
        assertEquals(1, logger.at("ERROR").size(), logger.lines().toString());
        assertTrue(logger.at("ERROR").get(0).contains("store bug"));
        assertEquals(3, sleeper.sleeps().size(), "retried with backoff");
        assertEquals(Long.valueOf(3), metrics.getFailuresByCode().get("IllegalStateException"));
    }

    @Test
    void aResponseThatCannotBeParsedAfterTheCommitIsReconciledNotResent() {
        target = throwingAppends(1, true, () -> new NumberFormatException("For input string: \"12x\""));
        AppendEngine engine = engine();
        assertEquals(Outcome.LANDED, deliver(engine, "a\n"));
        assertEquals(Outcome.LANDED, deliver(engine, "b\n"));
        assertEquals("a\nb\n", content(K0), "the HEAD proved the first append landed");
        assertEquals(1, metrics.getReconciledLostResponses());
    }

    @Test
    void credentialsUnavailableKeepsTheBatch() {
        target = throwingAppends(5, false,
                () -> new io.github.osslog.core.auth.CredentialsException("No valid ECS RAM role credentials"));
        AppendEngine engine = engine();
        assertEquals(Outcome.LANDED, deliver(engine, "a\n"));
        assertEquals("a\n", content(K0));
        assertEquals(0, metrics.getEventsFailed());
        assertEquals(1, logger.count("WARN", "No credentials to sign with"), logger.lines().toString());
        assertEquals(Long.valueOf(5), metrics.getFailuresByCode().get("CredentialsUnavailable"));
    }

    @Test
    void anErrorFromTheStoreIsContainedOnceItsFramesUnwound() {
        target = throwingAppends(1, false, () -> new OutOfMemoryError("Java heap space (hostile body)"));
        AppendEngine engine = engine();
        assertEquals(Outcome.LANDED, deliver(engine, "a\n"));
        assertEquals("a\n", content(K0));
        assertTrue(logger.contains("ERROR", "OutOfMemoryError"), logger.lines().toString());
    }

    @Test
    void outageIsAbandonedAtTheDeadlineWithoutWaitingPastIt() {
        AppendEngine engine = engine();
        store.outage(true);
        engine.deadline(sleeper.nanoTime() + 2_000_000_000L);
        assertEquals(Outcome.STOPPED, deliver(engine, "a\n"));
        long waited = sleeper.sleeps().stream().mapToLong(Long::longValue).sum();
        assertEquals(2_000_000_000L, waited, "waits end exactly at the deadline");
        store.outage(false);
        assertNull(content(K0));
    }

    @Test
    void aBatchKeptWhileInDoubtSaysWhereItMayHaveLandedAndIsCheckedThereNextTime() {
        deliver(engine(), "a\n");
        AppendEngine engine = engine();
        store.dropNextResponsesAfterCommit(1);
        engine.deadline(sleeper.nanoTime() + 1);
        byte[] b = "b\n".getBytes(UTF_8);
        Batch batch = new Batch(b, b.length, 1, clock.instant(), null);
        assertEquals(Outcome.STOPPED, engine.deliver(batch));
        assertEquals(new SpoolAnchor(K0, 2, Crc64.update(0, "a\n".getBytes(UTF_8), 0, 2), true),
                batch.mayHaveLandedAt());

        assertEquals(Outcome.LANDED, engine().deliver(batch), "a restarted engine checks the anchor first");
        assertEquals("a\nb\n", content(K0), "not appended twice");
        assertEquals(1, metrics.getReconciledLostResponses());
        assertNull(batch.mayHaveLandedAt());
    }

    @Test
    void interruptAbandonsTheBatch() {
        AppendEngine engine = new AppendEngine(PipelineConfig.builder().clock(clock).objectKeyPattern("a-%i")
                .build(), store, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0.5),
                new WakeableSleeper(), System::nanoTime, metrics, logger);
        store.outage(true);
        Thread.currentThread().interrupt();
        try {
            assertEquals(Outcome.STOPPED, deliver(engine, "a\n"));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void batchGoesAloneToAFreshObjectWhenItIsLargerThanMaxObjectSize() {
        maxObjectSize = 256;
        AppendEngine engine = engine();
        deliver(engine, "a\n");
        byte[] big = new byte[300];
        Arrays.fill(big, (byte) 'z');
        assertEquals(Outcome.LANDED, engine.deliver(new Batch(big, big.length, 1, clock.instant(), null)));
        assertArrayEquals(big, store.content(K1));
    }
}
