package io.github.osslog.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.Operation;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.RequestMatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commands' contract, in-process against the testkit: output bytes, order, exit codes, messages. */
class OsslogCommandTest {
    private static final String BUCKET = "cli-logs";
    private static final String TODAY = DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.now().atZone(ZoneOffset.UTC));
    private static final String PATTERN = "svc/%d{yyyy-MM-dd}/%host-%i.log";

    private OssTestServer server;
    private OssClient oss;
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private byte[] out;

    @BeforeEach
    void start() throws IOException {
        server = OssTestServer.builder().credentials("AK", "SK").bucket(BUCKET).start();
        oss = OssClient.create(OssClientConfig.builder().endpoint(server.endpoint()).bucket(BUCKET)
                .region(server.region()).credentials(StaticCredentialsProvider.of("AK", "SK")).build());
        env.put("OSS_ENDPOINT", server.endpoint());
        env.put("OSS_BUCKET", BUCKET);
        env.put("OSS_REGION", server.region());
        env.put("OSS_ACCESS_KEY_ID", "AK");
        env.put("OSS_ACCESS_KEY_SECRET", "SK");
    }

    @AfterEach
    void stop() {
        oss.close();
        server.close();
    }

    private int run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code = Osslog.run(args, env, stdout, new PrintStream(err, true, StandardCharsets.UTF_8));
        out = stdout.toByteArray();
        return code;
    }

    private String stdout() {
        return new String(out, StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void append(String key, byte[] bytes) throws IOException {
        oss.append(key, server.length(BUCKET, key).orElse(0), bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lsPrintsKeySizeTypeAndLastModifiedTabSeparatedInWriteOrder() throws IOException {
        append("svc/" + TODAY + "/web-10.log", utf8("ten\n"));
        append("svc/" + TODAY + "/web-2.log", utf8("two\n"));
        server.foreignPut(BUCKET, "svc/" + TODAY + "/web-3.log", utf8("put\n"));

        assertEquals(0, run("ls", PATTERN));

        String[] lines = stdout().split("\n");
        assertEquals(3, lines.length, stdout());
        String[] first = lines[0].split("\t");
        assertEquals("svc/" + TODAY + "/web-2.log", first[0]);
        assertEquals("4", first[1]);
        assertEquals("Appendable", first[2]);
        assertTrue(Instant.parse(first[3]).isAfter(Instant.now().minusSeconds(600)), first[3]);
        assertEquals("Normal", lines[1].split("\t")[2]);
        assertTrue(lines[2].startsWith("svc/" + TODAY + "/web-10.log\t"));
    }

    @Test
    void catWritesTheObjectsBytesExactlyWhateverTheCharset() throws IOException {
        byte[] first = utf8("日志 line one\nzweite Zeile ü\n");
        byte[] last = utf8("no newline at the end");
        append("svc/" + TODAY + "/web-0.log", first);
        append("svc/" + TODAY + "/web-1.log", last);

        assertEquals(0, run("cat", PATTERN));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(first);
        expected.writeBytes(last);
        assertArrayEquals(expected.toByteArray(), out);
        assertEquals("", stderr());
    }

    @Test
    void catDecodesGzipUnlessNoGzipAndKeyPrefixesLines() throws IOException {
        byte[] member = gzip("a\nb\n");
        append("svc/" + TODAY + "/web-0.log.gz", member);

        assertEquals(0, run("cat", "--key", "svc/%d{yyyy-MM-dd}/%host-%i.log.gz"));
        assertEquals("svc/" + TODAY + "/web-0.log.gz\ta\nsvc/" + TODAY + "/web-0.log.gz\tb\n", stdout());
        assertEquals(0, run("cat", "--no-gzip", "svc/%d{yyyy-MM-dd}/%host-%i.log.gz"));
        assertArrayEquals(member, out);
    }

    @Test
    void grepSelectsByRegexCaseAndInversionAndSaysWhenNothingMatched() throws IOException {
        append("svc/" + TODAY + "/web-0.log", utf8("INFO started\nERROR failed: Ünicode\nWARN slow\n"));

        assertEquals(0, run("grep", "-i", "error|warn", PATTERN));
        assertEquals("ERROR failed: Ünicode\nWARN slow\n", stdout());
        assertEquals(0, run("grep", "-v", "ERROR", PATTERN));
        assertEquals("INFO started\nWARN slow\n", stdout());
        assertEquals(0, run("grep", "-i", "ünicode", PATTERN));
        assertEquals(1, run("grep", "nothing like this", PATTERN));
        assertEquals("", stdout());
    }

    @Test
    void grepSinceUntilAlsoSelectsLinesByTheirLeadingTimestamp() throws IOException {
        Instant now = Instant.now();
        append("svc/" + TODAY + "/web-0.log", utf8(now.minusSeconds(7200) + " INFO old\n"
                + now.minusSeconds(60) + " INFO recent\n" + "  at a stack frame without a timestamp\n"));

        assertEquals(0, run("grep", "--since", "10m", ".", PATTERN));

        assertEquals(now.minusSeconds(60) + " INFO recent\n  at a stack frame without a timestamp\n", stdout());
    }

    @Test
    void tailPrintsTheLastLinesOfTheNewestObjects() throws IOException {
        append("svc/" + TODAY + "/web-0.log", utf8("1\n2\n3\n"));
        append("svc/" + TODAY + "/web-1.log", utf8("4\n"));

        assertEquals(0, run("tail", "-n", "2", PATTERN));
        assertEquals("3\n4\n", stdout());
        assertEquals(0, run("tail", "-n", "0", PATTERN));
        assertEquals("", stdout());
    }

    @Test
    void usageAndConfigurationErrorsExitWith2AndNameTheFix() {
        env.remove("OSS_ENDPOINT");
        assertEquals(2, run("ls", PATTERN));
        assertTrue(stderr().contains("pass --endpoint or set OSS_ENDPOINT"), stderr());

        env.put("OSS_ENDPOINT", server.endpoint());
        env.remove("OSS_ACCESS_KEY_SECRET");
        env.remove("OSS_ACCESS_KEY_ID");
        assertEquals(2, run("cat", PATTERN));
        assertTrue(stderr().contains("set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET"), stderr());

        env.put("OSS_ACCESS_KEY_ID", "AK");
        env.put("OSS_ACCESS_KEY_SECRET", "SK");
        assertEquals(2, run("grep", "(", PATTERN));
        assertEquals(2, run("ls", "--since", "yesterday-ish", PATTERN));
        assertEquals(2, run("ls", "svc/no-index.log"));
        assertTrue(stderr().contains("it has no %i"), stderr());
        assertEquals(2, run("tail", "--no-such-option", PATTERN));
        assertTrue(stderr().contains("Unknown option"), stderr());
    }

    @Test
    void refusalsExitWith3AndNameTheFix() throws IOException {
        append("svc/" + TODAY + "/web-0.log", utf8("x\n"));
        server.faults().always(Fault.error(403, "AccessDenied"), RequestMatcher.operation(Operation.GET_OBJECT));
        assertEquals(3, run("cat", PATTERN));
        assertTrue(stderr().contains("AccessDenied") && stderr().contains("oss:GetObject"), stderr());

        env.put("OSS_BUCKET", "no-such-bucket");
        assertEquals(3, run("ls", PATTERN));
        assertTrue(stderr().contains("check --bucket"), stderr());

        env.put("OSS_BUCKET", BUCKET);
        env.put("OSS_ACCESS_KEY_SECRET", "wrong");
        assertEquals(3, run("ls", PATTERN));
        assertTrue(stderr().contains("check OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET"), stderr());
        assertTrue(!stderr().contains("wrong"), "the secret never appears: " + stderr());
    }

    @Test
    void verboseSaysTheDiscoveryMode() throws IOException {
        append("svc/" + TODAY + "/web-0.log", utf8("x\n"));
        server.faults().always(Fault.error(403, "AccessDenied"), RequestMatcher.operation(Operation.LIST_OBJECTS_V2));

        assertEquals(0, run("cat", "-v", "--host", "web", PATTERN));

        assertEquals("x\n", stdout());
        assertTrue(stderr().contains("listing refused (403 AccessDenied), probing keys with HEAD"), stderr());
    }

    @Test
    void everyCommandTakesPatternLastAndVerboseWhereGrepsVIsInvert() throws IOException {
        append("svc/" + TODAY + "/web-0.log", utf8("x\n"));
        server.faults().always(Fault.error(403, "AccessDenied"), RequestMatcher.operation(Operation.LIST_OBJECTS_V2));
        String refused = "listing refused (403 AccessDenied)";

        for (String command : new String[] {"ls", "cat", "tail"}) {
            err.reset();
            assertEquals(0, run(command, "-v", "--host", "web", PATTERN), command + ": " + stderr());
            assertTrue(stderr().contains(refused), command + ": " + stderr());
            err.reset();
            assertEquals(0, run(command, "--verbose", "--host", "web", PATTERN), command + ": " + stderr());
            assertTrue(stderr().contains(refused), command + ": " + stderr());
        }
        err.reset();
        assertEquals(1, run("grep", "-v", "--verbose", "x", "--host", "web", PATTERN));
        assertTrue(stderr().contains(refused), stderr());
        assertEquals(0, run("grep", "--help"));
        assertTrue(stdout().contains("REGEX PATTERN"), stdout());
        assertTrue(stdout().contains("(-v is --invert-match here)"), stdout());
        assertEquals(0, run("cat", "--help"));
        assertTrue(stdout().contains("-v, --verbose"), stdout());
        assertEquals(2, run("cat"));
        assertTrue(stderr().contains("PATTERN"), stderr());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(utf8(text));
        }
        return bytes.toByteArray();
    }
}
