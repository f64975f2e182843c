package io.github.osslog.testkit.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static io.github.osslog.testkit.pipeline.WireHarness.BUCKET;
import static io.github.osslog.testkit.pipeline.WireHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.auth.CredentialsException;
import io.github.osslog.core.auth.CredentialsProvider;
import io.github.osslog.core.auth.EcsRamRoleCredentialsProvider;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.internal.pipeline.Pipeline;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import io.github.osslog.core.ShutdownReport;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.RequestMatcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a credentials failure proves nothing about a batch, so no event may be failed and no spooled record
 * removed because of one: everything lands once when credentials come back (docs/failure-handling.md).
 */
class CredentialFailuresEndToEndTest {
    private static final String STS_ID = "STS.role-key-0001";
    private static final String STS_SECRET = "role-secret-0001";
    private static final String STS_TOKEN = "role-token-0001";

    @RegisterExtension
    final WireHarness e2e = new WireHarness(b -> b.stsCredentials(STS_ID, STS_SECRET, STS_TOKEN));

    @TempDir
    Path spoolDir;

    private HttpServer metadata;

    @AfterEach
    void stopMetadata() {
        if (metadata != null) {
            metadata.stop(0);
        }
    }

    /** Throws {@link CredentialsException} for its first {@code failures} calls, then gives the static key. */
    private static final class FlakyProvider implements CredentialsProvider {
        final AtomicInteger failuresLeft;
        final AtomicInteger calls = new AtomicInteger();

        FlakyProvider(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public Credentials getCredentials() {
            calls.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new CredentialsException("credentials source unavailable (test)");
            }
            return StaticCredentialsProvider.of("AK", "SK").getCredentials();
        }
    }

    private PipelineConfig.Builder config() {
        return e2e.config("cred-e2e").flushInterval(Duration.ofMillis(50));
    }

    private void assertEveryEventLandedOnce(Pipeline p) {
        assertTrue(p.flush(WAIT), p.metrics().toString());
        e2e.assertLandedOnceInOrder("app/");
        assertEquals(0, p.metrics().getEventsFailed(), p.metrics().toString());
        assertEquals(0, p.metrics().getEventsDropped(), p.metrics().toString());
        assertEquals(0, p.metrics().getEventsInFlight());
    }

    @Test
    void aFlakyCredentialsProviderFailsNoEventWithoutASpool() {
        FlakyProvider flaky = new FlakyProvider(6);
        Pipeline p = e2e.start(config().build(), flaky);
        e2e.publish(p, 40);
        assertEveryEventLandedOnce(p);
        assertTrue(flaky.calls.get() > 6);
        assertEquals(1, e2e.messages.count("WARN", "No credentials to sign with"), e2e.messages.lines().toString());
        assertTrue(p.metrics().getFailuresByCode().get("CredentialsUnavailable") >= 6);
    }

    @Test
    void aFlakyCredentialsProviderRemovesNoSpooledRecord() {
        e2e.server().faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.operation(Operation.APPEND_OBJECT));
        Pipeline first = e2e.start(config().spoolDirectory(spoolDir).flushInterval(Duration.ofHours(1)).build(),
                StaticCredentialsProvider.of("AK", "SK"));
        e2e.publish(first, 30);
        ShutdownReport report = first.stop(Duration.ofSeconds(2));
        assertEquals(30, report.spooled(), report.toString());
        e2e.server().faults().clear();

        FlakyProvider flaky = new FlakyProvider(8);
        Pipeline second = e2e.start(config().spoolDirectory(spoolDir).build(), flaky);
        e2e.publish(second, 20);
        assertEveryEventLandedOnce(second);
        assertTrue(second.metrics().getEventsReplayed() >= 30, "the spooled events were replayed");
        assertEquals(0, second.metrics().getSpoolEventsInUse());
        assertTrue(flaky.failuresLeft.get() < 0, "the provider failed 8 times first");
    }

    /** A clock that moves 2 s each time it is read, so the provider's 10 s pause after a failure passes quickly. */
    private static final class TickingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.addAndGet(2_000));
        }
    }

    /** An ECS metadata service whose first credentials answer is a 500. */
    private String startMetadataFailingOnce(AtomicInteger credentialRequests) throws IOException {
        metadata = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        metadata.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String body;
            if (path.equals("/latest/api/token")) {
                body = "metadata-token";
            } else if (path.equals("/latest/meta-data/ram/security-credentials/log-writer")) {
                boolean first = credentialRequests.incrementAndGet() == 1;
                status = first ? 500 : 200;
                body = first ? "" : "{\"AccessKeyId\":\"" + STS_ID + "\",\"AccessKeySecret\":\"" + STS_SECRET
                        + "\",\"SecurityToken\":\"" + STS_TOKEN + "\",\"Expiration\":\"2036-01-01T00:00:00Z\","
                        + "\"Code\":\"Success\"}";
            } else {
                status = 404;
                body = "";
            }
            byte[] bytes = body.getBytes(UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        metadata.start();
        return "http://127.0.0.1:" + metadata.getAddress().getPort();
    }

    @Test
    void anEcsMetadataServiceAnswering500OnceFailsNoEventWithAndWithoutASpool() throws IOException {
        AtomicInteger credentialRequests = new AtomicInteger();
        String base = startMetadataFailingOnce(credentialRequests);
        for (boolean withSpool : new boolean[] {false, true}) {
            credentialRequests.set(0);
            int first = e2e.published();
            EcsRamRoleCredentialsProvider ecs = EcsRamRoleCredentialsProvider.builder().roleName("log-writer")
                    .metadataBaseUrl(base).clock(new TickingClock()).build();
            PipelineConfig.Builder config = config().objectKeyPattern(withSpool ? "spooled/%i.log" : "app/%i.log");
            if (withSpool) {
                config.spoolDirectory(spoolDir);
            }
            Pipeline p = e2e.start(config.build(), ecs);
            e2e.publish(p, 24);
            assertTrue(p.flush(WAIT), p.metrics().toString());
            e2e.assertOnceInOrder(e2e.server().landed(BUCKET, withSpool ? "spooled/" : "app/").lines(), first);
            assertEquals(0, p.metrics().getEventsFailed(), p.metrics().toString());
            assertEquals(0, p.metrics().getEventsDropped(), p.metrics().toString());
            assertTrue(credentialRequests.get() >= 2, "the first answer was the 500");
            assertTrue(p.metrics().getFailuresByCode().containsKey("CredentialsUnavailable"),
                    p.metrics().getFailuresByCode().toString());
        }
    }
}
