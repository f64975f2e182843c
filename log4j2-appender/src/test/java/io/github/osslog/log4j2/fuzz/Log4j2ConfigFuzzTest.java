package io.github.osslog.log4j2.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.osslog.testkit.fuzz.FuzzValues;
import io.github.osslog.testkit.fuzz.FuzzThreads;
import io.github.osslog.core.config.Setting;
import io.github.osslog.log4j2.CollectingAppender;
import io.github.osslog.log4j2.OssAppender;
import io.github.osslog.log4j2.StatusCapture;
import io.github.osslog.testkit.OssTestServerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random values for random {@code <Oss>} attributes: configuring and logging never throw, the other appender
 * still gets the event, and the appender is either built or the status logger says which attribute is wrong.
 * Rounds: {@code -Dfuzz.rounds}; seed: {@code -Dfuzz.seed} (each round uses seed + round, printed on failure).
 */
@Timeout(120)
class Log4j2ConfigFuzzTest {
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 150);
    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());
    private static final String SECRET = "secret-";
    private static final List<Setting> SECRETS = Stream.of(Setting.values()).filter(Setting::secret)
            .collect(Collectors.toList());

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    @TempDir
    Path dir;

    @Test
    void randomAttributesNeverThrowAndAreExplained() {
        int built = 0;
        for (int round = 0; round < ROUNDS; round++) {
            if (round(SEED + round)) {
                built++;
            }
        }
        FuzzThreads.assertNoShipperLeft("seed " + SEED);
        assertTrue(ROUNDS < 50 || built > 0 && built < ROUNDS, // a single round (replaying a seed) may go either way
                "seed " + SEED + ": both outcomes should occur, built " + built
                + " of " + ROUNDS);
    }

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

    /** Configures with {@code set} over a working base; whether the Oss appender was built. */
    private boolean round(Map<String, String> set, String seed) {
        String where = seed + ", attributes " + printable(set);
        LoggerContext context = null;
        try (StatusCapture status = StatusCapture.start()) {
            context = XmlContext.start("fuzz", XmlContext.xml(attributes(set), ""));
            context.getLogger("app").info("round {}", where);

            CollectingAppender other = context.getConfiguration().getAppender("other");
            assertEquals(List.of("round " + where), other.messages(), where);
            OssAppender appender = context.getConfiguration().getAppender("oss");
            List<String> errors = status.atLeast(Level.ERROR);
            if (appender == null) {
                assertTrue(errors.stream().anyMatch(e -> set.keySet().stream().anyMatch(e::contains)),
                        where + ": no error names an attribute: " + errors);
            } else {
                assertTrue(appender.isStarted(), where);
            }
            for (Setting secret : SECRETS) {
                String value = set.get(secret.property());
                if (value != null) {
                    String head = value.substring(0, SECRET.length() + 16);
                    assertFalse(status.all().contains(head), where + ": secret echoed");
                }
            }
            return appender != null;
        } catch (Exception e) {
            return fail(where + ": threw to the application", e);
        } finally {
            if (context != null) {
                context.stop();
            }
        }
    }

    /** Found by this fuzz: a day count beyond what a Duration holds escaped as an ArithmeticException. */
    @Test
    void overflowingDurationIsReportedByName() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("flushInterval", "4611686018427387904 days");
        assertFalse(round(set, "regression"));
        FuzzThreads.assertNoShipperLeft("regression");
    }

    @Test
    void theBaseConfigurationIsBuilt() {
        assertTrue(round(new LinkedHashMap<>(), "base"));
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

    private String attributes(Map<String, String> set) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("endpoint", oss.server().endpoint());
        all.put("region", oss.server().region());
        all.put("bucket", "logs");
        all.put("accessKeyId", "AK");
        all.put("accessKeySecret", "SK");
        all.put("objectKeyPattern", "fuzz/%i.log");
        all.put("shutdownTimeout", "200 milliseconds");
        all.put("initialBackoff", "1ms");
        all.putAll(set);
        StringBuilder attributes = new StringBuilder();
        all.forEach((k, v) -> attributes.append(k).append("=\"").append(FuzzValues.xml(v)).append("\" "));
        return attributes.toString();
    }

    private static String printable(Map<String, String> set) {
        List<String> out = new ArrayList<>();
        set.forEach((k, v) -> out.add(k + "=" + (v.length() > 60 ? v.substring(0, 60) + "...(" + v.length()
                + " chars)" : v)));
        return out.toString();
    }
}
