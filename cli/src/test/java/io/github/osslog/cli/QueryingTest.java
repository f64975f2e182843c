package io.github.osslog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.reader.LogObject;
import io.github.osslog.reader.LogReader;
import io.github.osslog.testkit.OssTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import net.logstash.logback.encoder.LogstashEncoder;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/querying.md, checked: JSON lines from LogstashEncoder and Log4j2's JsonTemplateLayout, shipped gzip under a
 * date-partitioned key pattern, downloaded, and queried with DuckDB's read_json: a count by level and a time-window
 * filter give the numbers logged.
 */
class QueryingTest {
    private static final String LOGBACK_KEYS = "logs/app=billing/dt=%d{yyyy-MM-dd}/%host-%pid-%i.json.gz";
    private static final String LOG4J2_KEYS = "logs/app=checkout/dt=%d{yyyy-MM-dd}/%host-%pid-%i.json.gz";

    @TempDir
    Path dir;

    @Test
    void duckdbCountsByLevelAndTimeWindowMatchWhatWasLogged() throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        int[] afterBoundary = {0};
        Instant boundary;
        try (OssTestServer server = OssTestServer.builder().credentials("AK", "SK").bucket(Writers.BUCKET).start();
                OssClient oss = OssClient.create(OssClientConfig.builder().endpoint(server.endpoint())
                        .bucket(Writers.BUCKET).region(server.region())
                        .credentials(StaticCredentialsProvider.of("AK", "SK")).build())) {
            LoggerContext logback = Writers.logback(server, LOGBACK_KEYS, "6KB", context -> new LogstashEncoder());
            org.apache.logging.log4j.core.LoggerContext log4j = Writers.log4j2(server, LOG4J2_KEYS, "6KB",
                    "<JsonTemplateLayout eventTemplateUri='classpath:LogstashJsonEventLayoutV1.json'/>", dir);
            BiConsumer<String, String> logBoth = (level, message) -> {
                logSlf4j(logback.getLogger("billing"), level, message);
                log4j.getLogger("checkout").log(org.apache.logging.log4j.Level.valueOf(level), message);
                expected.merge(level, 2, Integer::sum);
            };
            logPhase(logBoth, Map.of("INFO", 500, "WARN", 40, "ERROR", 7));
            boundary = nextMillisecond();
            int before = expected.values().stream().mapToInt(Integer::intValue).sum();
            nextMillisecond();
            logPhase(logBoth, Map.of("INFO", 300, "ERROR", 11, "DEBUG", 25));
            afterBoundary[0] = expected.values().stream().mapToInt(Integer::intValue).sum() - before;
            logback.stop();
            Configurator.shutdown(log4j);

            download(oss, LOGBACK_KEYS);
            download(oss, LOG4J2_KEYS);
        }

        String source = "read_json('" + dir.resolve("logs") + "/**/*.json.gz', format = 'newline_delimited',"
                + " hive_partitioning = true, union_by_name = true)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            Map<String, Integer> byLevel = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("SELECT level, count(*) FROM " + source + " GROUP BY level")) {
                while (rs.next()) {
                    byLevel.put(rs.getString(1), rs.getInt(2));
                }
            }
            assertEquals(expected, byLevel);
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT app) FROM " + source
                    + " WHERE CAST(\"@timestamp\" AS TIMESTAMPTZ) >= TIMESTAMPTZ '" + boundary + "'"
                    + " AND dt = '" + boundary.toString().substring(0, 10) + "'")) {
                assertTrue(rs.next());
                assertEquals(afterBoundary[0], rs.getInt(1), "events after " + boundary);
                assertEquals(2, rs.getInt(2), "both apps' partitions");
            }
        }
    }

    /** Logs the counts per level; 4 KB batches make the objects many gzip members. */
    private static void logPhase(BiConsumer<String, String> log, Map<String, Integer> counts) {
        int i = 0;
        for (Map.Entry<String, Integer> level : new TreeMap<>(counts).entrySet()) {
            for (int n = 0; n < level.getValue(); n++, i++) {
                log.accept(level.getKey(), "event " + i + " \"quoted\" ünicode");
            }
        }
    }

    private static void logSlf4j(org.slf4j.Logger logger, String level, String message) {
        switch (level) {
            case "DEBUG": logger.debug(message); break;
            case "WARN": logger.warn(message); break;
            case "ERROR": logger.error(message); break;
            default: logger.info(message); break;
        }
    }

    /** Waits until the millisecond clock moves on, and returns the new millisecond. */
    private static Instant nextMillisecond() {
        long start = System.currentTimeMillis();
        long now;
        do {
            Thread.onSpinWait();
            now = System.currentTimeMillis();
        } while (now == start);
        return Instant.ofEpochMilli(now);
    }

    /** Copies the pattern's objects under {@link #dir}, keeping their keys as paths (the date partitions). */
    private void download(OssClient oss, String pattern) throws Exception {
        LogReader reader = LogReader.builder().client(oss).pattern(pattern).build();
        List<LogObject> objects = reader.objects(Instant.now().minus(Duration.ofHours(1)), Instant.now());
        assertTrue(objects.size() >= 3, pattern + ": several objects: " + objects);
        for (LogObject o : objects) {
            Path file = dir.resolve(o.key());
            Files.createDirectories(file.getParent());
            Files.write(file, oss.get(o.key()));
        }
    }
}
