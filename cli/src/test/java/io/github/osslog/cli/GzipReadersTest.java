package io.github.osslog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.reader.ContentSink;
import io.github.osslog.reader.LogObject;
import io.github.osslog.reader.LogReader;
import io.github.osslog.testkit.OssTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which gzip readers read a whole osslog object (one gzip member per append) written by each adapter: gzip -dc,
 * zcat, Java's GZIPInputStream, Python's gzip module, DuckDB (JDBC) and osslog's reader. The table in
 * docs/compression.md is this test's result.
 */
class GzipReadersTest {
    private static final int LINES = 3000;

    @TempDir
    Path dir;

    @Test
    void everyReaderHereReadsBothAdaptersMultiMemberObjectsWhole() throws Exception {
        try (OssTestServer server = OssTestServer.builder().credentials("AK", "SK").bucket(Writers.BUCKET).start();
                OssClient oss = OssClient.create(OssClientConfig.builder().endpoint(server.endpoint())
                        .bucket(Writers.BUCKET).region(server.region())
                        .credentials(StaticCredentialsProvider.of("AK", "SK")).build())) {
            LoggerContext logback = Writers.logback(server, "gz/logback-%i.log.gz", "1GB", context -> {
                PatternLayoutEncoder e = new PatternLayoutEncoder();
                e.setPattern("%msg%n");
                return e;
            });
            String expectedLogback = log(m -> logback.getLogger("x").info(m), "logback");
            logback.stop();
            org.apache.logging.log4j.core.LoggerContext log4j = Writers.log4j2(server, "gz/log4j2-%i.log.gz", "1GB",
                    "<PatternLayout pattern='%msg%n'/>", dir);
            String expectedLog4j = log(m -> log4j.getLogger("x").info(m), "log4j2");
            Configurator.shutdown(log4j);

            for (Map.Entry<String, String> adapter : Map.of("logback", expectedLogback, "log4j2", expectedLog4j)
                    .entrySet()) {
                String key = "gz/" + adapter.getKey() + "-0.log.gz";
                byte[] object = server.content(Writers.BUCKET, key).orElseThrow();
                Path file = dir.resolve(adapter.getKey() + ".log.gz");
                Files.write(file, object);
                Map<String, String> read = readers(file, oss, key);
                String expected = adapter.getValue();
                assertTrue(members(oss, key) > 10, "the object holds many gzip members");
                read.forEach((reader, text) -> assertEquals(expected, text, reader + " read the " + adapter.getKey()
                        + " object whole"));
            }
        }
    }

    /** Logs {@link #LINES} lines (4 KB batches make them dozens of members); returns the text logged. */
    private static String log(java.util.function.Consumer<String> logger, String name) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            String line = name + " line " + i + " " + Integer.toHexString(i * 0x9E3779B1);
            logger.accept(line);
            text.append(line).append('\n');
        }
        return text.toString();
    }

    private Map<String, String> readers(Path file, OssClient oss, String key) throws Exception {
        Map<String, String> read = new LinkedHashMap<>();
        read.put("gzip -dc", command("gzip", "-dc", file.toString()));
        read.put("zcat", command("zcat", file.toString()));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            read.put("java GZIPInputStream", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        read.put("python3 gzip", command("python3", "-c",
                "import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())", file.toString()));
        read.put("duckdb read_csv", duckdb(file));
        ByteArrayOutputStream osslog = new ByteArrayOutputStream();
        units(oss, key, (o, b, off, len, start, end) -> osslog.write(b, off, len));
        read.put("osslog reader", osslog.toString(StandardCharsets.UTF_8));
        return read;
    }

    private static int members(OssClient oss, String key) throws IOException {
        int[] count = {0};
        units(oss, key, (o, b, off, len, start, end) -> count[0]++);
        return count[0];
    }

    /** Reads object {@code key} (index 0 of its pattern) with osslog's reader: one unit per gzip member. */
    private static void units(OssClient oss, String key, ContentSink sink) throws IOException {
        LogReader reader = LogReader.builder().client(oss).pattern(key.replace("-0.", "-%i.")).build();
        List<LogObject> objects = reader.objects(Instant.now().minus(Duration.ofHours(1)), Instant.now());
        assertEquals(key, objects.get(0).key());
        reader.read(objects.get(0), sink);
    }

    private static String command(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": "
                + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }

    /** DuckDB's CSV reader with one VARCHAR column and no delimiter, quote or escape: one row per line. */
    private static String duckdb(Path file) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT line FROM read_csv('" + file + "', header = false,"
                        + " columns = {'line': 'VARCHAR'}, delim = '\\x01', quote = '', escape = '',"
                        + " compression = 'gzip')")) {
            while (rs.next()) {
                text.append(rs.getString(1)).append('\n');
            }
        }
        return text.toString();
    }
}
