package io.github.osslog.logback.crash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.OssTestServerExtension;
import io.github.osslog.testkit.RequestMatcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's crash test: a child JVM logging through the Logback adapter with a spool is killed with SIGKILL
 * mid-stream, through outages, and restarted; every event it acknowledged as shipped or spooled before the kill
 * lands exactly once, in order, before the restarted run's events.
 */
class SpoolCrashTest {
    private static final RequestMatcher APPENDS = RequestMatcher.operation(Operation.APPEND_OBJECT);

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private long lastAck;
    private final StringBuilder output = new StringBuilder();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void everyAcknowledgedEventLandsExactlyOnceAfterSigkillAndRestart() throws Exception {
        Path config = writeConfig();
        oss.server().faults().always(Fault.error(503, "ServiceUnavailable"), APPENDS);
        Process first = launch(config, "first", -1);
        BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), UTF_8));
        awaitAck(out, 3_000);
        oss.server().faults().clear();
        awaitAck(out, lastAck + 20_000);
        oss.server().faults().always(Fault.error(503, "ServiceUnavailable"), APPENDS);
        awaitAck(out, lastAck + 3_000);
        oss.server().faults().clear();
        awaitAck(out, lastAck + 500);

        first.destroyForcibly(); // SIGKILL on Linux; it closes our end of the child's output too
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue(), "killed by SIGKILL");
        long acked = lastAck;

        Process second = launch(config, "second", 500);
        String secondOut = new String(second.getInputStream().readAllBytes(), UTF_8);
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), secondOut);
        assertEquals(0, second.exitValue(), secondOut);

        List<Long> firstSeqs = new ArrayList<>();
        List<Long> secondSeqs = new ArrayList<>();
        for (String text : oss.server().landed("logs", "crash/").texts()) {
            for (String l : text.split("\n")) {
                if (l.startsWith("first seq ")) {
                    assertTrue(secondSeqs.isEmpty(), "the first run's spool replays before the second run's events");
                    firstSeqs.add(Long.parseLong(l.substring("first seq ".length())));
                } else if (l.startsWith("second seq ")) {
                    secondSeqs.add(Long.parseLong(l.substring("second seq ".length())));
                } else {
                    throw new AssertionError("unexpected line '" + l + "' (a drop notice or damaged bytes)");
                }
            }
        }
        assertTrue(firstSeqs.size() >= acked, "landed " + firstSeqs.size() + " of " + acked + " acknowledged");
        for (int i = 0; i < firstSeqs.size(); i++) {
            assertEquals(i, (long) firstSeqs.get(i), "every first-run event once and in order, no gap");
        }
        assertEquals(500, secondSeqs.size());
        for (int i = 0; i < secondSeqs.size(); i++) {
            assertEquals(i, (long) secondSeqs.get(i));
        }
    }

    private Process launch(Path config, String run, long count) throws IOException {
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + config, "-cp", System.getProperty("java.class.path"),
                CrashApp.class.getName(), run, Long.toString(count))
                .redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    /** Reads the child's output until it acknowledges at least {@code target} events. */
    private void awaitAck(BufferedReader out, long target) throws IOException {
        String line;
        while (lastAck < target && (line = out.readLine()) != null) {
            readAck(line);
        }
        assertTrue(lastAck >= target, "the child stopped before acknowledging " + target + " events:\n" + output);
    }

    private void readAck(String line) {
        if (!line.startsWith("ack ")) {
            output.append(line).append('\n');
        }
        if (line.startsWith("ack ")) {
            lastAck = Math.max(lastAck, Long.parseLong(line.substring(4)));
        }
    }

    private Path writeConfig() throws IOException {
        String xml = "<configuration>\n"
                + "  <appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                + "    <endpoint>" + oss.server().endpoint() + "</endpoint>\n"
                + "    <region>" + oss.server().region() + "</region>\n"
                + "    <bucket>logs</bucket>\n"
                + "    <accessKeyId>AK</accessKeyId>\n"
                + "    <accessKeySecret>SK</accessKeySecret>\n"
                + "    <objectKeyPattern>crash/%i.log</objectKeyPattern>\n"
                + "    <bufferSize>64KB</bufferSize>\n"
                + "    <batchMaxBytes>8KB</batchMaxBytes>\n"
                + "    <maxEventSize>1KB</maxEventSize>\n"
                + "    <flushInterval>50 milliseconds</flushInterval>\n"
                + "    <overflowPolicy>BLOCK</overflowPolicy>\n"
                + "    <blockTimeout>30 seconds</blockTimeout>\n"
                + "    <initialBackoff>5 milliseconds</initialBackoff>\n"
                + "    <maxBackoff>50 milliseconds</maxBackoff>\n"
                + "    <spoolDirectory>" + dir.resolve("spool") + "</spoolDirectory>\n"
                + "    <encoder><pattern>%msg%n</pattern></encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"OSS\"/></root>\n"
                + "</configuration>\n";
        Path file = dir.resolve("logback.xml");
        Files.write(file, xml.getBytes(UTF_8));
        return file;
    }
}
