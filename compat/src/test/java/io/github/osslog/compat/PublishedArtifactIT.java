package io.github.osslog.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The adapters' Maven artifacts as they would be published: a jar holding only osslog's own packages (its OkHttp,
 * Okio, Kotlin and Caffeine relocated inside) and a POM that gives an application no runtime dependency for a BOM
 * to pin (docs/dependencies.md).
 */
class PublishedArtifactIT {

    @ParameterizedTest(name = "osslog-{0}")
    @ValueSource(strings = {"logback", "log4j2"})
    void theArtifactCarriesItsDependenciesRelocatedAndItsPomNamesNone(String adapter) throws Exception {
        List<String> outside = new ArrayList<>();
        try (JarFile jar = new JarFile(System.getProperty(adapter + ".jar"))) {
            jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.startsWith("io/github/osslog/") && !n.startsWith("META-INF/"))
                    .forEach(outside::add);
            assertNotNull(jar.getEntry("io/github/osslog/shaded/okhttp3/OkHttpClient.class"), "OkHttp not inside");
            assertNotNull(jar.getEntry("io/github/osslog/shaded/kotlin/Unit.class"), "Kotlin not inside");
            assertNotNull(jar.getEntry("io/github/osslog/shaded/caffeine/cache/Caffeine.class"), "Caffeine not inside");
            assertNotNull(jar.getEntry("io/github/osslog/core/internal/buffer/RingBuffer.class"), "osslog-core not inside");
            if (adapter.equals("log4j2")) {
                assertNotNull(jar.getEntry("META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat"),
                        "the plugin index did not survive shading");
            }
        }
        assertEquals(List.of(), outside, "classes outside osslog's packages would clash with the application's");
        assertEquals(List.of(), runtimeDependencies(System.getProperty(adapter + ".pom")),
                "the published POM must leave nothing for a BOM to pin");
    }

    /** The dependencies a consumer of the POM gets: every scope but provided, test and system, and not optional. */
    private static List<String> runtimeDependencies(String pom) throws Exception {
        NodeList dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Paths.get(pom).toFile()).getElementsByTagName("dependency");
        List<String> runtime = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (dependency.getParentNode().getParentNode().getNodeName().equals("dependencyManagement")) {
                continue;
            }
            String scope = text(dependency, "scope");
            if (!List.of("provided", "test", "system").contains(scope) && !"true".equals(text(dependency, "optional"))
                    && dependency.getParentNode().getParentNode().getNodeName().equals("project")) {
                runtime.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId") + ":" + scope);
            }
        }
        return runtime;
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
