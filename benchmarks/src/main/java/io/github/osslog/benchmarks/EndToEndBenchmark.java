package io.github.osslog.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sustained end-to-end throughput: one thread logs {@code events} events of {@link EventMix}, and the time runs until
 * the last byte is in the file (appender stopped, file closed) or in the local OSS (osslog flushed; the stored
 * bytes checked against what osslog shipped). osslog runs with {@code overflowPolicy=BLOCK} so that nothing is
 * dropped and the time is the shipper's. Each iteration starts a fresh setup (on the shared local OSS); its
 * teardown checks that every event landed and prints events/s, MB/s of log text, the stored size, and when the
 * last log call returned and how much of that time the logging thread ran on a CPU (the rest it waited: for a CPU
 * the shipper or the local OSS held, or for room in osslog's buffer), and the CPU time this JVM and the local OSS's
 * JVM used during the shot (on two cores, what the logging thread competes with).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 15)
@Fork(1)
public class EndToEndBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Param({"LOGBACK_FILE", "LOGBACK_OSS", "LOGBACK_OSS_GZIP", "LOG4J2_FILE", "LOG4J2_OSS", "LOG4J2_OSS_GZIP"})
    public Variant variant;
    @Param("1000000")
    public int events;

    private LogTarget target;
    private Landed landed;
    private long nanos;
    private long loggedNanos;
    private long loggedCpuNanos;
    private long processCpuNanos;
    private long serverCpuNanos;

    @Setup(Level.Iteration)
    public void open() {
        target = variant.open(OssOptions.defaults().blocking());
    }

    @Benchmark
    public long logAndDeliver() {
        long serverStart = serverCpuNanos();
        long processStart = PROCESS.getProcessCpuTime();
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < events; i++) {
            target.log(EventMix.event(i));
        }
        loggedNanos = System.nanoTime() - start;
        loggedCpuNanos = CPU.getCurrentThreadCpuTime() - cpuStart;
        landed = target.finish();
        nanos = System.nanoTime() - start;
        processCpuNanos = PROCESS.getProcessCpuTime() - processStart;
        serverCpuNanos = serverStart < 0 ? -1 : serverCpuNanos() - serverStart;
        return landed.storedBytes;
    }

    /** The shared local OSS's CPU time so far, or -1 for the file baselines (which do not start it). */
    private long serverCpuNanos() {
        return variant.name().contains("_OSS") ? LocalOss.shared().cpuNanos() : -1;
    }

    @TearDown(Level.Iteration)
    public void check() {
        try {
            long count = target.eventsLanded();
            if (count != events) {
                throw new IllegalStateException(variant + ": " + count + " of " + events + " events landed");
            }
            double seconds = nanos / 1e9;
            System.out.printf("%n%s: %d events in %.0f ms (the last call returned at %.0f ms, after %.0f ms on a CPU):"
                    + " %.0f events/s, %.1f MB/s of log text; %s; CPU during the shot: this JVM %.0f ms, the local OSS"
                    + " %s%n", variant, events, seconds * 1e3, loggedNanos / 1e6, loggedCpuNanos / 1e6,
                    events / seconds, landed.rawBytes / seconds / 1e6, landed, processCpuNanos / 1e6,
                    serverCpuNanos < 0 ? "n/a" : String.format("%.0f ms", serverCpuNanos / 1e6));
        } finally {
            target.close();
        }
    }
}
