package io.github.osslog.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipelines one test class starts, named {@code prefix-N}: {@link #config()} gives their common settings, and
 * {@link #stopAll()} (after each test) stops them and fails if a shipper thread outlives its stop. Not thread-safe.
 */
final class StartedPipelines {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String prefix;
    private final List<Pipeline> pipelines = new ArrayList<>();

    StartedPipelines(String prefix) {
        this.prefix = prefix;
    }

    /** A pipeline named {@code prefix-N} writing {@code logs/%i.log}: flushes only when asked, retries every 1–5 ms. */
    PipelineConfig.Builder config() {
        return PipelineConfig.builder().name(prefix + "-" + NAMES.incrementAndGet()).objectKeyPattern("logs/%i.log")
                .flushInterval(Duration.ofHours(1)).initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5));
    }

    /** Starts {@code p} and stops it after the test. */
    Pipeline start(Pipeline p) {
        pipelines.add(p);
        p.start();
        return p;
    }

    void stopAll() throws InterruptedException {
        for (Pipeline p : pipelines) {
            p.stop(Duration.ofSeconds(5));
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("osslog-shipper-" + prefix + "-")) {
                // a thread interrupted at the end of a stop budget may still be on its way out
                t.join(5000);
                assertFalse(t.isAlive(), "leaked " + t.getName());
            }
        }
    }
}
