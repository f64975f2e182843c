package io.github.osslog.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/spring-boot.md shows exactly the files SpringBootIT runs, so the documented configuration is the tested one. */
class SpringBootDocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest
    @CsvSource({
        "logback-spring.xml, compat/src/it/spring-boot/app/logback/logback-spring.xml",
        "log4j2-spring.xml, compat/src/it/spring-boot/app/log4j2/log4j2-spring.xml"})
    void theDocumentedFileIsTheTestedOne(String name, String tested) throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/spring-boot.md"), StandardCharsets.UTF_8);
        int caption = doc.indexOf("`" + name + "`");
        int start = doc.indexOf("```xml\n", caption) + "```xml\n".length();
        String shown = doc.substring(start, doc.indexOf("```", start));

        assertEquals(Files.readString(ROOT.resolve(tested), StandardCharsets.UTF_8), shown, name);
    }
}
