package io.github.osslog.logback.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.OssTestServerExtension;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * osslog on Logback 1.5.21, where {@code ThrowableProxyUtil.subjoinExceptionMessage} is private (osslog up to
 * ede8742 killed the logging thread there with IllegalAccessError): a {@code java -cp} application logs an exception
 * with a cause through the README's quick-start pattern (no {@code %ex}), and the object holds exactly the bytes
 * Logback's own FileAppender wrote with the same pattern.
 */
class OldLogbackIT {
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{36}"
            + " %X{user} - %msg%n";

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    @TempDir
    Path dir;

    @Test
    void anExceptionLandsAsLogbacksOwnEncoderWritesIt() throws Exception {
        List<String> classpath = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("it.old.logback")))) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classpath.add(p.toString()));
        }
        assertTrue(classpath.stream().anyMatch(p -> p.endsWith("logback-classic-1.5.21.jar")), classpath::toString);
        classpath.add(System.getProperty("dropin.jar"));
        classpath.add(copyApp().toString());
        Path file = dir.resolve("app.log");
        Path config = writeConfig(file);
        Path output = dir.resolve("app.out");
        Process app = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + config, "-cp", String.join(File.pathSeparator, classpath),
                OldLogbackApp.class.getName()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = app.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            app.destroyForcibly().waitFor();
        }
        String out = Files.readString(output);
        assertTrue(exited, "the application did not exit:\n" + out);
        assertEquals(0, app.exitValue(), out);
        assertTrue(out.contains("osslog: writing stack traces with Logback's ThrowableProxyConverter"), out);
        assertTrue(out.contains("osslog: appender [OSS] stopped"), out);

        byte[] written = Files.readAllBytes(file);
        byte[] shipped = oss.server().content("logs", "it/0.log").orElseThrow();
        String text = new String(written, UTF_8);
        assertTrue(text.contains("Caused by: java.io.IOException: connection reset")
                && text.contains("Suppressed: java.io.IOException: close failed") && text.contains("\u7528\u6237-7"),
                text);
        assertEquals(text, new String(shipped, UTF_8));
        assertArrayEquals(written, shipped);
    }

    private Path writeConfig(Path file) throws IOException {
        String encoder = "<encoder><pattern>" + PATTERN + "</pattern><charset>UTF-8</charset></encoder>\n";
        String xml = "<configuration>\n"
                + "  <statusListener class=\"ch.qos.logback.core.status.OnConsoleStatusListener\"/>\n"
                + "  <appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                + "    <endpoint>" + oss.server().endpoint() + "</endpoint>\n"
                + "    <region>" + oss.server().region() + "</region>\n"
                + "    <bucket>logs</bucket>\n"
                + "    <accessKeyId>AK</accessKeyId>\n"
                + "    <accessKeySecret>SK</accessKeySecret>\n"
                + "    <objectKeyPattern>it/%i.log</objectKeyPattern>\n"
                + "    " + encoder
                + "  </appender>\n"
                + "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "    <file>" + file + "</file>\n"
                + "    " + encoder
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"OSS\"/><appender-ref ref=\"FILE\"/></root>\n"
                + "</configuration>\n";
        Path config = dir.resolve("logback.xml");
        Files.write(config, xml.getBytes(UTF_8));
        return config;
    }

    /** Only the application class, not the test classes (and their resources) around it. */
    private Path copyApp() throws IOException {
        Path classes = dir.resolve("classes");
        String name = OldLogbackApp.class.getName().replace('.', '/') + ".class";
        Path target = Files.createDirectories(classes.resolve(name).getParent())
                .resolve(OldLogbackApp.class.getSimpleName() + ".class");
        try (InputStream in = OldLogbackApp.class.getResourceAsStream(OldLogbackApp.class.getSimpleName() + ".class")) {
            Files.copy(in, target);
        }
        return classes;
    }
}
