package io.github.osslog.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The quick mode: every benchmark once, briefly and in this JVM (no fork, no warm-up, one short iteration). It
 * asserts that each benchmark and parameter combination ran and produced a score, never what the score is; the
 * end-to-end benchmark itself fails when an event did not land.
 */
class BenchmarksSmokeTest {

    private static Collection<RunResult> quick(Class<?> benchmark, String... params) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName() + "\\.").forks(0)
                .warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true).shouldDoGC(false);
        for (int i = 0; i < params.length; i += 2) {
            options.param(params[i], params[i + 1]);
        }
        return new Runner(options.build()).run();
    }

    /** Asserts one result per {@code expected} "method variant" label, each with a positive score. */
    private static void assertRan(Collection<RunResult> results, Set<String> expected) {
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            String variant = r.getParams().getParam("variant");
            ran.add(method.substring(method.lastIndexOf('.') + 1) + (variant == null ? "" : " " + variant) + " "
                    + r.getParams().getMode().shortLabel());
            double score = r.getPrimaryResult().getScore();
            assertTrue(score > 0 && !Double.isNaN(score), method + " " + variant + " scored " + score);
        }
        assertEquals(expected, ran);
    }

    private static Set<String> labels(String[] methods, String[] variants, String... modes) {
        Set<String> labels = new TreeSet<>();
        for (String m : methods) {
            for (String v : variants) {
                for (String mode : modes) {
                    labels.add(m + (v.isEmpty() ? "" : " " + v) + " " + mode);
                }
            }
        }
        return labels;
    }

    @Test
    void appThreadCostRunsForEveryVariant() throws RunnerException {
        String[] variants = {"LOGBACK_FILE", "LOGBACK_ASYNC", "LOGBACK_OSS", "LOG4J2_FILE", "LOG4J2_ASYNC",
            "LOG4J2_OSS"};
        Set<String> expected = labels(new String[] {"oneThread", "twoThreads"}, variants, "avgt", "sample");
        expected.addAll(labels(new String[] {"pacedOneThread", "pacedTwoThreads"}, variants, "sample"));
        assertRan(quick(AppThreadBenchmark.class), expected);
    }

    @Test
    void endToEndDeliversEveryEventForEveryVariant() throws RunnerException {
        assertRan(quick(EndToEndBenchmark.class, "events", "5000"), labels(new String[] {"logAndDeliver"},
                new String[] {"LOGBACK_FILE", "LOGBACK_OSS", "LOGBACK_OSS_GZIP", "LOG4J2_FILE", "LOG4J2_OSS",
                    "LOG4J2_OSS_GZIP"}, "ss"));
    }

    @Test
    void corePartsRun() throws RunnerException {
        Set<String> expected = labels(new String[] {"ringPublishDrain", "ringPublishDrainBatch", "signAppend"},
                new String[] {""}, "avgt");
        expected.addAll(labels(new String[] {"crc64", "crc32", "deflateQuick", "deflateZlib"}, new String[] {""},
                "thrpt"));
        assertRan(quick(CorePartsBenchmark.class), expected);
    }

    @Test
    void testkitAppendRuns() throws RunnerException {
        assertRan(quick(TestkitAppendBenchmark.class),
                labels(new String[] {"append", "discard"}, new String[] {""}, "thrpt"));
    }

    @Test
    void outageKeepsExactAccountsAndBoundedHeap() throws InterruptedException {
        for (Variant variant : new Variant[] {Variant.LOGBACK_OSS, Variant.LOG4J2_OSS}) {
            OutageCheck.Result r = OutageCheck.run(variant, Duration.ofSeconds(2));
            assertTrue(r.dropped > 0, "the outage should have filled the buffer: " + r);
            assertTrue(r.accountingExact(), r.toString());
            assertTrue(r.withinBudget(), r.toString());
        }
    }
}
