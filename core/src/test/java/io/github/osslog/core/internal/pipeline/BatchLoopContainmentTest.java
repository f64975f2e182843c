package io.github.osslog.core.internal.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.PublishResult;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.InMemoryStore;
import io.github.osslog.core.testing.RecordingLogger;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 19: the shipper thread's loop cannot die, and "everything shipped" can be observed (docs/failure-handling.md). */
class BatchLoopContainmentTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final InMemoryStore store = new InMemoryStore();
    private final RecordingLogger recorded = new RecordingLogger();
    private final StartedPipelines started = new StartedPipelines("contain");

    @AfterEach
    void stopAll() throws InterruptedException {
        store.outage(false);
        started.stopAll();
    }

    private Pipeline start(AppendableStore target, InternalLogger logger) {
        return started.start(Pipeline.create(started.config().build(), target, logger));
    }

    private static void publish(Pipeline p, int from, int to) {
        for (int i = from; i < to; i++) {
            byte[] b = ("event " + i + "\n").getBytes(UTF_8);
            assertEquals(PublishResult.PUBLISHED, p.publish(b, 0, b.length, LogLevel.INFO));
        }
    }

    private static String events(int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < to; i++) {
            sb.append("event ").append(i).append('\n');
        }
        return sb.toString();
    }

    private String content() {
        byte[] c = store.content("logs/0.log");
        return c == null ? "" : new String(c, UTF_8);
    }

    /**
     * An InternalLogger whose first warning runs {@code beforeThrowing} and then throws an Error: a failure escaping
     * the engine into the loop.
     */
    private InternalLogger throwingOnFirstWarning(Runnable beforeThrowing) {
        AtomicInteger errorsLeft = new AtomicInteger(1);
        return new InternalLogger() {
            @Override
            public void info(String message) {
                recorded.info(message);
            }

            @Override
            public void warn(String message, Throwable cause) {
                if (errorsLeft.getAndDecrement() > 0) {
                    beforeThrowing.run();
                    throw new AssertionError("status channel bug (test)");
                }
                recorded.warn(message, cause);
            }

            @Override
            public void error(String message, Throwable cause) {
                recorded.error(message, cause);
            }
        };
    }

    @Test
    void anErrorThatEscapesIntoTheShipperLoopIsContainedAndShippingResumesWithNothingLost() {
        store.failNextAppends(1, ErrorKind.RETRYABLE);
        Pipeline p = start(store, throwingOnFirstWarning(() -> { }));
        publish(p, 0, 10);
        assertTrue(p.flush(WAIT), p.metrics().toString());
        publish(p, 10, 20);
        assertTrue(p.flush(WAIT), p.metrics().toString());
        assertEquals(events(20), content());
        assertEquals(0, p.metrics().getEventsDropped());
        assertEquals(0, p.metrics().getEventsFailed());
        assertTrue(recorded.contains("ERROR", "shipper loop failed"), recorded.lines().toString());
        assertTrue(p.metrics().getLastError().contains("AssertionError"), p.metrics().getLastError());
        assertEquals(Long.valueOf(1), p.metrics().getFailuresByCode().get("AssertionError"));
    }

    @Test
    void aBatchWhoseAppendMayHaveLandedWhenTheLoopFailedIsCheckedNotDuplicated() throws InterruptedException {
        Pipeline[] pipeline = new Pipeline[1];
        // more events arrive before the loop restarts: they must not join the batch that may have landed
        Pipeline p = start(store, throwingOnFirstWarning(() -> {
            Thread other = new Thread(() -> publish(pipeline[0], 10, 20));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        pipeline[0] = p;
        publish(p, 0, 1);
        assertTrue(p.flush(WAIT));
        store.dropNextResponsesAfterCommit(1);
        publish(p, 1, 10);
        assertTrue(p.flush(WAIT), p.metrics().toString());
        assertTrue(p.flush(WAIT), "and the events published meanwhile: " + p.metrics());
        assertEquals(events(20), content(), "the landed batch was recognised by its anchor");
        assertEquals(1, p.metrics().getReconciledLostResponses());
        assertTrue(recorded.contains("ERROR", "shipper loop failed"), recorded.lines().toString());
    }

    @Test
    void anOutOfMemoryErrorFromTheStoreKeepsTheBatch() {
        AtomicInteger errorsLeft = new AtomicInteger(1);
        AppendableStore hostile = new Delegate(store) {
            @Override
            public AppendResult append(String key, long position, byte[] data, int off, int len,
                    Map<String, String> headers) throws IOException {
                if (errorsLeft.getAndDecrement() > 0) {
                    throw new OutOfMemoryError("Java heap space (a hostile body, test)");
                }
                return super.append(key, position, data, off, len, headers);
            }
        };
        Pipeline p = start(hostile, recorded);
        publish(p, 0, 10);
        assertTrue(p.flush(WAIT), p.metrics().toString());
        assertEquals(events(10), content());
        assertEquals(0, p.metrics().getEventsFailed());
        assertTrue(recorded.contains("ERROR", "OutOfMemoryError"), recorded.lines().toString());
    }

    @Test
    void aBatchTheStoreRejectsForGoodIsCountedByReasonReportedAndNotedInTheObject() {
        Pipeline p = start(store, recorded);
        store.failNextAppends(1, ErrorKind.BAD_REQUEST);
        publish(p, 0, 3);
        assertTrue(p.flush(WAIT));
        publish(p, 3, 5);
        assertTrue(p.flush(WAIT));
        String landed = content();
        assertTrue(landed.startsWith("osslog dropped 3 events between "), landed);
        assertTrue(landed.endsWith(" (rejected by the store: 3)\nevent 3\nevent 4\n"), landed);
        assertEquals(Long.valueOf(3), p.metrics().getEventsDroppedByReason().get("rejected by the store"));
        assertEquals(3, p.metrics().getEventsFailed());
        assertEquals(0, p.metrics().getEventsInFlight());
        assertTrue(recorded.contains("ERROR", "rejected a batch of 3 events"), recorded.lines().toString());
    }

    @Test
    void eventsAndBytesInFlightCoverTheBatchBeingSentAndReadZeroOnceEverythingLanded() throws Exception {
        Pipeline p = start(store, recorded);
        ObjectName mbean = new ObjectName("io.github.osslog:type=Pipeline,name=" + p.config().name());
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        store.outage(true);
        publish(p, 0, 5);
        assertFalse(p.flush(Duration.ofMillis(200)), "the outage holds the batch");
        assertEquals(0, p.metrics().getBufferBytesInUse(), "the shipper drained the ring into its batch");
        assertEquals(5, p.metrics().getEventsInFlight());
        assertEquals(5L, jmx.getAttribute(mbean, "EventsInFlight"));
        assertEquals((long) events(5).length(), jmx.getAttribute(mbean, "BytesInFlight"));
        store.outage(false);
        assertTrue(p.flush(WAIT));
        assertEquals(0L, jmx.getAttribute(mbean, "EventsInFlight"));
        assertEquals(0L, jmx.getAttribute(mbean, "BytesInFlight"));
        assertEquals(events(5), content());
    }
}
