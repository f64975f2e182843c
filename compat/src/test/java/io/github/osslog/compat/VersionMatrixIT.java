package io.github.osslog.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.OssTestServer;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The version matrix: for every framework version the build resolved into {@code target/matrix} and for both ways
 * of getting osslog (the drop-in jar; the Maven artifact next to the Kotlin/Caffeine/OkHttp an old Spring Boot BOM
 * pins), a child JVM runs the README's quick-start configuration plus a file appender with the same pattern, and
 * returns from main without touching osslog. Every event must land exactly once, byte for byte what the framework's
 * own encoder or layout wrote into the file.
 */
class VersionMatrixIT {
    private static final int THREADS = 4;
    private static final int LINES_PER_THREAD = 250;
    /** The tail: the start line, an error event, a non-ASCII line, a two-line message, the end line. */
    private static final int TAIL_EVENTS = 5;
    private static final String LOGBACK_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{36} %X{requestId} - %msg%n";
    private static final String LOG4J2_PATTERN =
            "%d{ISO8601}{UTC} %-5level [%thread] %logger{36} %X{requestId} - %msg%n";

    private static OssTestServer oss;

    @TempDir
    Path dir;

    enum Packaging {
        DROP_IN("drop-in jar"), MAVEN("Maven artifact");

        final String label;

        Packaging(String label) {
            this.label = label;
        }
    }

    /** One matrix cell: a framework version folder under target/matrix and a packaging. */
    static final class Cell {
        final String framework;
        final String version;
        final Path jars;
        final Packaging packaging;

        Cell(Path jars, Packaging packaging) {
            String name = jars.getFileName().toString();
            this.framework = name.substring(0, name.indexOf('-'));
            this.version = name.substring(name.indexOf('-') + 1);
            this.jars = jars;
            this.packaging = packaging;
        }

        boolean logback() {
            return framework.equals("logback");
        }

        String bucket() {
            return (framework + "-" + version + "-" + packaging.name()).toLowerCase().replace('.', '-')
                    .replace('_', '-');
        }

        @Override
        public String toString() {
            return (logback() ? "Logback " : "Log4j2 ") + version + " × " + packaging.label;
        }
    }

    @BeforeAll
    static void startServer() throws IOException {
        oss = OssTestServer.builder().credentials("AK", "SK").start();
    }

    @AfterAll
    static void stopServer() {
        oss.close();
    }

