package io.github.osslog.logback.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.osslog.testkit.fuzz.FuzzValues;
import io.github.osslog.testkit.fuzz.FuzzThreads;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import io.github.osslog.core.config.Setting;
import io.github.osslog.logback.OssAppender;
import io.github.osslog.testkit.OssTestServerExtension;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random values for random settings in a logback.xml: configuring and logging never throw, the other appender
 * still gets the event, and the OSS appender either starts or says which of the settings is wrong. Rounds:
 * {@code -Dfuzz.rounds}; seed: {@code -Dfuzz.seed} (each round uses seed + round, printed on failure).
 */
@Timeout(120)
class LogbackConfigFuzzTest {
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 150);
    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());
    private static final String SECRET = "secret-";
    private static final List<Setting> SECRETS = Stream.of(Setting.values()).filter(Setting::secret)
            .collect(Collectors.toList());

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    @TempDir
    Path dir;

    /** Found by this fuzz: a timeout beyond OkHttp's limit failed the start with a message naming no setting. */
    @Test
    void hugeTimeoutIsReportedByName() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("readTimeout", "92233720368547758075");
        assertFalse(round(set, "regression"));
        FuzzThreads.assertNoShipperLeft("regression");
    }

    @Test
    void randomSettingsNeverThrowAndAreExplained() {
        int started = 0;
        for (int round = 0; round < ROUNDS; round++) {
            if (round(SEED + round)) {
                started++;
            }
        }
        FuzzThreads.assertNoShipperLeft("seed " + SEED);
        assertTrue(ROUNDS < 50 || started > 0 && started < ROUNDS, // a single round (replaying a seed) may go either way
                "seed " + SEED + ": both outcomes should occur, started "
                + started + " of " + ROUNDS);
    }

    /** One configuration; whether the OSS appender started. */
    private boolean round(long seed) {
        Random random = new Random(seed);
        FuzzValues values = new FuzzValues(random);
        Map<String, String> set = new LinkedHashMap<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String property = Setting.values()[random.nextInt(Setting.values().length)].property();
            set.put(property, boundedValue(property, values.next(), random));
        }
        return round(set, "seed " + seed);
    }

    /** Configures with {@code set} over a working base; whether the OSS appender started. */
    private boolean round(Map<String, String> set, String seed) {
        String xml = xml(set);
        String where = seed + ", settings " + printable(set);
        LoggerContext context = new LoggerContext();
        context.setName("fuzz");
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(UTF_8)));
            Logger logger = context.getLogger("app");
            logger.info("round {}", where);

            @SuppressWarnings("unchecked")
            ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) logger.getAppender("LIST");
            assertEquals(1, list.list.size(), where);
            OssAppender appender = (OssAppender) logger.getAppender("OSS");
            List<String> errors = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() >= Status.WARN) // osslog's configuration problems are warnings
                    .map(s -> s.getMessage() + (s.getThrowable() == null ? "" : " / " + s.getThrowable()))
                    .collect(Collectors.toList());
            if (!appender.isStarted()) {
                assertTrue(errors.stream().anyMatch(e -> e.startsWith("osslog:")
                        && set.keySet().stream().anyMatch(e::contains)), where + ": no error names a setting: "
                        + errors);
            }
            // Joran's own errors may quote a value it could not substitute; ours never quote a secret.
            for (Setting secret : SECRETS) {
                String value = set.get(secret.property());
                if (value != null) {
                    String head = value.substring(0, SECRET.length() + 16);
                    assertFalse(errors.stream().anyMatch(e -> e.startsWith("osslog:") && e.contains(head)),
                            where + ": secret echoed in " + errors);
                }
            }
            return appender.isStarted();
        } catch (Exception e) {
            return fail(where + ": threw to the application", e);
        } finally {
            context.stop();
        }
    }

    /**
     * Keeps a round short: a stop waits up to shutdownTimeout while the one event cannot be shipped (bad
     * credentials, say), so a large valid value is replaced; spool directories stay inside the temp dir; secrets
     * start with a recognisable prefix.
     */
    private String boundedValue(String property, String value, Random random) {
        if (property.equals("shutdownTimeout")) {
            String[] bounded = {"0", "100 milliseconds", "PT0.1S", "-1 seconds", "11 minutes", "junk " + value};
            return value.matches("\\D*") ? value : bounded[random.nextInt(bounded.length)];
        }
        if (Setting.named(property).secret()) {
            return SECRET + String.format("%016x", random.nextLong()) + value; // a prefix no other value can contain
        }
        if (property.equals("spoolDirectory")) {
            return dir.resolve("spool").toString() + "/" + value;
        }
        return value;
    }

    private String xml(Map<String, String> set) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("endpoint", oss.server().endpoint());
        all.put("region", oss.server().region());
        all.put("bucket", "logs");
        all.put("accessKeyId", "AK");
        all.put("accessKeySecret", "SK");
        all.put("objectKeyPattern", "fuzz/%i.log");
        all.put("shutdownTimeout", "200 milliseconds");
        all.put("initialBackoff", "1 millisecond");
        all.putAll(set);
        StringBuilder xml = new StringBuilder("<configuration>\n<appender name=\"OSS\""
                + " class=\"io.github.osslog.logback.OssAppender\">\n");
        all.forEach((k, v) -> xml.append("<").append(k).append(">").append(FuzzValues.xml(v)).append("</").append(k)
                .append(">\n"));
        return xml.append("</appender>\n<appender name=\"LIST\" class=\"ch.qos.logback.core.read.ListAppender\"/>\n"
                + "<logger name=\"app\" level=\"INFO\" additivity=\"false\">\n<appender-ref ref=\"OSS\"/>\n"
                + "<appender-ref ref=\"LIST\"/>\n</logger>\n</configuration>\n").toString();
    }

    /** The settings with long values shortened, for messages. */
    private static String printable(Map<String, String> set) {
        List<String> out = new ArrayList<>();
        set.forEach((k, v) -> out.add(k + "=" + (v.length() > 60 ? v.substring(0, 60) + "...(" + v.length()
                + " chars)" : v)));
        return out.toString();
    }
}
