package io.github.osslog.core.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.sink.LogSink;
import io.github.osslog.core.testing.RecordingLogger;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole shipper against a store whose answers carry malformed values: an append accepted with a malformed CRC is
 * reconciled by HEAD and counted as shipped, not failed; a HEAD with a negative Content-Length does not fail the
 * batch.
 */
class MalformedAnswersTest {
    private static final byte[] LINE = "one event\n".getBytes(UTF_8);
    private static final String CRC = Crc64.toUnsigned(Crc64.compute(LINE, 0, LINE.length));

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger appends = new AtomicInteger();
    private final RecordingLogger logger = new RecordingLogger();
    private LogSink shipper;

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        if (shipper != null) {
            shipper.stop(Duration.ofSeconds(2));
        }
        server.close();
    }

    private void answer(Function<RecordedRequest, MockResponse> answers) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getMethod().equals("POST")) {
                    appends.incrementAndGet();
                }
                return answers.apply(request);
            }
        });
    }

    private LogSink ship() throws SettingsException {
        shipper = PipelineFactory.create(new Settings().set("endpoint", "http://127.0.0.1:" + server.getPort())
                .set("region", "cn-hangzhou").set("bucket", "logs").set("accessKeyId", "AKID")
                .set("accessKeySecret", "malformed-answers-secret").set("objectKeyPattern", "app/%i.log")
                .set("initialBackoff", "1 ms").set("maxBackoff", "20 ms").validate("malformed"), logger);
        shipper.start();
        shipper.pipeline().publish(LINE, 0, LINE.length, LogLevel.INFO);
        return shipper;
    }

    private static boolean isFirstObject(RecordedRequest request) {
        return request.getUrl().encodedPath().equals("/logs/app/0.log");
    }

    private static MockResponse headOf(String contentLength, String next, String crc) {
        MockResponse.Builder head = new MockResponse.Builder().code(200).setHeader("Content-Length", contentLength)
                .addHeader("x-oss-object-type", "Appendable").addHeader("x-oss-hash-crc64ecma", crc);
        return next == null ? head.build() : head.addHeader("x-oss-next-append-position", next).build();
    }

    @Test
    void anAcceptedAppendWithAMalformedCrcIsReconciledNotFailed() throws Exception {
        answer(request -> {
            if (request.getMethod().equals("POST")) {
                return new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position",
                        Integer.toString(LINE.length)).addHeader("x-oss-hash-crc64ecma", "12ab").build();
            }
            // the first HEAD finds no object; after the append it has landed
            return appends.get() == 0 || !isFirstObject(request) ? new MockResponse.Builder().code(404).build()
                    : headOf(Integer.toString(LINE.length), Integer.toString(LINE.length), CRC);
        });

        assertTrue(ship().flush(Duration.ofSeconds(10)), shipper.metrics()::toString);

        assertEquals(1, shipper.metrics().getEventsShipped());
        assertEquals(0, shipper.metrics().getEventsFailed());
        assertEquals(1, shipper.metrics().getReconciledLostResponses());
        assertEquals(1, appends.get(), "the landed batch was not sent again");
    }

    @Test
    void aHeadWithANegativeContentLengthContinuesAtTheNextAppendPosition() throws Exception {
        answer(request -> request.getMethod().equals("POST")
                ? new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position",
                        Integer.toString(7 + LINE.length)).build()
                : isFirstObject(request) ? headOf("-5", "7", "0") : new MockResponse.Builder().code(404).build());

        assertTrue(ship().flush(Duration.ofSeconds(10)), shipper.metrics()::toString);

        assertEquals(1, shipper.metrics().getEventsShipped());
        assertEquals(0, shipper.metrics().getEventsFailed());
    }

    @Test
    void aHeadWithNoUsableLengthKeepsTheBatchUntilTheStoreAnswersSanely() throws Exception {
        answer(request -> request.getMethod().equals("POST")
                ? new MockResponse.Builder().code(500).build()
                : isFirstObject(request) ? headOf("-5", null, CRC) : new MockResponse.Builder().code(404).build());
        ship();

        assertFalse(shipper.flush(Duration.ofMillis(500)));
        assertEquals(0, shipper.metrics().getEventsFailed(), shipper.metrics()::toString);
        assertEquals(0, appends.get(), "nothing appended at a negative position");

        answer(request -> request.getMethod().equals("POST")
                ? new MockResponse.Builder().code(200).addHeader("x-oss-next-append-position",
                        Integer.toString(LINE.length)).build()
                : new MockResponse.Builder().code(404).build());
        assertTrue(shipper.flush(Duration.ofSeconds(10)), shipper.metrics()::toString);
        assertEquals(1, shipper.metrics().getEventsShipped());
        assertEquals(0, shipper.metrics().getEventsFailed());
    }
}
