package io.github.osslog.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.sink.LogSink;
import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import io.github.osslog.core.sink.LogSink;
import io.github.osslog.core.testing.RecordingLogger;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Both adapters configure through these settings: every bad value must be reported by name, none thrown. */
class SettingsTest {

    private static Settings valid() {
        return new Settings()
                .env(name -> null)
                .set("endpoint", "http://127.0.0.1:9")
                .set("region", "cn-hangzhou")
                .set("bucket", "logs")
                .set("accessKeyId", "AKID")
                .set("accessKeySecret", "the-secret-value");
    }

    private static List<SettingProblem> problems(Settings settings) {
        return assertThrows(SettingsException.class, () -> settings.validate("t")).problems();
    }

    private static LogSink start(Settings settings, String name, InternalLogger logger) throws SettingsException {
        return PipelineFactory.create(settings.validate(name), logger);
    }

    private static List<String> properties(List<SettingProblem> problems) {
        return problems.stream().map(SettingProblem::property).collect(Collectors.toList());
    }

    @Test
    void everySettingMapsToTheCore() throws Exception {
        LogSink shipper = start(valid()
                .set("bufferSize", "64MB").set("batchMaxBytes", "2MB").set("maxEventSize", "128KB")
                .set("flushInterval", "2 seconds").set("overflowPolicy", "block").set("blockTimeout", "250ms")
                .set("discardLevel", "debug").set("discardThreshold", "75%").set("maxObjectSize", "512MB")
                .set("compression", "gzip").set("compressionLevel", "6").set("objectKeyPattern", "app/%d{yyyy-MM-dd}/%{app}-%i.log.gz")
                .set("timeZone", "Asia/Shanghai").set("contentType", "application/gzip")
                .set("storageClass", "ia").set("objectAcl", "private").set("serverSideEncryption", "AES256")
                .set("metadata", "team=payments, env=prod").set("tagging", "a=1&b=2")
                .set("initialBackoff", "50ms").set("maxBackoff", "1 minute").set("shutdownTimeout", "5 seconds")
                .set("connectTimeout", "1s").set("callTimeout", "4s").set("sendContentMd5", "true")
                .set("spoolDirectory", "/var/spool/shop-osslog").set("spoolMaxBytes", "256MB")
                .keyValue("app", "shop"), "My Appender", InternalLogger.NONE);
        try {
            PipelineConfig c = shipper.pipeline().config();
            assertEquals("My_Appender", c.name());
            assertEquals(64 << 20, c.bufferSize());
            assertEquals(2 << 20, c.batchMaxBytes());
            assertEquals(128 << 10, c.maxEventSize());
            assertEquals(Duration.ofSeconds(2), c.flushInterval());
            assertEquals(OverflowPolicy.BLOCK, c.overflowPolicy());
            assertEquals(Duration.ofMillis(250), c.blockTimeout());
            assertEquals(0.75, c.discardThreshold(), 1e-9);
            assertEquals(6, c.compressionLevel());
            assertEquals(512L << 20, c.maxObjectSize());
            assertEquals("IA", c.creationHeaders().get("x-oss-storage-class"));
            assertEquals("payments", c.creationHeaders().get("x-oss-meta-team"));
            assertEquals("prod", c.creationHeaders().get("x-oss-meta-env"));
            assertEquals("a=1&b=2", c.creationHeaders().get("x-oss-tagging"));
            assertEquals("application/gzip", c.creationHeaders().get("Content-Type"));
            assertEquals(Duration.ofSeconds(5), c.shutdownTimeout());
            assertEquals(java.nio.file.Paths.get("/var/spool/shop-osslog"), c.spoolDirectory());
            assertEquals(256L << 20, c.spoolMaxBytes());
            assertTrue(c.objectKeyPattern().toString().contains("%{app}"), c.objectKeyPattern().toString());
        } finally {
            shipper.stop(Duration.ZERO);
        }
    }

    @Test
    void everyBadSettingIsReportedByNameAtOnce() {
        List<SettingProblem> problems = problems(new Settings().env(name -> null)
                .set("endpoint", "ftp://x")
                .set("bucket", "Bad_Bucket")
                .set("accessKeyId", "AKID")
                .set("bufferSize", "lots")
                .set("flushInterval", "soon")
                .set("compressionLevel", "max")
                .set("overflowPolicy", "DROP_EVERYTHING")
                .set("objectKeyPattern", "logs/%q.log")
                .set("storageClass", "ColdArchive")
                .set("timeZone", "Mars/Olympus")
                .set("sendContentMd5", "yes"));

        // single values first, in the order set, then credentials, then checks that need the whole config
        assertEquals(List.of("endpoint", "bucket", "bufferSize", "flushInterval", "compressionLevel",
                "overflowPolicy", "storageClass", "timeZone", "sendContentMd5", "accessKeySecret", "objectKeyPattern"),
                properties(problems));
        String all = problems.toString();
        assertTrue(all.contains("use one of [DROP_NEWEST, DROP_OLDEST, BLOCK]"), all);
        assertTrue(all.contains("write e.g. 64MB"), all);
        assertTrue(all.contains("2 seconds"), all);
        assertTrue(all.contains("Standard"), all);
        assertTrue(all.contains("compressionLevel 'max' is not a number: use 1 (fastest) to 9"), all);
    }

