package io.github.osslog.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's public surface outside {@code io.github.osslog.core.internal} is the client API and the adapter SPI
 * (docs/public-api.md). A type that becomes public there must be added here on purpose; everything else belongs in
 * an internal package.
 */
class PublicApiTest {
    private static final Set<String> API = new TreeSet<>(Set.of(
            // shared
            "InternalLogger", "InvalidSettingException", "LogLevel", "Redactor", "ShutdownReport",
            // client API
            "auth.Credentials", "auth.CredentialsException", "auth.CredentialsProvider",
            "auth.DefaultCredentialsProvider", "auth.EcsRamRoleCredentialsProvider",
            "auth.EnvironmentCredentialsProvider", "auth.StaticCredentialsProvider",
            "oss.MalformedResponseException", "oss.ObjectListing", "oss.ObjectStream", "oss.ObjectSummary",
            "oss.OssClient", "oss.OssClientConfig", "oss.OssEndpoint", "oss.OssException", "oss.OssNames",
            "oss.TunedSocketFactory", "oss.UrlStyle", "sign.SignatureVersion",
            "store.AppendResult", "store.AppendableStore", "store.ErrorKind", "store.ObjectInfo", "store.ObjectType",
            "store.StoreException", "store.StoreLimits",
            // adapter SPI
            "config.OsslogConfig", "config.PipelineFactory", "config.Setting", "config.SettingProblem",
            "config.Settings", "config.SettingsException", "metrics.PipelineMXBean",
            "sink.Containment", "sink.EventBytes", "sink.EventEncoder", "sink.LogSink"));

    @Test
    void publicTypesOutsideInternalAreExactlyTheApi() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Paths.get(LogLevel.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/github/osslog/core");
        Set<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("internal/"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> exposed = new TreeSet<>();
        for (String name : names) {
            if (Modifier.isPublic(Class.forName("io.github.osslog.core." + name).getModifiers())) {
                exposed.add(name);
            }
        }
        assertEquals(API, exposed, "a public type outside io.github.osslog.core.internal is API: add it on purpose"
                + " (here and in docs/public-api.md) or move it to an internal package");
    }
}
