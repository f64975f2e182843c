package io.github.osslog.testkit;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.internal.crc.Crc64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private OssTestServer server;
    private TestClient client;

    private void start(int journalCapacity) throws IOException {
        server = OssTestServer.builder().credentials("AK", "SK").bucket("logs").ticker(nanos::get)
                .journalCapacity(journalCapacity).start();
        client = TestClient.v4(server, "logs", Credentials.of("AK", "SK"));
        resources.add(client);
        resources.add(server);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void failNextAnswersTheGivenErrorThenRecovers() throws IOException {
        start(100);
        server.faults().failNext(2, 500, "InternalError");

        TestClient.Reply first = client.append("a.log", 0, utf8("x"));
        TestClient.Reply second = client.append("a.log", 0, utf8("x"));
        TestClient.Reply third = client.append("a.log", 0, utf8("x"));

        assertEquals(500, first.status);
        assertEquals("InternalError", first.errorCode());
        assertEquals(500, second.status);
        assertEquals(200, third.status);
        List<JournalEntry> journal = server.journal().entries();
        assertEquals("ERROR 500 InternalError", journal.get(0).fault());
        assertEquals(null, journal.get(2).fault());
        assertArrayEquals(utf8("x"), server.content("logs", "a.log").get());
    }

    @Test
    void matchersNarrowFaultsToAnOperationAndKey() throws IOException {
        start(100);
        server.faults().failNext(1, 503, "ServiceUnavailable",
                RequestMatcher.operation(Operation.APPEND_OBJECT).key("b.log"));

        assertEquals(200, client.append("a.log", 0, utf8("x")).status);
        assertEquals(200, client.put("b.log", utf8("x")).status);
        assertEquals(200, client.append("c.log", 0, utf8("x")).status);
        client.delete("b.log");
        assertEquals(503, client.append("b.log", 0, utf8("x")).status);
        assertEquals(200, client.append("b.log", 0, utf8("x")).status);
    }

    @Test
    void throttlingUses503Or429() throws IOException {
        start(100);
        server.faults().throttleNext(1, 429).throttleNext(1, 503);

        TestClient.Reply tooMany = client.append("a.log", 0, utf8("x"));
        TestClient.Reply unavailable = client.append("a.log", 0, utf8("x"));

        assertEquals(429, tooMany.status);
        assertEquals("TooManyRequests", tooMany.errorCode());
        assertEquals(503, unavailable.status);
        assertEquals("ServiceUnavailable", unavailable.errorCode());
        assertThrows(IllegalArgumentException.class, () -> Fault.throttle(500));
    }

    @Test
    void latencyDelaysTheAnswer() throws IOException {
        start(100);
        server.faults().inject(Fault.latency(Duration.ofMillis(150)), RequestMatcher.any(), 1);

        long start = System.nanoTime();
        TestClient.Reply reply = client.append("a.log", 0, utf8("x"));

        assertEquals(200, reply.status);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
        assertEquals("LATENCY PT0.15S", server.journal().entries().get(0).fault());
    }

    @Test
    void resetBeforeCommitLeavesTheObjectUntouched() throws IOException {
        start(100);
        client.append("a.log", 0, utf8("abc"));
        server.faults().inject(Fault.resetBeforeCommit(), RequestMatcher.operation(Operation.APPEND_OBJECT), 1);

        assertThrows(IOException.class, () -> client.append("a.log", 3, utf8("def")));

        assertArrayEquals(utf8("abc"), server.content("logs", "a.log").get());
        JournalEntry entry = server.journal().entries().get(1);
        assertEquals(0, entry.status());
        assertEquals("RESET_BEFORE_COMMIT", entry.fault());
    }

    @Test
    void dropResponseAfterCommitAppliesTheAppendButAnswersNothing() throws IOException {
        start(100);
        server.faults().inject(Fault.dropResponseAfterCommit(), RequestMatcher.operation(Operation.APPEND_OBJECT), 1);

        assertThrows(IOException.class, () -> client.append("a.log", 0, utf8("abc")));

        assertArrayEquals(utf8("abc"), server.content("logs", "a.log").get());
        TestClient.Reply retry = client.append("a.log", 0, utf8("abc"));
        assertEquals("PositionNotEqualToLength", retry.errorCode());
        assertEquals("3", retry.header("x-oss-next-append-position"));
    }

    @Test
    void corruptCrcAnswersAWrongChecksumForAnIntactObject() throws IOException {
        start(100);
        server.faults().inject(Fault.corruptCrc(), RequestMatcher.operation(Operation.APPEND_OBJECT), 1);

        TestClient.Reply reply = client.append("a.log", 0, utf8("abc"));

        assertEquals(200, reply.status);
        String real = Crc64.toUnsigned(Crc64.compute(utf8("abc"), 0, 3));
        assertNotEquals(real, reply.header("x-oss-hash-crc64ecma"));
        assertEquals(real, client.head("a.log").header("x-oss-hash-crc64ecma"));
    }

    @Test
    void foreignWritersChangeTheObjectBeforeTheRequest() throws IOException {
        start(100);
        client.append("a.log", 0, utf8("mine"));
        server.faults().inject(Fault.foreignAppend(utf8("THEIRS")), RequestMatcher.any().key("a.log"), 1);

        TestClient.Reply conflict = client.append("a.log", 4, utf8("more"));

        assertEquals("PositionNotEqualToLength", conflict.errorCode());
        assertEquals("10", conflict.header("x-oss-next-append-position"));
        assertArrayEquals(utf8("mineTHEIRS"), server.content("logs", "a.log").get());

        server.faults().inject(Fault.foreignPut(utf8("normal")), RequestMatcher.any().key("a.log"), 1);
        assertEquals("ObjectNotAppendable", client.append("a.log", 10, utf8("more")).errorCode());
        assertEquals("Normal", client.head("a.log").header("x-oss-object-type"));
    }

    @Test
    void directForeignWrites() throws IOException {
        start(100);
        assertEquals(3, server.foreignAppend("logs", "f.log", utf8("abc")));
        assertEquals(5, server.foreignAppend("logs", "f.log", utf8("de")));
        server.foreignPut("logs", "f.log", utf8("n"));

        assertThrows(IllegalStateException.class, () -> server.foreignAppend("logs", "f.log", utf8("x")));
        assertTrue(server.journal().entries().isEmpty());
    }

    @Test
    void outageLastsForItsDurationOnTheTicker() throws IOException {
        start(100);
        server.faults().outage(Duration.ofSeconds(30));

        assertEquals(503, client.append("a.log", 0, utf8("x")).status);
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertEquals(503, client.head("a.log").status);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(200, client.append("a.log", 0, utf8("x")).status);
    }

    @Test
    void randomScheduleIsReproducibleFromItsSeed() throws IOException {
        start(1000);
        Map<Fault, Double> probabilities = new LinkedHashMap<>();
        probabilities.put(Fault.error(500, "InternalError"), 0.3);
        probabilities.put(Fault.throttle(503), 0.2);

        List<Integer> firstRun = statuses(probabilities, 42);
        List<Integer> secondRun = statuses(probabilities, 42);

        assertEquals(firstRun, secondRun);
        assertTrue(firstRun.contains(200) && firstRun.contains(500) && firstRun.contains(503), firstRun.toString());
        assertThrows(IllegalArgumentException.class, () -> server.faults().random(1,
                java.util.Collections.singletonMap(Fault.corruptCrc(), 1.5), RequestMatcher.any()));
    }

    private List<Integer> statuses(Map<Fault, Double> probabilities, long seed) throws IOException {
        server.faults().clear();
        server.faults().random(seed, probabilities, RequestMatcher.operation(Operation.HEAD_OBJECT));
        client.put("r", utf8("x"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(client.head("r").status);
        }
        return statuses;
    }

    @Test
    void journalIsBounded() throws IOException {
        start(3);
        for (int i = 0; i < 5; i++) {
            client.head("k" + i);
        }

        List<JournalEntry> entries = server.journal().entries();

        assertEquals(3, entries.size());
        assertEquals("k2", entries.get(0).key());
        assertEquals(2, server.journal().evicted());
        server.journal().clear();
        assertFalse(server.journal().entries().iterator().hasNext());
    }

    @Test
    void cutBodySendsTheFullLengthButOnlyThePrefixThenClosesOnce() throws IOException {
        start(100);
        client.append("cut.log", 0, utf8("0123456789"));
        server.faults().inject(Fault.cutBody(4), RequestMatcher.operation(Operation.GET_OBJECT), 1);

        IOException cut = assertThrows(IOException.class, () -> client.get("cut.log", Map.of()));
        TestClient.Reply whole = client.get("cut.log", Map.of());

        assertTrue(cut.getMessage() != null, "the client saw a premature end of the body");
        assertEquals("0123456789", new String(whole.body, StandardCharsets.UTF_8));
    }
}