    @Test
    void missingRequiredSettingsAreNamed() {
        List<SettingProblem> problems = problems(new Settings().env(name -> null));

        assertEquals(List.of("accessKeyId", "endpoint", "bucket"), properties(problems));
        assertTrue(problems.get(0).message().startsWith("No OSS credentials found"), problems.get(0).message());
    }

    @Test
    void spoolSettingsAreCheckedByName() {
        assertEquals(List.of("spoolMaxBytes"), properties(problems(valid().set("spoolMaxBytes", "1KB"))));
        assertEquals(List.of("spoolDirectory"), properties(problems(valid().set("spoolDirectory", "bad\u0000path"))));
        assertEquals(List.of("spoolMaxBytes"), properties(problems(valid().set("spoolDirectory", "/tmp/s")
                .set("batchMaxBytes", "8MB").set("spoolMaxBytes", "4MB"))));
    }

    @Test
    void combinationsAreReportedAfterSingleValues() {
        assertEquals(List.of("region"), properties(problems(valid().set("region", null))));
    }

    /** Conflicting settings with one safe reading are corrected with a warning that names both and the value. */
    @Test
    void conflictsWithASafeReadingAreSettledWithAWarning() throws Exception {
        List<String> warnings = new java.util.ArrayList<>();
        InternalLogger logger = new InternalLogger() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message, Throwable cause) {
                warnings.add(message);
            }

