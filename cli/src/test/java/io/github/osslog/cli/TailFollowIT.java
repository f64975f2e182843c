package io.github.osslog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.util.FileSize;
import io.github.osslog.core.internal.objects.LocalIdentity;
import io.github.osslog.log4j2.OssAppender;
import io.github.osslog.logback.AppenderClock;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.RequestMatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both adapters write (Logback plain, Log4j2 gzip; rollovers by a small maxObjectSize, a time-bucket change, a
 * foreign writer forcing a roll) while {@code java -jar osslog.jar tail -f} follows each pattern in its own process.
 * Afterwards tail's output, cat's output and the lines logged are the same multiset, in order per thread. Run once
 * with listing and once with listing refused (403), where discovery probes keys with HEAD.
 */
class TailFollowIT {
    private static final String BUCKET = Writers.BUCKET;
    private static final String LOGBACK_PATTERN = "e2e/%d{yyyy-MM-dd'T'HH-mm}/lb-%host-%pid-%i.log";
    private static final String LOG4J2_PATTERN = "e2e/%d{yyyy-MM-dd'T'HH-mm}/l4j-%host-%pid-%i.log.gz";
    private static final int THREADS = 3;
    private static final int LINES_PER_THREAD = 400;
    private static final String FOREIGN = "FOREIGN WRITER LINE";
    /** Bounds, not pauses: waits end as soon as the condition holds. A loaded machine starts a JVM slowly. */
    private static final Duration STARTUP = Duration.ofMinutes(2);
    /** How long tail may print nothing new before the test gives up on it. */
    private static final Duration STALL = Duration.ofSeconds(60);

    @ParameterizedTest(name = "listing refused: {0}")
    @ValueSource(booleans = {false, true})
    void tailFollowPrintsEveryLineOnceInOrderAcrossRolls(boolean listingRefused) throws Exception {
        try (OssTestServer server = OssTestServer.builder().credentials("AK", "SK").bucket(BUCKET).start()) {
            if (listingRefused) {
                server.faults().always(Fault.error(403, "AccessDenied"),
                        RequestMatcher.operation(Operation.LIST_OBJECTS_V2));
            }
            Map<String, String> env = new HashMap<>();
            env.put("OSS_ENDPOINT", server.endpoint());
            env.put("OSS_BUCKET", BUCKET);
            env.put("OSS_REGION", server.region());
            env.put("OSS_ACCESS_KEY_ID", "AK");
            env.put("OSS_ACCESS_KEY_SECRET", "SK");
            List<String> identity = listingRefused
                    ? List.of("--host", LocalIdentity.hostName(), "--pid", LocalIdentity.pid()) : List.of();

            // Each writer first writes one line ten minutes in the past: tail -n 1 starts in that bucket; later
            // both clocks move to the present, the next minute bucket: a time-bucket change on each side
            String me = Thread.currentThread().getName();
            ShiftedClock lbClock = new ShiftedClock(Duration.ofMinutes(-10));
            LoggerContext logback = logback(server, lbClock);
            Logger lb = logback.getLogger("e2e");
            List<String> lbLogged = new CopyOnWriteArrayList<>();
            lb.info("first line");
            lbLogged.add(me + " first line");
            ShiftedClock l4jClock = new ShiftedClock(Duration.ofMinutes(-10));
            org.apache.logging.log4j.core.LoggerContext log4j = log4j2(server, l4jClock);
            org.apache.logging.log4j.Logger l4j = log4j.getLogger("e2e");
            List<String> l4jLogged = new CopyOnWriteArrayList<>();
            l4j.info("first line");
            l4jLogged.add(me + " first line");
            awaitObjects(server, "lb-", 1);
            awaitObjects(server, "l4j-", 1);

            try (TailProcess lbTail = tail(env, LOGBACK_PATTERN, identity);
                    TailProcess l4jTail = tail(env, LOG4J2_PATTERN, identity)) {
                lbTail.awaitStarted(STARTUP);
                l4jTail.awaitStarted(STARTUP);

                write(THREADS, LINES_PER_THREAD / 2, 0, lb::info, lbLogged);
                awaitObjects(server, "lb-", 2);
                server.faults().inject(Fault.foreignAppend((FOREIGN + "\n").getBytes(StandardCharsets.UTF_8)),
                        RequestMatcher.operation(Operation.APPEND_OBJECT), 1);
                lbLogged.add(FOREIGN);
                lbClock.shift(Duration.ZERO);
                write(THREADS, LINES_PER_THREAD / 2, LINES_PER_THREAD / 2, lb::info, lbLogged);
                logback.stop();

                write(THREADS, LINES_PER_THREAD / 2, 0, l4j::info, l4jLogged);
                awaitObjects(server, "l4j-", 2);
                l4jClock.shift(Duration.ZERO);
                write(THREADS, LINES_PER_THREAD / 2, LINES_PER_THREAD / 2, l4j::info, l4jLogged);
                Configurator.shutdown(log4j);

                assertTrue(keys(server, "/l4j-").size() >= 3, "gzip objects rolled: " + keys(server, "/l4j-"));
                assertTrue(buckets(server, "/lb-") >= 2, "the Logback keys span two time buckets: "
                        + keys(server, "/lb-"));
                assertTrue(buckets(server, "/l4j-") >= 2, "the Log4j2 keys span two time buckets: "
                        + keys(server, "/l4j-"));
                assertTrue(server.journal().entries(Operation.APPEND_OBJECT).stream()
                        .anyMatch(e -> "PositionNotEqualToLength".equals(e.errorCode())), "the foreign append hit");
                check(server, env, identity, LOGBACK_PATTERN, lbTail, lbLogged);
                check(server, env, identity, LOG4J2_PATTERN, l4jTail, l4jLogged);
                assertTrue(lbTail.isAlive() && l4jTail.isAlive(), "tail -f keeps running");
                if (listingRefused) {
                    assertTrue(lbTail.stderr().stream().anyMatch(l -> l.contains("listing refused (403")),
                            lbTail.stderr().toString());
                }
            }
        }
    }

