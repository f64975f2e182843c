package io.github.osslog.core.internal.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.testing.RecordingLogger;
import io.github.osslog.testkit.OssTestServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19 item 8: a security token the store keeps refusing after one refresh is a configuration error: one ERROR,
 * and requests paced at {@code maxBackoff}, counted by the testkit over a minute of a fake ticker's time. In this
 * package (a test-only split package) to reach the engine's injectable sleeper.
 */
class CredentialRefusalPacingTest {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final long WINDOW_NANOS = Duration.ofSeconds(60).toNanos();

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.bucket("logs")
            .stsCredentials("STS.key-0001", "secret-0001", "the-right-token"));

    @Test
    void aWrongSecurityTokenIsOneErrorAndTheStoreIsAskedAboutEveryMaxBackoff() {
        FakeTicker sleeper = new FakeTicker();
        RecordingLogger logger = new RecordingLogger();
        PipelineConfig config = PipelineConfig.builder().objectKeyPattern("app/%i.log")
                .initialBackoff(Duration.ofMillis(100)).maxBackoff(MAX_BACKOFF).build();
        PipelineMetrics metrics = new PipelineMetrics(Clock.systemUTC(), () -> 0, Collections::emptyMap);
        try (OssClient client = OssClient.create(OssClientConfig.builder().endpoint(oss.server().endpoint())
                .bucket("logs").region(oss.server().region())
                .credentials(StaticCredentialsProvider.of("STS.key-0001", "secret-0001", "a-wrong-token")).build())) {
            AppendEngine engine = new AppendEngine(config, client,
                    new Backoff(config.initialBackoff(), config.maxBackoff(), () -> 0.5), sleeper, sleeper::nanoTime,
                    metrics, logger);
            engine.deadline(sleeper.nanoTime() + WINDOW_NANOS);
            byte[] batch = "one line\n".getBytes(UTF_8);

            assertEquals(Outcome.STOPPED,
                    engine.deliver(new Batch(batch, batch.length, 1, config.clock().instant(), null)));

            int requests = oss.server().journal().entries().size();
            // each attempt is the request and the client's one resend after refreshing; attempts >= maxBackoff / 2 apart
            long attempts = WINDOW_NANOS / (MAX_BACKOFF.toNanos() / 2) + 1;
            assertTrue(requests <= 2 * attempts, requests + " requests in 60 s: " + sleeper.sleeps());
            assertTrue(requests >= 2, "it kept trying");
            assertEquals(1, logger.at("ERROR").size(), logger.lines().toString());
            assertTrue(logger.at("ERROR").get(0).contains("InvalidSecurityToken"), logger.lines().toString());
            assertTrue(logger.at("ERROR").get(0).contains("OSS_SESSION_TOKEN"));
            assertEquals(0, metrics.getEventsFailed());
        }
    }
}
