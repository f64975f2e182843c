package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.osslog.testkit.OssTestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads what landed in the testkit's bucket {@code logs} under {@code app/0.log}, {@code app/1.log}, ... */
final class ShippedLines {
    private ShippedLines() {
    }

    /** The lines of app/0.log, app/1.log, ... up to the first missing index. */
    static List<String> read(OssTestServer server) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; ; i++) {
            Optional<byte[]> content = server.content("logs", "app/" + i + ".log");
            if (content.isEmpty()) {
                return lines;
            }
            lines.addAll(Arrays.asList(new String(content.get(), UTF_8).split("\n")));
        }
    }

    /** The sum of the counts in the {@code osslog dropped N events ...} lines among {@code lines}. */
    static long dropNoticeTotal(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("osslog dropped "))
                .mapToLong(l -> Long.parseLong(l.split(" ")[2])).sum();
    }
}
