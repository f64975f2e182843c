package io.github.osslog.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.OssTestServer;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real applications, built by a real Maven build of {@code src/it/spring-boot} against osslog as published (the
 * shaded jars and reduced POMs this build staged in a file repository): Spring Boot 2.7, 3.5 and 4.0 with Logback
 * ({@code logback-spring.xml}) and with Log4j2 ({@code log4j2-spring.xml}), and a plain application under Spring
 * Boot 2.7's BOM. Each ships every line once and exits; an empty osslog setting leaves it running on its other
 * appenders with a warning; {@code strictConfiguration} makes a Spring Boot Logback application fail fast.
 */
class SpringBootIT {
    private static final int LINES = 200;
    private static final long RUN_SECONDS = 60;
    private static final Pattern SHIPPED_LINE = Pattern.compile(" (\\S+) - spring line (\\d+) Grüße 日志$");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private static OssTestServer oss;
    private static Path apps;

    /** How an application is given its osslog settings. */
    enum Settings {
        /** {@code --osslog.endpoint=...}: Spring's environment, read by springProperty and ${spring:...}. */
        SPRING_ARGUMENTS,
        /** {@code -Dosslog.endpoint=...}: system properties, for configurations that read ${sys:...} or ${...}. */
        SYSTEM_PROPERTIES
    }

    enum App {
        BOOT2_LOGBACK("boot2-logback", true, true, Settings.SPRING_ARGUMENTS),
        BOOT2_LOG4J2("boot2-log4j2", false, true, Settings.SYSTEM_PROPERTIES),
        BOOT3_LOGBACK("boot3-logback", true, true, Settings.SPRING_ARGUMENTS),
        BOOT3_LOG4J2("boot3-log4j2", false, true, Settings.SPRING_ARGUMENTS),
        BOOT4_LOGBACK("boot4-logback", true, true, Settings.SPRING_ARGUMENTS),
        BOOT4_LOG4J2("boot4-log4j2", false, true, Settings.SPRING_ARGUMENTS),
        BOM2_PLAIN("bom2-plain", true, false, Settings.SYSTEM_PROPERTIES);

        final String module;
        final boolean logback;
        final boolean springBoot;
        final Settings settings;

        App(String module, boolean logback, boolean springBoot, Settings settings) {
            this.module = module;
            this.logback = logback;
            this.springBoot = springBoot;
            this.settings = settings;
        }
    }

    @BeforeAll
    static void buildApplications() throws Exception {
        oss = OssTestServer.builder().credentials("AK", "SK").bucket("logs").start();
        apps = Paths.get(System.getProperty("spring.boot.build"));
        copyProject(Paths.get(System.getProperty("spring.boot.project")), apps);
        List<String> maven = List.of(System.getProperty("maven.home") + "/bin/mvn", "-B", "-ntp", "-q", "package",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"),
                "-Dosslog.staging=" + Paths.get(System.getProperty("staging.repo")).toUri(),
                // keep the resolved osslog snapshots out of the -SNAPSHOT files other builds read from ~/.m2
                "-Daether.artifactResolver.snapshotNormalization=false");
        ChildProcess build = ChildProcess.run(maven, apps,
                Map.of("JAVA_HOME", System.getProperty("java.home")), apps.resolve("build.log"), 600);
        assertTrue(build.exited && build.exitCode == 0, () -> "the inner Maven build failed: " + build);
    }

    @AfterAll
    static void stopServer() {
        if (oss != null) {
            oss.close();
        }
    }

    @ParameterizedTest(name = "{0}: every line lands once and the application exits")
    @EnumSource(App.class)
    void everyLineLandsOnceAndTheApplicationExits(App app) throws Exception {
        assertShipsTheStagedArtifact(app);
        String prefix = prefix(app);
        ChildProcess run = run(app, oss.endpoint(), prefix, false);
        assertTrue(run.exited && run.exitCode == 0, run::toString);
        assertFalse(run.output.contains("Exception"), run::toString);

        String key = prefix + (app.logback ? "/0.log" : "/0.log.gz");
        byte[] stored = oss.content("logs", key).orElseThrow(() -> new AssertionError("nothing in " + key + "; " + run));
        String shipped = new String(app.logback ? stored : gunzip(stored), UTF_8);
        List<Integer> numbers = new ArrayList<>();
        for (String line : shipped.split("\n")) {
            Matcher m = SHIPPED_LINE.matcher(line);
            if (m.find()) {
                assertEquals("req-" + m.group(2), m.group(1), line);
                numbers.add(Integer.parseInt(m.group(2)));
            }
        }
        numbers.sort(Comparator.naturalOrder());
        assertEquals(IntStream.range(0, LINES).boxed().collect(Collectors.toList()), numbers, shipped);
    }