    private void check(OssTestServer server, Map<String, String> env, List<String> identity, String pattern,
            TailProcess tail, List<String> logged) throws Exception {
        List<String> followed = tail.awaitLines(logged.size(), STALL);
        List<String> args = new ArrayList<>(List.of("cat", "--since", "1h", pattern));
        args.addAll(identity);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Osslog.run(args.toArray(new String[0]), env, out, new PrintStream(err, true,
                StandardCharsets.UTF_8));
        List<String> cat = Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n"));

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<String> missing = new ArrayList<>(logged);
        followed.forEach(missing::remove);
        assertEquals(sorted(logged), sorted(followed), "tail -f printed every line once; missing "
                + missing.subList(0, Math.min(5, missing.size())) + " of " + missing.size() + ", objects "
                + keys(server, "/").stream().map(k -> k + "=" + server.length(BUCKET, k).orElse(-1))
                        .collect(java.util.stream.Collectors.toList()) + "; tail " + tail.describe());
        assertEquals(sorted(logged), sorted(cat), "cat printed every line once");
        assertInThreadOrder(followed);
        assertInThreadOrder(cat);
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        Collections.sort(copy);
        return copy;
    }

    /** Each writer thread's lines carry a sequence number that must only grow. */
    private static void assertInThreadOrder(List<String> lines) {
        Map<String, Integer> last = new HashMap<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            if (parts.length < 3 || !parts[0].startsWith("writer-")) {
                continue;
            }
            int seq = Integer.parseInt(parts[1]);
            Integer before = last.put(parts[0], seq);
            assertTrue(before == null || before < seq, "out of order in " + parts[0] + ": " + before + " then "
                    + seq);
        }
    }

    private TailProcess tail(Map<String, String> env, String pattern, List<String> identity) throws IOException {
        List<String> args = new ArrayList<>(List.of("tail", "-f", "-v", "--poll-interval", "100ms", "-n", "1"));
        args.addAll(identity);
        args.add(pattern);
        return new TailProcess(env, "following:", args.toArray(new String[0]));
    }

    /** Logs {@code perThread} lines from each of {@code threads} threads, as "writer-N seq random-tail". */
    private static void write(int threads, int perThread, int firstSeq, java.util.function.Consumer<String> log,
            List<String> logged) throws InterruptedException {
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "writer-" + t;
            Random random = new Random(t * 31L + firstSeq);
            writers.add(new Thread(() -> {
                for (int i = firstSeq; i < firstSeq + perThread; i++) {
                    String message = i + " " + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
                    log.accept(message);
                    logged.add(name + " " + message);
                }
            }, name));
        }
        writers.forEach(Thread::start);
        for (Thread w : writers) {
            w.join();
        }
    }

    private static void awaitObjects(OssTestServer server, String keyPart, int objects) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(server, keyPart) < objects) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + objects + " objects with '" + keyPart + "' landed");
            }
            LockSupport.parkNanos(10_000_000L); // the server offers no notification of landed appends
        }
    }

    /** How many time buckets (key folders) the keys with {@code keyPart} span. */
    private static long buckets(OssTestServer server, String keyPart) {
        return keys(server, keyPart).stream().map(k -> k.substring(0, k.lastIndexOf('/'))).distinct().count();
    }

    private static long count(OssTestServer server, String keyPart) {
        return keys(server, keyPart).size();
    }

    /** The keys with {@code keyPart} that an append landed in. */
    private static List<String> keys(OssTestServer server, String keyPart) {
        return server.journal().entries(Operation.APPEND_OBJECT).stream()
                .filter(e -> e.status() == 200 && e.key().contains(keyPart)).map(e -> e.key()).distinct()
                .collect(java.util.stream.Collectors.toList());
    }

    private static LoggerContext logback(OssTestServer server, ShiftedClock clock) {
        return Writers.logback(server, LOGBACK_PATTERN, context -> {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setPattern("%thread %msg%n");
            return encoder;
        }, appender -> {
            appender.setMaxObjectSize(FileSize.valueOf("8KB"));
            appender.setBatchMaxBytes(FileSize.valueOf("2KB"));
            appender.setMaxEventSize(FileSize.valueOf("1KB"));
            appender.setFlushInterval(ch.qos.logback.core.util.Duration.buildByMilliseconds(50));
            AppenderClock.set(appender, clock);
        });
    }

    /** Log4j2 shipping gzip with a small maxObjectSize, keys dated by {@code clock} (built in code to set it). */
    private static org.apache.logging.log4j.core.LoggerContext log4j2(OssTestServer server, ShiftedClock clock) {
        org.apache.logging.log4j.core.LoggerContext context =
                new org.apache.logging.log4j.core.LoggerContext("tail-follow-" + System.nanoTime());
        context.start(new DefaultConfiguration());
        Configuration config = context.getConfiguration();
        OssAppender.Builder<?> builder = OssAppender.newBuilder();
        builder.setName("oss").setConfiguration(config)
                .setLayout(PatternLayout.newBuilder().withPattern("%thread %msg%n").withConfiguration(config).build());
        builder.setEndpoint(server.endpoint()).setBucket(BUCKET).setRegion(server.region()).setAccessKeyId("AK")
                .setAccessKeySecret("SK").setObjectKeyPattern(LOG4J2_PATTERN).setCompression("gzip")
                .setMaxObjectSize("4KB").setBatchMaxBytes("2KB").setMaxEventSize("1KB")
                .setFlushInterval("50 milliseconds");
        io.github.osslog.log4j2.AppenderClock.set(builder, clock);
        OssAppender appender = builder.build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        new ArrayList<>(root.getAppenders().keySet()).forEach(root::removeAppender); // the default console
        root.addAppender(appender, null, null);
        root.setLevel(Level.DEBUG);
        context.updateLoggers();
        return context;
    }
}
