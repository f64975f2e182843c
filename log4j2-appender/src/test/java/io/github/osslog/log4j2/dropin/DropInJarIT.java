package io.github.osslog.log4j2.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.OssTestServerExtension;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in jar ({@code osslog-log4j2-<version>-all.jar}) in a plain {@code java -cp} application next to a
 * conflicting OkHttp 3, shipping to the testkit running in this JVM.
 */
class DropInJarIT {
    private static final String PLUGIN_INDEX = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";
    private static final int LINES = 500;

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    @TempDir
    Path dir;

    @Test
    void aPlainJavaApplicationShipsEveryLineAtExitThroughTheDropInJar() throws Exception {
        String printed = runApp(false, "warn", "dropin");
        assertTrue(printed.contains("application uses okhttp/3.14.9"), printed);
        assertFalse(printed.contains("ERROR"), printed);
        assertEveryLineShipped("dropin", printed);
    }

    /**
     * log4j-core on the module path, not opened to the class path: the early drop cannot read LoggerConfig's
     * appenders, so it is not installed (a DEBUG status says why) and every line still ships. On the class path the
     * same application gets the filter, so the message is what tells the two apart (docs/early-drop.md).
     */
    @Test
    void onTheModulePathWithoutAddOpensTheEarlyDropIsNotInstalledAndEveryLineShips() throws Exception {
        String notOpened = "drops refused events after Log4j2 builds them";

        String onClassPath = runApp(false, "debug", "classpath");
        assertFalse(onClassPath.contains(notOpened), onClassPath);
        assertEveryLineShipped("classpath", onClassPath);

        String onModulePath = runApp(true, "debug", "modulepath");
        assertTrue(onModulePath.contains("Oss appender 'oss' " + notOpened), onModulePath);
        assertTrue(onModulePath.contains("IllegalAccessException"), onModulePath);
        assertEveryLineShipped("modulepath", onModulePath);
    }

    /**
     * Runs {@link DropInApp} in a child JVM with Log4j2 and the application's OkHttp 3 on the class path, or with
     * log4j-api and log4j-core on the module path; returns what it printed once it exited.
     */
    private String runApp(boolean log4jOnModulePath, String statusLevel, String keyPrefix) throws Exception {
        Path app = dir.resolve("app");
        Path appClass = app.resolve("io/github/osslog/log4j2/dropin/DropInApp.class");
        Files.createDirectories(appClass.getParent());
        Files.copy(Path.of(System.getProperty("it.classes"), "io/github/osslog/log4j2/dropin/DropInApp.class"),
                appClass, StandardCopyOption.REPLACE_EXISTING);
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("log4j2.xml"), configuration(oss.server(), statusLevel, keyPrefix));

        List<String> classpath = new ArrayList<>(List.of(conf.toString(), app.toString(), dropInJar().toString()));
        List<String> modulePath = new ArrayList<>();
        try (Stream<Path> libs = Files.list(Path.of(System.getProperty("it.lib")))) {
            for (Path lib : libs.sorted().collect(Collectors.toList())) {
                boolean log4j = lib.getFileName().toString().startsWith("log4j-");
                (log4j && log4jOnModulePath ? modulePath : classpath).add(lib.toString());
            }
        }
        assertEquals(4, classpath.size() + modulePath.size() - 3,
                "expected log4j-api, log4j-core, okhttp 3 and okio 1: " + classpath + modulePath);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (log4jOnModulePath) {
            assertEquals(2, modulePath.size(), "expected log4j-api and log4j-core: " + modulePath);
            command.addAll(List.of("--module-path", String.join(File.pathSeparator, modulePath),
                    "--add-modules", "org.apache.logging.log4j.core"));
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), DropInApp.class.getName(),
                String.valueOf(LINES)));
        Path output = dir.resolve("output.txt");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output);
        assertTrue(exited, "the application did not exit: " + printed);
        assertEquals(0, child.exitValue(), printed);
        return printed;
    }

    private void assertEveryLineShipped(String keyPrefix, String printed) {
        byte[] shipped = oss.server().content("logs", keyPrefix + "/0.log").orElse(null);
        assertNotNull(shipped, "nothing landed; child output: " + printed);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            expected.add("line " + i);
        }
        assertEquals(expected, Arrays.asList(new String(shipped, StandardCharsets.UTF_8).split("\n")));
    }

    @Test
    void theDropInJarHoldsThePluginIndexAndOnlyRelocatedDependencies() throws IOException {
        try (ZipFile jar = new ZipFile(dropInJar().toFile())) {
            List<String> classes = jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
                    .collect(Collectors.toList());
            List<String> outside = classes.stream().filter(n -> !n.startsWith("io/github/osslog/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), outside, "classes outside osslog's packages clash with the application's");
            assertTrue(classes.contains("io/github/osslog/shaded/okhttp3/OkHttpClient.class"), "OkHttp not inside");

            ZipEntry index = jar.getEntry(PLUGIN_INDEX);
            assertNotNull(index, "the plugin index did not survive shading");
            List<String> plugins = pluginClasses(jar.getInputStream(index));
            assertEquals(List.of("io.github.osslog.log4j2.OssAppender"), plugins);
            for (String plugin : plugins) {
                assertNotNull(jar.getEntry(plugin.replace('.', '/') + ".class"), plugin + " is not in the jar");
            }
        }
    }

    /** The class names in a Log4j2Plugins.dat (the format PluginCache writes). */
    private static List<String> pluginClasses(InputStream in) throws IOException {
        List<String> classes = new ArrayList<>();
        try (DataInputStream data = new DataInputStream(in)) {
            int categories = data.readInt();
            for (int c = 0; c < categories; c++) {
                data.readUTF(); // category
                int entries = data.readInt();
                for (int e = 0; e < entries; e++) {
                    data.readUTF(); // key
                    classes.add(data.readUTF());
                    data.readUTF(); // element name
                    data.readBoolean(); // printable
                    data.readBoolean(); // defer
                }
            }
        }
        return classes;
    }

    private static Path dropInJar() {
        Path jar = Path.of(System.getProperty("dropin.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn verify");
        return jar;
    }

    /** flushInterval is an hour, so only the shutdown at exit can ship the lines. */
    private static String configuration(OssTestServer server, String statusLevel, String keyPrefix) {
        return "<Configuration status=\"" + statusLevel + "\">\n"
                + "  <Appenders>\n"
                + "    <Oss name=\"oss\" endpoint=\"" + server.endpoint() + "\" region=\"" + server.region() + "\"\n"
                + "         bucket=\"logs\" accessKeyId=\"AK\" accessKeySecret=\"SK\"\n"
                + "         objectKeyPattern=\"" + keyPrefix + "/%i.log\"\n"
                + "         flushInterval=\"1 hour\">\n"
                + "      <PatternLayout pattern=\"%m%n\"/>\n"
                + "    </Oss>\n"
                + "  </Appenders>\n"
                + "  <Loggers>\n"
                + "    <Root level=\"info\"><AppenderRef ref=\"oss\"/></Root>\n"
                + "  </Loggers>\n"
                + "</Configuration>\n";
    }
}
