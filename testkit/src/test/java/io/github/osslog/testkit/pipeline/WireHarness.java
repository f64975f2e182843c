package io.github.osslog.testkit.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.CredentialsProvider;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.PublishResult;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.internal.pipeline.Pipeline;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import io.github.osslog.core.testing.RecordingLogger;
import io.github.osslog.testkit.Landed;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.OssTestServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the pipeline end-to-end tests share: a testkit server for each test, pipelines shipping to it over the wire,
 * and the numbered events {@code "seq NNNNNN ..."} they publish and check. As a JUnit extension (an instance field)
 * it starts the server before each test and, after it, stops the pipelines, closes their clients and then the
 * server. Not thread-safe.
 */
final class WireHarness implements BeforeEachCallback, AfterEachCallback {
    static final String BUCKET = "logs";
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** What the pipelines reported. */
    final RecordingLogger messages = new RecordingLogger();
    private final OssTestServerExtension oss;
    private final List<OssClient> clients = new ArrayList<>();
    private final List<Pipeline> pipelines = new ArrayList<>();
    private int nextSeq;

    /** A harness whose server has the key pair AK/SK, the bucket {@link #BUCKET} and what {@code more} adds. */
    WireHarness(Consumer<OssTestServer.Builder> more) {
        this.oss = OssTestServerExtension.configure(b -> more.accept(b.credentials("AK", "SK").bucket(BUCKET)));
    }

    OssTestServer server() {
        return oss.server();
    }

    /**
     * A config named {@code prefix-<n>} (each pipeline its own JMX name) shipping to {@code app/%i.log}, with quick
     * retries and a flush interval that never fires, so that the tests decide when batches are cut.
     */
    PipelineConfig.Builder config(String namePrefix) {
        return PipelineConfig.builder().name(namePrefix + "-" + NAMES.incrementAndGet()).objectKeyPattern("app/%i.log")
                .flushInterval(Duration.ofHours(1)).initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(20));
    }

    /** Starts a pipeline signing with the server's key pair AK/SK. */
    Pipeline start(PipelineConfig config) {
        return start(config, StaticCredentialsProvider.of("AK", "SK"));
    }

    /** Starts a pipeline whose client takes its credentials from {@code credentials}. */
    Pipeline start(PipelineConfig config, CredentialsProvider credentials) {
        OssClient client = OssClient.create(OssClientConfig.builder().endpoint(server().endpoint()).bucket(BUCKET)
                .region(server().region()).credentials(credentials).callTimeout(Duration.ofSeconds(5)).build());
        clients.add(client);
        Pipeline p = Pipeline.create(config, client, messages);
        pipelines.add(p);
        p.start();
        return p;
    }

    /** Publishes the next {@code count} numbered events (of varied lengths); each must be accepted. */
    void publish(Pipeline p, int count) {
        for (int i = 0; i < count; i++) {
            byte[] line = String.format("seq %06d %s%n", nextSeq++, "x".repeat(i % 37)).getBytes(UTF_8);
            assertEquals(PublishResult.PUBLISHED, p.publish(line, 0, line.length, LogLevel.INFO));
        }
    }

    /** Takes the next sequence number, for a test that publishes numbered events of its own. */
    int nextSeq() {
        return nextSeq++;
    }

    /** How many sequence numbers were handed out. */
    int published() {
        return nextSeq;
    }

    /** Asserts that what landed under {@code prefix} is every published event once and in order, and nothing else. */
    void assertLandedOnceInOrder(String prefix) {
        Landed landed = server().landed(BUCKET, prefix);
        assertOnceInOrder(landed.lines(), 0, landed.toString());
    }

    /**
     * Asserts that {@code lines} are the published events from sequence number {@code first} on, each once and in
     * order, and nothing else.
     */
    void assertOnceInOrder(List<String> lines, int first) {
        assertOnceInOrder(lines, first, "");
    }

    private void assertOnceInOrder(List<String> lines, int first, String where) {
        int expected = first;
        for (String line : lines) {
            assertTrue(line.startsWith("seq "), () -> "not an event: " + line + " " + where);
            assertEquals(expected, Integer.parseInt(line.substring(4, 10)), "in order, once " + where);
            expected++;
        }
        assertEquals(nextSeq, expected, "every event exactly once " + where);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        oss.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server().faults().clear();
        for (Pipeline p : pipelines) {
            p.stop(Duration.ofSeconds(5));
        }
        for (OssClient c : clients) {
            c.close();
        }
        oss.afterEach(context);
    }
}
