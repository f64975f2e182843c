package io.github.osslog.core.auth;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/** An ECS metadata service on loopback whose answers tests set, recording what it was asked. Thread-safe. */
final class FakeMetadataService implements AutoCloseable {
    static final String TOKEN = "metadata-token-SECRET-0123";
    static final String ROLE = "log-writer";

    final MockWebServer server = new MockWebServer();
    final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> roleRequests = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> credentialRequests = new CopyOnWriteArrayList<>();

    /** The token endpoint's answer; {@code null} drops the connection. */
    volatile Supplier<MockResponse> tokenAnswer = () -> new MockResponse.Builder().body(TOKEN).build();
    volatile Supplier<MockResponse> credentialsAnswer = () -> ok("STS.id-0001", "secret-0001", "sts-token-0001",
            Instant.parse("2026-11-24T18:00:00Z"));
    /** When set, credential answers wait for it, so tests can hold a fetch in flight. */
    volatile CountDownLatch credentialsGate;
    /** Counted down as each credentials request arrives. */
    volatile CountDownLatch credentialsArrived = new CountDownLatch(0);

    FakeMetadataService() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String path = request.getUrl().encodedPath();
                if (path.equals("/latest/api/token")) {
                    tokenRequests.add(request);
                    MockResponse answer = tokenAnswer.get();
                    return answer != null ? answer
                            : new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build();
                }
                if (path.equals("/latest/meta-data/ram/security-credentials/")) {
                    roleRequests.add(request);
                    return new MockResponse.Builder().body(ROLE).build();
                }
                if (path.equals("/latest/meta-data/ram/security-credentials/" + ROLE)) {
                    credentialRequests.add(request);
                    credentialsArrived.countDown();
                    CountDownLatch gate = credentialsGate;
                    if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("test never opened the gate");
                    }
                    return credentialsAnswer.get();
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    static MockResponse ok(String id, String secret, String token, Instant expiration) {
        return json("{\"AccessKeyId\" : \"" + id + "\",\n \"AccessKeySecret\" : \"" + secret
                + "\",\n \"Expiration\" : \"" + expiration + "\",\n \"SecurityToken\" : \"" + token
                + "\",\n \"LastUpdated\" : \"2026-11-24T12:00:00Z\",\n \"Code\" : \"Success\"}");
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/plain").body(body).build();
    }

    static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }

    @Override
    public void close() {
        CountDownLatch gate = credentialsGate;
        if (gate != null) {
            gate.countDown();
        }
        server.close();
    }
}
