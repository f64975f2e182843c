package io.github.osslog.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is the {@link Setting} catalogue rendered: this fails, printing the expected block,
 * when they differ. {@code mvn -pl core test -Dtest=ReadmeSettingsTableTest -Dosslog.updateReadme=true} writes the
 * block instead (docs/settings-catalogue.md).
 */
class ReadmeSettingsTableTest {
    private static final Path README = Paths.get("..", "README.md");
    private static final String START = "<!-- settings:start";
    private static final String END = "<!-- settings:end -->";

    /** The block between the markers, markers included: one row per setting, equal neighbours sharing one. */
    static String render() {
        StringBuilder table = new StringBuilder(START)
                .append(" (generated from the Setting catalogue; do not edit by hand) -->\n")
                .append("| name | default | meaning |\n|---|---|---|\n");
        Setting[] all = Setting.values();
        for (int i = 0; i < all.length; ) {
            List<String> names = new ArrayList<>();
            Setting first = all[i];
            while (i < all.length && all[i].defaultValue().equals(first.defaultValue())
                    && all[i].documentation().equals(first.documentation())) {
                names.add('`' + all[i++].property() + '`');
            }
            table.append("| ").append(String.join(", ", names)).append(" | ").append(first.defaultValue())
                    .append(" | ").append(first.documentation()).append(" |\n");
        }
        return table.append(END).toString();
    }

    @Test
    void theReadmeTableIsTheCatalogue() throws IOException {
        String readme = new String(Files.readAllBytes(README), StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md lacks the settings markers");
        String expected = render();
        if (Boolean.getBoolean("osslog.updateReadme")) {
            String updated = readme.substring(0, start) + expected + readme.substring(end + END.length());
            Files.write(README, updated.getBytes(StandardCharsets.UTF_8));
            return;
        }
        assertEquals(expected, readme.substring(start, end + END.length()),
                "README.md's configuration table differs from the Setting catalogue; run with"
                        + " -Dosslog.updateReadme=true to rewrite it. Expected block:\n" + expected);
    }

    @Test
    void eachSettingIsNamedOnceInTheTable() {
        String table = render();
        for (Setting setting : Setting.values()) {
            assertTrue(table.contains("| `" + setting.property() + "`") || table.contains(", `" + setting.property()
                    + "` |"), setting.property());
        }
    }
}
