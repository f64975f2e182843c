package io.github.osslog.testkit.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks on the lines that landed (from {@code Landed.lines()}), shared by the adapters' tests: numbered lines
 * {@code "t<thread> <seq>"} logged from several threads, and osslog's drop lines. Stateless.
 */
public final class ShippedLines {
    private static final Pattern NUMBERED = Pattern.compile("t\\d+ \\d+");

    private ShippedLines() {
    }

    /**
     * Asserts that {@code lines} are exactly the lines {@code "t<n> <seq>"} of {@code threads} threads {@code t0..},
     * each holding the sequence numbers 0 to {@code perThread - 1} once and in order, and nothing else.
     */
    public static void assertEachThreadInOrder(List<String> lines, int threads, int perThread) {
        int[] counts = new int[threads];
        Arrays.fill(counts, perThread);
        assertEachThreadInOrder(lines, counts);
    }

    /** As above, where thread {@code t<n>} logged {@code counts[n]} lines. */
    public static void assertEachThreadInOrder(List<String> lines, int[] counts) {
        Map<String, List<Integer>> byThread = new TreeMap<>();
        for (String line : lines) {
            if (!isNumbered().test(line)) {
                throw new AssertionError("not a numbered line: " + line);
            }
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

    /** Whether a line is {@code "t<thread> <seq>"}. */
    public static Predicate<String> isNumbered() {
        return line -> NUMBERED.matcher(line).matches();
    }

    /** The sum of the counts in osslog's {@code osslog dropped N events ...} lines among {@code lines}. */
    public static long dropLineTotal(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("osslog dropped "))
                .mapToLong(l -> Long.parseLong(l.split(" ")[2])).sum();
    }
}
