package io.github.osslog.testkit.chaos;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.JournalEntry;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.RequestMatcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chaos suite's fault schedule on a testkit server, and the tally of what the server's journal says was
 * injected. Not thread-safe; the server's {@code Faults} it feeds are.
 */
final class ChaosSchedule {
    static final String FOREIGN_APPEND_LINE = "foreign writer was here\n";
    static final String FOREIGN_PUT_TEXT = "foreign PutObject replaced this object\n";

    private ChaosSchedule() {
    }

    /**
     * Seeded random faults on appends and HEADs (errors, throttling, resets before commit, lost responses after
     * commit, latency, malformed answers), random foreign appends, and one foreign PutObject on the first append to
     * {@code foreignPutKey}, a key the pipeline has not written yet (so it destroys none of its events).
     */
    static void install(OssTestServer server, long seed, String foreignPutKey) {
        Map<Fault, Double> appendOdds = new LinkedHashMap<>();
        appendOdds.put(Fault.error(500, "InternalError"), 0.03);
        appendOdds.put(Fault.error(502, "BadGateway"), 0.01);
        appendOdds.put(Fault.throttle(503), 0.02);
        appendOdds.put(Fault.throttle(429), 0.02);
        appendOdds.put(Fault.resetBeforeCommit(), 0.03);
        appendOdds.put(Fault.dropResponseAfterCommit(), 0.03);
        appendOdds.put(Fault.latency(Duration.ofMillis(20)), 0.02);
        appendOdds.put(Fault.foreignAppend(FOREIGN_APPEND_LINE.getBytes(UTF_8)), 0.01);
        // applied, then answered with a value the client cannot parse or must not believe (issue 19)
        appendOdds.put(Fault.malformedHeader("x-oss-hash-crc64ecma", "12x"), 0.01);
        appendOdds.put(Fault.malformedHeader("x-oss-next-append-position", "-1"), 0.01);
        Map<Fault, Double> headOdds = new LinkedHashMap<>();
        headOdds.put(Fault.error(500, "InternalError"), 0.05);
        headOdds.put(Fault.resetBeforeCommit(), 0.03);
        headOdds.put(Fault.dropResponseAfterCommit(), 0.03);
        headOdds.put(Fault.malformedHeader("x-oss-hash-crc64ecma", "not-a-crc"), 0.02);
        server.faults()
                .inject(Fault.foreignPut(FOREIGN_PUT_TEXT.getBytes(UTF_8)),
                        RequestMatcher.operation(Operation.APPEND_OBJECT).key(foreignPutKey), 1)
                .random(seed, appendOdds, RequestMatcher.operation(Operation.APPEND_OBJECT))
                .random(seed + 1, headOdds, RequestMatcher.operation(Operation.HEAD_OBJECT));
    }

    /** Injected faults by label ({@code "ERROR 500 InternalError"}, {@code "RESET_BEFORE_COMMIT"}, ...). */
    static Map<String, Long> injected(OssTestServer server) {
        Map<String, Long> counts = new TreeMap<>();
        for (JournalEntry entry : server.journal().entries()) {
            if (entry.fault() != null) {
                for (String label : entry.fault().split(", ")) {
                    counts.merge(entry.operation() + " " + label, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /** How many requests got a fault whose label starts with {@code labelPrefix}, whatever the operation. */
    static long count(Map<String, Long> injected, String labelPrefix) {
        long n = 0;
        for (Map.Entry<String, Long> e : injected.entrySet()) {
            if (e.getKey().substring(e.getKey().indexOf(' ') + 1).startsWith(labelPrefix)) {
                n += e.getValue();
            }
        }
        return n;
    }
}
