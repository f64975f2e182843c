package io.github.osslog.logback.it;

import static java.nio.charset.StandardCharsets.UTF_8;
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
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in jar in a plain {@code java -cp} application: Logback + SLF4J + the drop-in jar + a config directory,
 * with a conflicting OkHttp 3 on the classpath; the application exits without stopping Logback and every line
 * must still land in the testkit exactly once.
 */
class DropInJarIT {
    private static final int LINES = 2000;

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    @TempDir
    Path dir;

    @Test
    void linesLandExactlyOnceAfterJvmExitNextToAConflictingOkHttp() throws Exception {
        Path dropIn = Paths.get(System.getProperty("dropin.jar"));
        List<Path> libs;
        try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("it.lib")))) {
            libs = jars.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
        assertTrue(libs.stream().anyMatch(p -> p.getFileName().toString().equals("okhttp-3.14.9.jar")), libs::toString);

        List<String> classpath = new ArrayList<>();
        libs.forEach(p -> classpath.add(p.toString()));
        classpath.add(dropIn.toString());
        classpath.add(writeConfig().toString());
        classpath.add(copyApp().toString());
        Path output = dir.resolve("app.out");
        Process app = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classpath), DropInApp.class.getName(), Integer.toString(LINES))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = app.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            app.destroyForcibly().waitFor();
        }
        String out = Files.readString(output);
        assertTrue(exited, "the application did not exit:\n" + out);
        assertEquals(0, app.exitValue(), out);
        assertTrue(out.contains("application okhttp: okhttp/3.14.9"), out);
        assertTrue(out.contains("osslog: appender [OSS] stopped"), out);

        String shipped = new String(oss.server().content("logs", "it/0.log").orElseThrow(), UTF_8);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            expected.add("line " + i);
        }
        assertEquals(expected, List.of(shipped.split("\n")), out);
    }

    @Test
    void dropInJarHoldsOnlyOssLogAndRelocatedClasses() throws IOException {
        List<String> foreign = new ArrayList<>();
        boolean okhttpInside = false;
        try (JarFile jar = new JarFile(System.getProperty("dropin.jar"))) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                okhttpInside |= name.startsWith("io/github/osslog/shaded/okhttp3/");
                if (!entry.isDirectory() && !name.startsWith("io/github/osslog/") && !name.startsWith("META-INF/")) {
                    foreign.add(name);
                }
            }
        }
        assertTrue(okhttpInside, "relocated OkHttp missing");
        assertEquals(List.of(), foreign);
    }

    private Path writeConfig() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        String xml = "<configuration>\n"
                + "  <statusListener class=\"ch.qos.logback.core.status.OnConsoleStatusListener\"/>\n"
                + "  <appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                + "    <endpoint>" + oss.server().endpoint() + "</endpoint>\n"
                + "    <region>" + oss.server().region() + "</region>\n"
                + "    <bucket>logs</bucket>\n"
                + "    <accessKeyId>AK</accessKeyId>\n"
                + "    <accessKeySecret>SK</accessKeySecret>\n"
                + "    <objectKeyPattern>it/%i.log</objectKeyPattern>\n"
                + "    <flushInterval>1 hour</flushInterval>\n"
                + "    <encoder><pattern>%msg%n</pattern></encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"OSS\"/></root>\n"
                + "</configuration>\n";
        Files.write(config.resolve("logback.xml"), xml.getBytes(UTF_8));
        return config;
    }

    /** Only the application class, not the test classes (and their resources) around it. */
    private Path copyApp() throws IOException {
        Path classes = dir.resolve("classes");
        String file = DropInApp.class.getName().replace('.', '/') + ".class";
        Path target = Files.createDirectories(classes.resolve(file).getParent()).resolve(
                DropInApp.class.getSimpleName() + ".class");
        try (InputStream in = DropInApp.class.getResourceAsStream(DropInApp.class.getSimpleName() + ".class")) {
            Files.copy(in, target);
        }
        return classes;
    }
}
