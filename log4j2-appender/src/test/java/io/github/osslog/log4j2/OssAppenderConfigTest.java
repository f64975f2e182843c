package io.github.osslog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.core.config.Setting;
import io.github.osslog.testkit.OssTestServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** XML configuration of {@code <Oss>}: attribute names, bad input reported by name, secrets never shown. */
class OssAppenderConfigTest {
    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK")
            .bucket(OssConfig.BUCKET));

    @TempDir
    Path dir;

    /** The attributes and the catalogue agree both ways, and exactly the secrets are sensitive. */
    @Test
    void everySettingIsAnAttributeOfTheSameNameAndNoAttributeIsExtra() {
        List<String> attributes = Stream.of(OssAppender.Builder.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(PluginBuilderAttribute.class)).map(Field::getName).sorted()
                .collect(Collectors.toList());
        assertEquals(Stream.of(Setting.values()).map(Setting::property).sorted().collect(Collectors.toList()),
                attributes);
        for (Setting setting : Setting.values()) {
            assertEquals(setting.secret(),
                    field(setting.property()).getAnnotation(PluginBuilderAttribute.class).sensitive(),
                    setting.property());
            assertEquals(String.class, field(setting.property()).getType(), setting.property());
        }
    }

    @Test
    void thePluginIndexNamesTheAppender() throws IOException {
        String indexes = "";
        for (URL url : Collections.list(OssAppender.class.getClassLoader().getResources(
                "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat"))) {
            try (InputStream in = url.openStream()) {
                indexes += new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
        assertTrue(indexes.contains(OssAppender.class.getName()), indexes);
    }

    @Test
    void aValidConfigurationBuildsTheAppenderWithTheDefaultLayout() {
        try (StatusCapture status = StatusCapture.start();
                TestContext ctx = OssConfig.forServer(oss.server()).layout("").start(dir)) {
            OssAppender appender = ctx.oss();
            assertNotNull(appender, status.all());
            assertTrue(appender.isStarted());
            assertEquals(OssAppender.DEFAULT_PATTERN, ((PatternLayout) appender.getLayout()).getConversionPattern());
            assertEquals(List.of(), status.atLeast(Level.ERROR));
        }
    }

    /** A small buffer without a smaller batch starts with a warning naming both settings and the value chosen. */
    @Test
    void conflictingSizesAreSettledWithAWarning() {
        try (StatusCapture status = StatusCapture.start();
                TestContext ctx = OssConfig.forServer(oss.server()).set("bufferSize", "1MB")
                        .set("strictConfiguration", "true").start(dir)) {
            OssAppender appender = ctx.oss();
            assertNotNull(appender, status.all());
            assertTrue(appender.isStarted());
            assertEquals(List.of(), status.atLeast(Level.ERROR));
            assertTrue(status.atLeast(Level.WARN).contains("WARN osslog: batchMaxBytes (4MB) is above bufferSize"
                    + " (1MB): using batchMaxBytes 512KB (half the buffer, so events fit while a batch ships); set it"
                    + " to fit to silence this"), status.all());
        }
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("bucket", null, "bucket"),
                Arguments.of("endpoint", null, "endpoint"),
                Arguments.of("overflowPolicy", "DROP_EVERYTHING", "DROP_NEWEST, DROP_OLDEST, BLOCK"),
                Arguments.of("bufferSize", "lots", "64MB"),
                Arguments.of("maxObjectSize", "1 TB", "64MB"),
                Arguments.of("flushInterval", "soon", "2 seconds"),
                Arguments.of("shutdownTimeout", "10 fortnights", "2 seconds"),
                Arguments.of("objectKeyPattern", "app/%level-%i.log", "%level"),
                Arguments.of("region", null, "region"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badInput")
    void badInputIsReportedByNameAndOtherAppendersKeepWorking(String property, String value, String hint) {
        OssConfig config = OssConfig.forServer(oss.server()).set(property, value);
        try (StatusCapture status = StatusCapture.start(); TestContext ctx = config.start(dir)) {
            assertNull(ctx.oss(), "the appender must not be built");
            List<String> errors = status.atLeast(Level.ERROR);
            assertTrue(errors.stream().anyMatch(e -> e.contains(property) && e.contains(hint)),
                    "no error naming " + property + " with '" + hint + "': " + errors);

            ctx.logger("app").info("still logged");
            CollectingAppender other = ctx.appender("other");
            assertEquals(List.of("still logged"), other.messages());
        }
    }

    @Test
    void secretsNeverAppearInStatusOutputOrToString() {
        String secret = "s3cr3t-SK-value";
        String token = "sts-token-value";
        oss.server().addStsCredentials("STS", secret, token);
        OssConfig good = OssConfig.forServer(oss.server()).set("accessKeyId", "STS").set("accessKeySecret", secret)
                .set("securityToken", token);
        try (StatusCapture status = StatusCapture.start()) {
            try (TestContext ctx = good.start(dir)) {
                OssAppender appender = ctx.oss();
                assertNotNull(appender, status.all());
                ctx.logger("app").info("hello");
                assertTrue(appender.flush(java.time.Duration.ofSeconds(10)), appender.getMetrics().toString());
                for (String text : List.of(appender.toString(), appender.getManager().toString(),
                        appender.getMetrics().toString())) {
                    assertFalse(text.contains(secret) || text.contains(token), text);
                }
            }
            try (TestContext ctx = good.set("bufferSize", "lots").start(dir)) {
                assertNull(ctx.oss());
            }
            String all = status.all();
            assertTrue(all.contains("accessKeySecret"), "the builder's debug output lists the attributes: " + all);
            assertFalse(all.contains(secret), all);
            assertFalse(all.contains(token), all);
        }
    }

    private static Field field(String name) {
        try {
            return OssAppender.Builder.class.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void countersAreHandedOutReadOnly() throws Exception {
        // the recording methods stay with the pipeline: an application can read the counters, not change them
        assertEquals(PipelineMXBean.class, OssAppender.class.getMethod("getMetrics").getReturnType());
    }
}