    static Stream<Cell> cells() throws IOException {
        List<Path> versions;
        try (Stream<Path> folders = Files.list(Paths.get(System.getProperty("matrix.dir")))) {
            versions = folders.sorted(VersionMatrixIT::byFrameworkAndVersion).collect(Collectors.toList());
        }
        assertFalse(versions.isEmpty(), "no framework versions resolved: run mvn verify");
        return versions.stream().flatMap(v -> Stream.of(new Cell(v, Packaging.DROP_IN), new Cell(v, Packaging.MAVEN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void everyEventLandsOnceAsTheFrameworkItselfWritesIt(Cell cell) throws Exception {
        oss.createBucket(cell.bucket());
        Path expectedFile = dir.resolve("expected.log");
        Path config = dir.resolve(cell.logback() ? "logback.xml" : "log4j2.xml");
        Files.write(config, (cell.logback() ? logbackXml(cell, expectedFile) : log4j2Xml(cell, expectedFile))
                .getBytes(UTF_8));

        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                (cell.logback() ? "-Dlogback.configurationFile=" : "-Dlog4j.configurationFile=") + config,
                "-cp", classpath(cell),
                cell.logback() ? LogbackApp.class.getName() : Log4j2App.class.getName(),
                Integer.toString(THREADS), Integer.toString(LINES_PER_THREAD)));
        ChildProcess app = ChildProcess.run(command, dir, Map.of(), dir.resolve("app.out"), 60);
        assertTrue(app.exited && app.exitCode == 0, app::toString);
        assertFalse(app.output.contains("Exception in thread"), app::toString);
        // status lines: Logback's "|-ERROR in", Log4j2's "main ERROR" (the application's own ERROR event is not printed)
        assertFalse(app.output.contains(cell.logback() ? "|-ERROR" : " ERROR "), app::toString);

        byte[] expected = Files.readAllBytes(expectedFile);
        String key = cell.logback() ? "app/0.log" : "app/0.log.gz";
        byte[] stored = oss.content(cell.bucket(), key).orElseThrow(
                () -> new AssertionError("nothing landed in " + key + "; " + app));
        String shipped = new String(cell.logback() ? stored : gunzip(stored), UTF_8);
        String written = new String(expected, UTF_8);

        assertEquals(THREADS * LINES_PER_THREAD + TAIL_EVENTS, countEvents(written),
                "the framework's own file misses events; " + app);
        assertTrue(written.contains("Caused by: java.io.IOException: inner cause"), written);
        assertEquals(sortedLines(written), sortedLines(shipped), "shipped lines differ from the framework's; " + app);
        String tail = written.substring(written.lastIndexOf('\n', written.indexOf(AppScript.TAIL_START)) + 1);
        assertTrue(shipped.endsWith(tail), () -> "the single-threaded tail differs:\n" + tail + "\nshipped:\n"
                + shipped.substring(Math.max(0, shipped.length() - tail.length() - 200)));
    }

    private static String classpath(Cell cell) throws IOException {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(cell.jars)) {
            jars.sorted().forEach(j -> entries.add(j.toString()));
        }
        String adapter = cell.logback() ? "logback" : "log4j2";
        if (cell.packaging == Packaging.DROP_IN) {
            entries.add(System.getProperty(adapter + ".dropin"));
        } else {
            // The published POM has no runtime dependencies (PublishedArtifactIT), so the jar is all Maven brings.
            entries.add(System.getProperty(adapter + ".jar"));
            try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("pinned.dir")))) {
                jars.sorted().forEach(j -> entries.add(j.toString()));
            }
        }
        entries.add(System.getProperty("app.classes"));
        return String.join(File.pathSeparator, entries);
    }

    private String logbackXml(Cell cell, Path expected) {
        return "<configuration>\n"
                + "  <statusListener class=\"ch.qos.logback.core.status.OnConsoleStatusListener\"/>\n"
                + "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "    <file>" + expected + "</file>\n"
                + "    <encoder>\n"
                + "      <pattern>" + LOGBACK_PATTERN + "</pattern>\n"
                + "      <charset>UTF-8</charset>\n"
                + "    </encoder>\n"
                + "  </appender>\n"
                + "  <appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                + "    <endpoint>" + oss.endpoint() + "</endpoint>\n"
                + "    <region>" + oss.region() + "</region>\n"
                + "    <bucket>" + cell.bucket() + "</bucket>\n"
                + "    <accessKeyId>AK</accessKeyId>\n"
                + "    <accessKeySecret>SK</accessKeySecret>\n"
                + "    <objectKeyPattern>app/%i.log</objectKeyPattern>\n"
                + "    <bufferSize>64MB</bufferSize>\n"
                + "    <flushInterval>2 seconds</flushInterval>\n"
                + "    <encoder>\n"
                + "      <pattern>" + LOGBACK_PATTERN + "</pattern>\n"
                + "      <charset>UTF-8</charset>\n"
                + "    </encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/><appender-ref ref=\"OSS\"/></root>\n"
                + "</configuration>\n";
    }

    private String log4j2Xml(Cell cell, Path expected) {
        return "<Configuration status=\"warn\">\n"
                + "  <Appenders>\n"
                + "    <File name=\"FILE\" fileName=\"" + expected + "\">\n"
                + "      <PatternLayout pattern=\"" + LOG4J2_PATTERN + "\"/>\n"
                + "    </File>\n"
                + "    <Oss name=\"OSS\" endpoint=\"" + oss.endpoint() + "\" region=\"" + oss.region() + "\"\n"
                + "         bucket=\"" + cell.bucket() + "\" accessKeyId=\"AK\" accessKeySecret=\"SK\"\n"
                + "         objectKeyPattern=\"app/%i.log.gz\" compression=\"gzip\"\n"
                + "         bufferSize=\"64MB\" flushInterval=\"2 seconds\">\n"
                + "      <PatternLayout pattern=\"" + LOG4J2_PATTERN + "\"/>\n"
                + "    </Oss>\n"
                + "  </Appenders>\n"
                + "  <Loggers>\n"
                + "    <Root level=\"info\"><AppenderRef ref=\"FILE\"/><AppenderRef ref=\"OSS\"/></Root>\n"
                + "  </Loggers>\n"
                + "</Configuration>\n";
    }

    /** Events, not lines: only an event's first line names its thread. */
    private static long countEvents(String text) {
        return text.lines().filter(l -> l.contains(" [main] ") || l.matches(".* \\[worker-\\d+\\] .*")).count();
    }

    private static List<String> sortedLines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        Collections.sort(lines);
        return lines;
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /** Logback before Log4j2, each in version order (1.5.9 before 1.5.21). */
    private static int byFrameworkAndVersion(Path a, Path b) {
        Cell x = new Cell(a, Packaging.DROP_IN);
        Cell y = new Cell(b, Packaging.DROP_IN);
        if (x.logback() != y.logback()) {
            return x.logback() ? -1 : 1;
        }
        int[] u = Stream.of(x.version.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] v = Stream.of(y.version.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(u, v);
    }
}
