package io.github.osslog.core.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.internal.pipeline.Pipeline;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import io.github.osslog.core.store.InMemoryStore;
import io.github.osslog.core.testing.RecordingLogger;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The append protocol both adapters rely on, once: own-client drop, re-entry, refuse before encoding, encoder failure
 * and containment, each counted under its reason. The adapters' tests cover only what they add (their encoders, their
 * early-drop filters).
 */
class LogSinkTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final long NOW = 1_700_000_000_000L;
    private static final EventEncoder<String> TEXT = (event, out) -> out.text().append(event);

    private final InMemoryStore store = new InMemoryStore();
    private final RecordingLogger status = new RecordingLogger();
    private LogSink sink;

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.stop(Duration.ofSeconds(5));
        }
    }

    /** A stopped pipeline (nothing drains its 8 KiB ring) behind a sink; its client never connects. */
    private LogSink sink() {
        return sink(PipelineConfig.builder().bufferSize(8 << 10).batchMaxBytes(1 << 10).maxEventSize(1 << 10)
                .flushInterval(Duration.ofHours(1)));
    }

    private LogSink sink(PipelineConfig.Builder builder) {
        PipelineConfig config = builder.name("sink-test-" + NAMES.incrementAndGet()).objectKeyPattern("logs/%i.log")
                .build();
        OssClient client = OssClient.create(OssClientConfig.builder().endpoint("http://127.0.0.1:9")
                .bucket("logs").region("cn-hangzhou").credentials(() -> Credentials.of("AK", "SK")).build());
        sink = new LogSink(Pipeline.create(config, store, status), client, status);
        return sink;
    }

    private long dropped(DropReason reason) {
        return sink.metrics().getEventsDroppedByReason().getOrDefault(reason.text(), 0L);
    }

    @Test
    void textAndBytesEncodedElsewhereAreBothPublished() {
        LogSink s = sink();
        s.append("héllo\n", "app", LogLevel.INFO, NOW, TEXT);
        byte[] made = "bytes\n".getBytes(UTF_8);
        s.append(made, "app", LogLevel.INFO, NOW, (event, out) -> out.encoded(event, event.length));
        s.append("ignored", "app", LogLevel.INFO, NOW, (event, out) -> { });
        s.append(null, "app", LogLevel.INFO, NOW, (event, out) -> out.encoded(null, 0));

        assertEquals(2, s.metrics().getEventsAccepted(), "writing nothing ships nothing");
        assertEquals("héllo\n".getBytes(UTF_8).length + made.length, s.metrics().getBytesEncoded());
        assertEquals(0, s.metrics().getEventsDropped());
    }

    @Test
    void eventsOfOsslogsOwnHttpClientAreDroppedBeforeEncoding() {
        LogSink s = sink();
        AtomicInteger encoded = new AtomicInteger();
        s.append("x", "okhttp3.internal.connection.RealConnectionPool", LogLevel.INFO, NOW,
                (event, out) -> encoded.incrementAndGet());
        assertEquals(0, encoded.get());
        assertEquals(1, dropped(DropReason.OWN_HTTP_CLIENT));
        assertTrue(s.dropUnbuiltIfRefused("okhttp3.OkHttpClient", LogLevel.INFO));
        assertEquals(2, dropped(DropReason.OWN_HTTP_CLIENT));
    }

    @Test
    void anEncoderThatLogsDoesNotReenterButIsCountedAndTheOuterEventShips() {
        LogSink s = sink();
        EventEncoder<String> logging = new EventEncoder<>() {
            @Override
            public void encode(String event, EventBytes out) {
                s.append("inner", "app", LogLevel.INFO, NOW, this);
                assertFalse(s.dropUnbuiltIfRefused("app", LogLevel.INFO), "early drop leaves re-entry to append");
                out.text().append(event);
            }
        };
        s.append("outer", "app", LogLevel.INFO, NOW, logging);
        assertEquals(1, dropped(DropReason.REENTRANT));
        assertEquals(1, s.metrics().getEventsAccepted());
        assertEquals(5, s.metrics().getBytesEncoded(), "the outer event's bytes were not overwritten");
    }

    @Test
    void anEventTheRingWouldDropIsDroppedBeforeEncodingOnTheThreadsLastLength() {
        LogSink s = sink();
        String line = "x".repeat(999) + "\n";
        while (s.metrics().getEventsDropped() == 0) {
            s.append(line, "app", LogLevel.INFO, NOW, TEXT);
        }
        long full = dropped(DropReason.BUFFER_FULL);
        AtomicInteger encoded = new AtomicInteger();
        s.append(line, "app", LogLevel.INFO, NOW, (event, out) -> encoded.incrementAndGet());
        assertEquals(0, encoded.get(), "refused on the previous event's 1000 bytes, before encoding");
        assertEquals(full + 1, dropped(DropReason.BUFFER_FULL));

        assertTrue(s.mayRefuse(LogLevel.INFO));
        assertTrue(s.dropUnbuiltIfRefused("app", LogLevel.INFO));
        assertEquals(full + 2, dropped(DropReason.BUFFER_FULL));
    }

    @Test
    void anEncoderFailureIsCountedAndReportedAtPowersOfTwoAndTheGuardIsLeft() {
        LogSink s = sink();
        AtomicReference<RuntimeException> seen = new AtomicReference<>();
        IllegalStateException boom = new IllegalStateException("encoder broke");
        EventEncoder<String> failing = new EventEncoder<>() {
            @Override
            public void encode(String event, EventBytes out) {
                out.text().append("half");
                throw boom;
            }

            @Override
            public void failed(RuntimeException failure) {
                seen.set(failure);
            }
        };
        for (int i = 0; i < 3; i++) {
            s.append("e", "app", LogLevel.INFO, NOW, failing);
        }
        assertSame(boom, seen.get());
        assertEquals(3, dropped(DropReason.ENCODER_FAILED));
        assertEquals(0, s.metrics().getEventsAccepted(), "half an event is never published");
        assertEquals(2, status.count("ERROR", "the encoder of appender [" + s.pipeline().config().name()
                + "] failed on"), status.lines().toString());

        s.append("next\n", "app", LogLevel.INFO, NOW, TEXT);
        assertEquals(1, s.metrics().getEventsAccepted(), "the thread is not left inside the guard");
    }

    @Test
    void anEncoderMayHandItsFailureToItsFrameworkInstead() {
        LogSink s = sink();
        EventEncoder<String> rethrowing = new EventEncoder<>() {
            @Override
            public void encode(String event, EventBytes out) {
                throw new IllegalArgumentException("layout failed");
            }

            @Override
            public void failed(RuntimeException failure) {
                throw failure;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> s.append("e", "app", LogLevel.INFO, NOW, rethrowing));
        assertEquals(1, dropped(DropReason.ENCODER_FAILED));
        assertTrue(status.at("ERROR").isEmpty(), "the framework reports it: " + status.lines());
        s.append("next\n", "app", LogLevel.INFO, NOW, TEXT);
        assertEquals(1, s.metrics().getEventsAccepted());
    }

    @Test
    void anErrorIsContainedCountedAndReportedButAFailingJvmsIsNot() {
        LogSink s = sink();
        EventEncoder<Throwable> throwing = (event, out) -> {
            if (event instanceof Error) {
                throw (Error) event;
            }
        };
        s.append(new NoClassDefFoundError("kotlin/Unit"), "app", LogLevel.INFO, NOW, throwing);
        s.append(new StackOverflowError(), "app", LogLevel.INFO, NOW, throwing);
        assertEquals(2, dropped(DropReason.INTERNAL_ERROR));
        assertEquals(1, status.count("ERROR", "failed with java.lang.NoClassDefFoundError"), "one report a minute");

        assertThrows(OutOfMemoryError.class,
                () -> s.append(new OutOfMemoryError(), "app", LogLevel.INFO, NOW, throwing));
        s.append("next\n", "app", LogLevel.INFO, NOW, TEXT);
        assertEquals(1, s.metrics().getEventsAccepted(), "the thread is not left inside the guard");
    }

    /** The protocol's own cost on the appending thread: no allocation per event (HotSpot's per-thread counter). */
    @Test
    void appendingAllocatesNothingPerEvent() {
        LogSink s = sink(PipelineConfig.builder().bufferSize(1 << 20).batchMaxBytes(64 << 10).maxEventSize(4 << 10)
                .flushInterval(Duration.ofMillis(50)));
        s.start();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        String line = "2026-11-24T17:00:00.123Z INFO  [main] shop.checkout.OrderService - order accepted\n";
        int events = 200_000;
        for (int i = 0; i < events; i++) { // warm up: class loading, JIT
            s.append(line, "shop.checkout.OrderService", LogLevel.INFO, NOW, TEXT);
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < events; i++) {
            s.append(line, "shop.checkout.OrderService", LogLevel.INFO, NOW, TEXT);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        // one allocation per event would be at least 16 bytes x 200,000; allow for stray JIT/OSR noise
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for " + events + " events");
    }

    @Test
    void earlyDropAnswersFalseWhenThereIsRoomAndCountsNothing() {
        LogSink s = sink();
        assertFalse(s.mayRefuse(LogLevel.INFO));
        assertFalse(s.dropUnbuiltIfRefused("app", LogLevel.INFO));
        assertEquals(0, s.metrics().getEventsDropped());
        assertNull(s.metrics().getEventsDroppedByReason().get(DropReason.BUFFER_FULL.text()));
    }
}
