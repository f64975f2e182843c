package io.github.osslog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.osslog.testkit.OssTestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Reads what landed in the testkit under {@code <prefix><index>.log} and checks numbered lines. */
final class ShippedLines {
    private ShippedLines() {
    }

    /** Every line of every object {@code prefix0.log}, {@code prefix1.log}, ... in index order (gaps allowed). */
    static List<String> read(OssTestServer server, String prefix) {
        List<String> lines = new ArrayList<>();
        for (int i = 0, missing = 0; missing < 5; i++) {
            Optional<byte[]> content = server.content(OssConfig.BUCKET, prefix + i + ".log");
            if (content.isEmpty()) {
                missing++;
                continue;
            }
            missing = 0;
            String text = new String(content.get(), StandardCharsets.UTF_8);
            lines.addAll(Arrays.asList(text.split("\n")));
        }
        return lines;
    }

    /**
     * Asserts that the lines {@code "<thread> <seq>"}, for each of {@code threads} threads {@code t0..}, hold exactly
     * the sequence numbers 0 to {@code perThread - 1}, in order.
     */
    static void assertEachThreadInOrder(List<String> lines, int threads, int perThread) {
        int[] counts = new int[threads];
        Arrays.fill(counts, perThread);
        assertEachThreadInOrder(lines, counts);
    }

    /** As above, where thread {@code t<n>} logged {@code counts[n]} lines. */
    static void assertEachThreadInOrder(List<String> lines, int[] counts) {
        Map<String, List<Integer>> byThread = new TreeMap<>();
        for (String line : lines.stream().filter(isNumbered()).collect(Collectors.toList())) {
            String[] parts = line.split(" ");
            byThread.computeIfAbsent(parts[0], t -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        assertEquals(counts.length, byThread.size(), "threads seen: " + byThread.keySet());
        for (int t = 0; t < counts.length; t++) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < counts[t]; i++) {
                expected.add(i);
            }
            assertEquals(expected, byThread.get("t" + t), "thread t" + t);
        }
    }

    static Predicate<String> isNumbered() {
        return line -> line.matches("t\\d+ \\d+");
    }
}
