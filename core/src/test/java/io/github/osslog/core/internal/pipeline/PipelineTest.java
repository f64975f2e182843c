package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.ShutdownReport;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.internal.buffer.PublishResult;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.InMemoryStore;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.StoreLimits;
import io.github.osslog.core.testing.RecordingLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final InMemoryStore store = new InMemoryStore();
    private final RecordingLogger logger = new RecordingLogger();
    private final StartedPipelines started = new StartedPipelines("test");

    @AfterEach
    void stopAll() throws InterruptedException {
        store.outage(false);
        started.stopAll();
    }

    private PipelineConfig.Builder config() {
        return started.config();
    }

    private Pipeline start(PipelineConfig config, AppendableStore target) {
        return started.start(Pipeline.create(config, target, logger));
    }

    private Pipeline start(PipelineConfig config) {
        return start(config, store);
    }

    private static PublishResult publish(Pipeline p, String text) {
        byte[] b = text.getBytes(UTF_8);
        return p.publish(b, 0, b.length, LogLevel.INFO);
    }

    private String content() {
        byte[] c = store.content("logs/0.log");
        return c == null ? "" : new String(c, UTF_8);
    }

    @Test
    void shipsEveryEventOnceInOrderOnFlush() {
        Pipeline p = start(config().build());
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String line = "event " + i + "\n";
            expected.append(line);
            assertEquals(PublishResult.PUBLISHED, publish(p, line));
        }
        assertTrue(p.flush(WAIT));
        assertEquals(expected.toString(), content());
        assertEquals(1000, p.metrics().getEventsShipped());
        assertEquals(expected.length(), p.metrics().getBytesShipped());
        assertEquals(0, p.metrics().getBufferBytesInUse());
    }

    @Test
    void cutsBatchesAtBatchMaxBytesWithoutWaitingForTheInterval() throws Exception {
        CountDownLatch fourAppends = new CountDownLatch(4);
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        AppendableStore counting = new Delegate(store) {
            @Override
            public AppendResult append(String key, long position, byte[] data, int off, int len,
                    Map<String, String> headers) throws IOException {
                AppendResult r = super.append(key, position, data, off, len, headers);
                sizes.add(len);
                fourAppends.countDown();
                return r;
            }
        };
        Pipeline p = start(config().batchMaxBytes(256).maxEventSize(256).build(), counting);
        char[] ninetyNine = new char[99];
        Arrays.fill(ninetyNine, 'x');
        for (int i = 0; i < 10; i++) {
            publish(p, new String(ninetyNine) + "\n");
        }
        assertTrue(fourAppends.await(10, TimeUnit.SECONDS));
        assertEquals(Arrays.asList(200, 200, 200, 200), sizes, "two 100-byte events fit in 256 bytes");
        assertTrue(p.flush(WAIT));
        assertEquals(1000, content().length());
        assertEquals(5, sizes.size());
    }

    @Test
    void cutsABatchWhenTheFlushIntervalPasses() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        Pipeline p = start(config().flushInterval(Duration.ofMillis(20)).build(), new Delegate(store) {
            @Override
            public AppendResult append(String key, long position, byte[] data, int off, int len,
                    Map<String, String> headers) throws IOException {
                AppendResult r = super.append(key, position, data, off, len, headers);
                appended.countDown();
                return r;
            }
        });
        publish(p, "lonely\n");
        assertTrue(appended.await(10, TimeUnit.SECONDS), "shipped without flush()");
        assertEquals("lonely\n", content());
    }

    @Test
    void gzipMakesEachAppendOneMemberOfOneValidStream() throws IOException {
        Pipeline p = start(config().compression(Compression.GZIP).objectKeyPattern("logs/%i.log").build());
        StringBuilder expected = new StringBuilder();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                String line = "round " + round + " line " + i + "\n";
                expected.append(line);
                publish(p, line);
            }
            assertTrue(p.flush(WAIT));
        }
        assertEquals(3, p.metrics().getAppends());
        byte[] object = store.content("logs/0.log");
        assertEquals(expected.toString(), new String(gunzip(object), UTF_8));
        assertTrue(object.length < expected.length());
        assertEquals("application/gzip", store.creationHeaders("logs/0.log").get("Content-Type"));
    }

    @Test
    void dropsWhileTheStoreIsDownAreCountedAndNotedInTheObject() {
        store.outage(true);
        Pipeline p = start(config().bufferSize(4096).batchMaxBytes(1024).maxEventSize(256).build());
        int published = 0;
        int dropped = 0;
        for (int i = 0; i < 500; i++) {
            PublishResult r = publish(p, String.format("event %05d\n", i));
            if (r == PublishResult.DROPPED) {
                dropped++;
            } else {
                published++;
            }
        }
        assertTrue(dropped > 0, "published " + published + ", " + p.metrics());
        store.outage(false);
        assertTrue(p.flush(WAIT), () -> "flush timed out (interrupted: " + Thread.currentThread().isInterrupted()
                + "): " + p.metrics());
        String text = content();
        // drops before the shipper's first batch are noted in that batch, later ones in the next: sum the notices
        long noted = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("osslog dropped ")) {
                assertTrue(line.endsWith("(buffer full: " + line.split(" ")[2] + ")"), line);
                noted += Long.parseLong(line.split(" ")[2]);
            }
        }
        assertEquals(dropped, noted, text);
        assertEquals(published, p.metrics().getEventsShipped());
        assertEquals(dropped, p.metrics().getEventsDropped());
        assertEquals(Long.valueOf(dropped), p.metrics().getEventsDroppedByReason().get("buffer full"));
        assertInOrder(text);
    }

    @Test
    void dropOldestKeepsTheNewestEventsInOrder() {
        store.outage(true);
        Pipeline p = start(config().bufferSize(4096).batchMaxBytes(1024).maxEventSize(256)
                .overflowPolicy(OverflowPolicy.DROP_OLDEST).build());
        PublishResult last = null;
        for (int i = 0; i < 500; i++) {
            last = publish(p, String.format("event %05d\n", i));
        }
        store.outage(false);
        assertTrue(p.flush(WAIT));
        String text = content();
        if (last != PublishResult.DROPPED) {
            assertTrue(text.contains("event 00499\n"), "the newest event survives");
        }
        assertTrue(text.contains("oldest discarded: "), text);
        assertTrue(p.metrics().getEventsDroppedByReason().get("oldest discarded") > 0);
        assertEquals(500, p.metrics().getEventsShipped() + p.metrics().getEventsDropped(),
                "the ring may drop the newest when the consumer holds the oldest: " + p.metrics());
        assertInOrder(text);
    }

    @Test
    void blockWaitsAtMostTheBlockTimeoutThenDrops() {
        store.outage(true);
        Pipeline p = start(config().bufferSize(4096).batchMaxBytes(1024).maxEventSize(256)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofMillis(5)).build());
        int dropped = 0;
        for (int i = 0; i < 300; i++) {
            dropped += publish(p, String.format("event %05d\n", i)) == PublishResult.DROPPED ? 1 : 0;
        }
        assertTrue(dropped > 0);
        assertEquals(Long.valueOf(dropped), p.metrics().getEventsDroppedByReason().get("block timeout"));
    }

    @Test
    void eventsLoggedByTheShipperThreadItselfAreDroppedNotShippedOrWaitedFor() {
        Pipeline[] self = new Pipeline[1];
        // A store whose HTTP library logs every append back into the same pipeline, as a misrouted logger would.
        AppendableStore chatty = new AppendableStore() {
            @Override
            public AppendResult append(String key, long position, byte[] data, int off, int len,
                    Map<String, String> creationHeaders) throws IOException {
                for (int i = 0; i < 100; i++) {
                    publish(self[0], "http library says hello\n");
                }
                return store.append(key, position, data, off, len, creationHeaders);
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
        self[0] = start(config().bufferSize(4096).batchMaxBytes(1024).maxEventSize(256)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofMinutes(1)).build(), chatty);

        assertEquals(PublishResult.PUBLISHED, publish(self[0], "app event\n"));
        assertTrue(self[0].flush(WAIT));

        assertEquals("app event\n", content());
        assertEquals(Long.valueOf(100), self[0].metrics().getEventsDroppedByReason().get(DropReason.SHIPPER_THREAD.text()));
    }

    @Test
    void lowLevelsAreDiscardedFirstPastTheThreshold() {
        store.outage(true);
        Pipeline p = start(config().bufferSize(4096).batchMaxBytes(512).maxEventSize(256)
                .discardLevel(LogLevel.WARN).discardThreshold(0.5).build());
        for (int i = 0; i < 300; i++) {
            byte[] e = String.format("info %05d\n", i).getBytes(UTF_8);
            p.publish(e, 0, e.length, LogLevel.INFO);
        }
        byte[] error = "error!\n".getBytes(UTF_8);
        assertEquals(PublishResult.PUBLISHED, p.publish(error, 0, error.length, LogLevel.ERROR));
        assertTrue(p.metrics().getEventsDroppedByReason().get("level discard") > 0);
        store.outage(false);
        assertTrue(p.flush(WAIT));
        assertTrue(content().contains("error!\n"));
        assertTrue(content().contains("level discard: "));
    }

    @Test
    void stopUnderOutageReturnsWithinItsBudgetAndCountsWhatWasNotShipped() {
        store.outage(true);
        Pipeline p = start(config().build());
        for (int i = 0; i < 100; i++) {
            publish(p, "event " + i + "\n");
        }
        long before = System.nanoTime();
        ShutdownReport report = p.stop(Duration.ofMillis(300));
        long tookMillis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(tookMillis < 300 + 200, "took " + tookMillis + "ms");
        assertEquals(100, report.notShipped());
        assertEquals(0, report.shipped());
        assertTrue(report.timedOut());
        assertTrue(logger.at("WARN").stream().anyMatch(l -> l.contains("100 events not shipped")));
        assertEquals(PublishResult.DROPPED, publish(p, "late\n"));
        assertEquals(Long.valueOf(1), p.metrics().getEventsDroppedByReason().get(DropReason.PIPELINE_STOPPED.text()));
        assertEquals(report, p.stop(Duration.ofSeconds(1)), "stop is idempotent");
    }

    @Test
    void anEventPublishedJustBeforeStopIsAlwaysShipped() {
        // Regression: the shipper used to test the ring for emptiness before it read the stop flag, so an event
        // published between the two was left behind.
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 1000; i++) {
            InMemoryStore fresh = new InMemoryStore();
            // a small ring and batch: allocating the default 32MB ring a thousand times took most of the test's time
            Pipeline p = Pipeline.create(config().bufferSize(64 << 10).batchMaxBytes(16 << 10).maxEventSize(1 << 10)
                    .build(), fresh, logger);
            p.start();
            for (int spin = random.nextInt(20_000); spin > 0; spin--) {
                Thread.onSpinWait(); // lands the publish at varying points of the shipper's first loop
            }
            publish(p, "last words " + i + "\n");
            ShutdownReport report = p.stop(WAIT);
            assertEquals(0, report.notShipped(), "round " + i);
            assertEquals("last words " + i + "\n", new String(fresh.content("logs/0.log"), UTF_8), "round " + i);
        }
    }

    @Test
    void stopShipsEverythingWhenTheStoreIsHealthy() {
        Pipeline p = start(config().build());
        for (int i = 0; i < 100; i++) {
            publish(p, "event " + i + "\n");
        }
        ShutdownReport report = p.stop(WAIT);
        assertEquals(0, report.notShipped());
        assertEquals(100, report.shipped());
        assertFalse(report.timedOut());
        assertInOrder(content());
        assertEquals(100, content().split("\n").length);
    }

    @Test
    void startNeverWaitsForTheStore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AppendableStore hanging = new Delegate(store) {
            @Override
            public ObjectInfo head(String key) throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
                return super.head(key);
            }
        };
        Pipeline p = start(config().build(), hanging);
        publish(p, "a\n");
        assertFalse(p.flush(Duration.ofMillis(50)));
        long before = System.nanoTime();
        ShutdownReport report = p.stop(Duration.ofMillis(100));
        assertTrue((System.nanoTime() - before) / 1_000_000 < 300);
        assertEquals(1, report.notShipped());
        release.countDown();
    }

    @Test
    void nullEmptyHugeAndArbitraryBytesAreShippedExactOrTruncated() {
        Pipeline p = start(config().maxEventSize(1024).build());
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertEquals(PublishResult.PUBLISHED, p.publish(null, 0, 0, LogLevel.INFO));
        assertEquals(PublishResult.PUBLISHED, p.publish(new byte[0], 0, 0, null));
        assertEquals(PublishResult.PUBLISHED, p.publish(all, 0, all.length, LogLevel.ERROR));
        byte[] huge = new byte[5000];
        Arrays.fill(huge, (byte) 'h');
        assertEquals(PublishResult.TRUNCATED, p.publish(huge, 0, huge.length, LogLevel.INFO));
        assertTrue(p.flush(WAIT));
        byte[] object = store.content("logs/0.log");
        assertArrayEquals(all, Arrays.copyOf(object, 256));
        assertTrue(object.length <= 256 + 1024);
        String tail = new String(object, 256, object.length - 256, UTF_8);
        assertTrue(tail.startsWith("hhhh"));
        assertTrue(tail.contains("5000"), "the marker tells the original size: " + tail.substring(tail.length() - 60));
        assertEquals(4, p.metrics().getEventsShipped());
        assertEquals(1, p.metrics().getEventsTruncated());
    }

    @Test
    void eightProducersShipEveryByteExactlyOnceAndInOrderPerThread() throws Exception {
        Pipeline p = start(config().bufferSize(64 << 10).batchMaxBytes(8 << 10).maxEventSize(1024)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)).build());
        int threads = 8;
        int perThread = 2000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread producer = new Thread(() -> {
                java.util.Random random = new java.util.Random(id);
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int seq = 0; seq < perThread; seq++) {
                    byte[] event = Framing.event(id, seq, random);
                    assertEquals(PublishResult.PUBLISHED, p.publish(event, 0, event.length, LogLevel.INFO));
                }
            }, "producer-" + t);
            producers.add(producer);
            producer.start();
        }
        go.countDown();
        for (Thread producer : producers) {
            producer.join(30_000);
            assertFalse(producer.isAlive());
        }
        assertTrue(p.flush(WAIT));
        int[] next = new int[threads];
        Framing.parse(store.content("logs/0.log"), (id, seq) -> {
            assertEquals(next[id], seq, "thread " + id);
            next[id]++;
        });
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t]);
        }
        assertEquals((long) threads * perThread, p.metrics().getEventsShipped());
    }

    @Test
    void jmxShowsTheCountersUnderThePipelineNameAndSameNamesDoNotClash() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        PipelineConfig config = config().build();
        Pipeline first = start(config);
        Pipeline second = start(config);
        publish(first, "a\n");
        assertTrue(first.flush(WAIT));
        ObjectName name = new ObjectName("io.github.osslog:type=Pipeline,name=" + config.name());
        ObjectName suffixed = new ObjectName("io.github.osslog:type=Pipeline,name=" + config.name() + "-2");
        assertEquals(1L, server.getAttribute(name, "EventsShipped"));
        assertNotNull(server.getAttribute(suffixed, "EventsShipped"));
        first.stop(WAIT);
        second.stop(WAIT);
        assertFalse(server.isRegistered(name));
        assertFalse(server.isRegistered(suffixed));
    }

    @Test
    void maxObjectSizeAboveTheStoreLimitIsRejected() {
        PipelineConfig config = config().maxObjectSize(1L << 30).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.create(config, new InMemoryStore(new StoreLimits(1L << 20, 10)), logger));
        assertEquals("maxObjectSize (1GB) exceeds the store's limit (1MB)", e.getMessage());
    }

    private static void assertInOrder(String text) {
        int last = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith("event ")) {
                int n = Integer.parseInt(line.substring(6).trim());
                assertTrue(n > last, "out of order or duplicated: " + n + " after " + last);
                last = n;
            }
        }
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
