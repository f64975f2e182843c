package io.github.osslog.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link in README.md and docs/ leads to a file that exists and, with an anchor, to a heading in it. */
class DocsLinksTest {
    /** Surefire runs in the module's directory; the README is one level up. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyRelativeLinkInTheReadmeAndTheDocsResolves() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        assertTrue(files.size() > 10, "found the docs: " + files);

        List<String> problems = files.stream().flatMap(f -> MarkdownLinks.problems(f).stream())
                .collect(Collectors.toList());

        assertEquals(List.of(), problems, "broken links:\n" + String.join("\n", problems));
    }

    @Test
    void theCheckFindsAMissingFileAndAMissingHeading(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.md"), "# The `OSS` client (core)\n\n## Speed\n\n## Speed\n",
                StandardCharsets.UTF_8);
        Path page = dir.resolve("page.md");
        Files.writeString(page, String.join("\n",
                "[fine](other.md#the-oss-client-core), [second](other.md#speed-1), [web](https://example.com/x)",
                "[gone](missing.md) and [no heading](other.md#nowhere)",
                "`[in code](missing.md)`",
                "```",
                "[in a block](missing.md)",
                "```",
                "[self](#nowhere)"), StandardCharsets.UTF_8);

        List<String> problems = MarkdownLinks.problems(page);

        assertEquals(List.of(
                page + ":2: missing.md (no such file)",
                page + ":2: other.md#nowhere (no heading with id 'nowhere')",
                page + ":7: #nowhere (no heading with id 'nowhere')"), problems);
    }
}