            @Override
            public void error(String message, Throwable cause) {
                warnings.add("ERROR " + message);
            }
        };
        LogSink shipper = start(valid().set("bufferSize", "1MB").set("shutdownTimeout", "5 seconds")
                .set("callTimeout", "6 seconds").set("initialBackoff", "2 seconds").set("maxBackoff", "1 second"),
                "settled", logger);
        shipper.stop(Duration.ZERO);

        io.github.osslog.core.internal.pipeline.PipelineConfig c = shipper.pipeline().config();
        assertEquals(512 << 10, c.batchMaxBytes());
        assertEquals(256 << 10, c.maxEventSize());
        assertEquals(Duration.ofSeconds(1), c.initialBackoff());
        assertEquals(Duration.ofMillis(4001), shipper.client().config().callTimeout());
        assertEquals(List.of(
                "osslog: batchMaxBytes (4MB) is above bufferSize (1MB): using batchMaxBytes 512KB (half the buffer,"
                        + " so events fit while a batch ships); set it to fit to silence this",
                "osslog: initialBackoff (PT2S) is above maxBackoff (PT1S): using initialBackoff PT1S; set"
                        + " initialBackoff at most maxBackoff to silence this",
                "osslog: callTimeout (PT6S) is not below shutdownTimeout (PT5S): using callTimeout PT4.001S, so"
                        + " stop() can wait out an append in flight; set callTimeout below shutdownTimeout to silence"
                        + " this"), warnings);

        LogSink tiny = start(valid().set("bufferSize", "8KB").set("maxEventSize", "6KB"), "tiny", logger);
        tiny.stop(Duration.ZERO);
        assertEquals(4 << 10, tiny.pipeline().config().batchMaxBytes());
        assertEquals((4 << 10) - 8, tiny.pipeline().config().maxEventSize(), "half the buffer less a header");
    }

    @Test
    void theDefaultCallTimeoutShrinksBelowAShortShutdownTimeout() throws Exception {
        LogSink shipper = start(valid().set("shutdownTimeout", "2 seconds"), "short", InternalLogger.NONE);
        shipper.stop(Duration.ZERO);
        assertEquals(Duration.ofMillis(1601), shipper.client().config().callTimeout());
    }

    @Test
    void credentialsComeFromTheEnvironmentWhenNotConfigured() throws Exception {
        Map<String, String> env = Map.of("OSS_ACCESS_KEY_ID", "ENVKEY", "OSS_ACCESS_KEY_SECRET", "env-secret");
        OsslogConfig config = valid().set("accessKeyId", null).set("accessKeySecret", null).env(env::get)
                .validate("env");

        Credentials credentials = config.oss().credentials().getCredentials();
        assertEquals("ENVKEY", credentials.accessKeyId());
        assertEquals("env-secret", credentials.accessKeySecret());
        assertEquals("AKID", valid().validate("static").oss().credentials().getCredentials().accessKeyId(),
                "configured credentials win over the environment");
    }

    @Test
    void secretsAreNeverEchoed() {
        List<SettingProblem> problems = problems(valid().set("accessKeyId", null)
                .set("securityToken", "the-token-value").set("bufferSize", "x"));

        for (SettingProblem p : problems) {
            assertFalse(p.toString().contains("the-secret-value"), p.toString());
            assertFalse(p.toString().contains("the-token-value"), p.toString());
        }
        assertTrue(properties(problems).contains("accessKeyId"));
    }

    @Test
    void aControlCharacterInAnEnvironmentCredentialRefusesTheConfigurationByVariable() {
        List<SettingProblem> problems = problems(valid().set("accessKeyId", null).set("accessKeySecret", null)
                .env(name -> name.equals("OSS_SESSION_TOKEN") ? "env-token\rpart-two"
                        : name.startsWith("OSS_ACCESS_KEY") ? "env-value-of-" + name : null));

        assertEquals(1, problems.size(), problems::toString);
        String text = problems.get(0).toString();
        assertTrue(text.contains("environment variable OSS_SESSION_TOKEN contains the character U+000D"), text);
        assertFalse(text.contains("env-token") || text.contains("part-two"), text);
    }

    @Test
    void aControlCharacterInAConfiguredCredentialRefusesTheConfigurationBySetting() {
        List<SettingProblem> problems = problems(valid().set("securityToken", "conf-token\rpart-two"));

        assertEquals(Collections.singletonList("securityToken"), properties(problems));
        assertFalse(problems.get(0).toString().contains("conf-token"), problems.get(0).toString());
    }

    @Test
    void plainHttpToAHostThatIsNotLoopbackIsWarnedAboutOnce() throws Exception {
        for (String endpoint : new String[] {"http://oss.example.com", "http://10.0.0.5:9000", "http://[fd00::1]:80",
                "http://127.0.0.1:9", "http://127.8.9.10:9", "http://localhost:9", "http://[::1]:9",
                "https://oss.example.com"}) {
            RecordingLogger logger = new RecordingLogger();
            LogSink shipper = start(valid().set("endpoint", endpoint), "t", logger);
            shipper.stop(Duration.ZERO);

            boolean loopbackOrTls = endpoint.startsWith("https") || endpoint.contains("127.")
                    || endpoint.contains("localhost") || endpoint.contains("[::1]");
            assertEquals(loopbackOrTls ? 0 : 1, logger.count("WARN", "endpoint '" + endpoint + "' is plain HTTP"),
                    endpoint + ": " + logger.lines());
        }
    }

    @Test
    void unknownPropertiesAreAnAdapterBug() {
        assertThrows(IllegalArgumentException.class, () -> new Settings().set("bufferSise", "1MB"));
    }

    /** Problems carry their setting, also those found by checks of combinations in other packages. */
    @Test
    void problemsFoundInCombinationNameTheirSetting() {
        List<SettingProblem> problems = problems(valid().set("urlStyle", "VIRTUAL_HOSTED"));
        assertEquals(List.of(Setting.URL_STYLE), problems.stream().map(SettingProblem::setting)
                .collect(Collectors.toList()));
        assertEquals(List.of(Setting.ACCESS_KEY_SECRET, Setting.SPOOL_MAX_BYTES), problems(valid()
                .set("accessKeySecret", null).set("spoolDirectory", "/tmp/s").set("spoolMaxBytes", "4KB"))
                .stream().map(SettingProblem::setting).collect(Collectors.toList()));
    }

    /** Every literal default the catalogue (and so the README) shows is the one the config uses when unset. */
    @Test
    void theDocumentedDefaultsAreTheDefaults() throws Exception {
        OsslogConfig unset = valid().validate("d");
        for (Setting setting : Setting.values()) {
            Matcher literal = Pattern.compile("`([^`]*)`").matcher(setting.defaultValue());
            if (!literal.matches()) {
                continue;
            }
            OsslogConfig set = valid().set(setting, literal.group(1)).validate("d");
            // the zone UTC has the same rules as the offset Z the config defaults to
            assertEquals(unset.toString(), set.toString().replace("timeZone=UTC", "timeZone=Z"), setting.property());
        }
    }
}