    @ParameterizedTest(name = "{0}: an empty osslog.endpoint is a warning, the application runs on")
    @EnumSource(App.class)
    void anEmptySettingIsAWarningAndTheApplicationRunsOn(App app) throws Exception {
        ChildProcess run = run(app, "", prefix(app), false);
        assertTrue(run.exited && run.exitCode == 0, run::toString);
        assertTrue(run.output.contains("spring line " + (LINES - 1) + " "), () -> "the console stopped: " + run);
        // Log4j2's status logger prints only ERROR unless configured otherwise, and an ERROR never stops Log4j2.
        String level = app.logback ? "WARN" : "ERROR";
        boolean named = run.output.lines().anyMatch(l -> l.contains(level) && l.contains("endpoint"));
        // Spring Boot 2.7 prints only Logback's ERROR statuses: there the line comes from the appender's reminder at
        // the first event it cannot take (OssAppender.doAppend).
        assertTrue(named, () -> "no " + level + " names the setting: " + run);
    }

    @ParameterizedTest(name = "{0}: strictConfiguration makes start-up fail")
    @EnumSource(value = App.class, names = {"BOOT2_LOGBACK", "BOOT3_LOGBACK", "BOOT4_LOGBACK"})
    void strictConfigurationFailsStartUp(App app) throws Exception {
        ChildProcess run = run(app, "", prefix(app), true);
        assertTrue(run.exited, run::toString);
        assertNotEquals(0, run.exitCode, run::toString);
        assertTrue(run.output.lines().anyMatch(l -> l.contains("ERROR") && l.contains("endpoint")), run::toString);
        assertFalse(run.output.contains("spring line"), run::toString);
    }

    private static ChildProcess run(App app, String endpoint, String prefix, boolean strict) throws Exception {
        Map<String, String> settings = Map.of("osslog.endpoint", endpoint, "osslog.region", oss.region(),
                "osslog.bucket", "logs", "osslog.key-prefix", prefix, "osslog.strict-configuration",
                Boolean.toString(strict));
        Path module = apps.resolve(app.module);
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dcompat.lines=" + LINES));
        if (app.settings == Settings.SYSTEM_PROPERTIES) {
            settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        }
        if (app.springBoot) {
            command.addAll(List.of("-jar", module.resolve("target/" + app.module + "-1.jar").toString()));
        } else {
            command.addAll(List.of("-cp", module.resolve("target/classes") + File.pathSeparator
                    + module.resolve("target/lib/*"), "io.github.osslog.compat.plain.PlainApp"));
        }
        if (app.settings == Settings.SPRING_ARGUMENTS) {
            settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        }
        return ChildProcess.run(command, module, Map.of("OSS_ACCESS_KEY_ID", "AK", "OSS_ACCESS_KEY_SECRET", "SK"),
                module.resolve("target/" + prefix + ".out"), RUN_SECONDS);
    }

    /** The application carries the osslog jar this build made, not an older one from ~/.m2. */
    private static void assertShipsTheStagedArtifact(App app) throws IOException {
        byte[] built = Files.readAllBytes(Paths.get(System.getProperty(app.logback ? "logback.jar" : "log4j2.jar")));
        String artifact = app.logback ? "osslog-logback-" : "osslog-log4j2-";
        Path module = apps.resolve(app.module);
        byte[] shipped;
        if (app.springBoot) {
            try (JarFile jar = new JarFile(module.resolve("target/" + app.module + "-1.jar").toFile())) {
                ZipEntry entry = jar.stream().filter(e -> e.getName().startsWith("BOOT-INF/lib/" + artifact))
                        .findFirst().orElseThrow(() -> new AssertionError(artifact + " is not in " + app.module));
                try (InputStream in = jar.getInputStream(entry)) {
                    shipped = in.readAllBytes();
                }
            }
        } else {
            try (Stream<Path> libs = Files.list(module.resolve("target/lib"))) {
                Path lib = libs.filter(p -> p.getFileName().toString().startsWith(artifact)).findFirst()
                        .orElseThrow(() -> new AssertionError(artifact + " is not in " + app.module));
                shipped = Files.readAllBytes(lib);
            }
        }
        assertArrayEquals(built, shipped, "the application was built with another " + artifact + "jar");
    }

    private static String prefix(App app) {
        return app.module + "-" + RUNS.incrementAndGet();
    }

    private static void copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
