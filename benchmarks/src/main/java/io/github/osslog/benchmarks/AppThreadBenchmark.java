package io.github.osslog.benchmarks;

import io.github.osslog.core.metrics.PipelineMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The application thread's cost of one log call of {@link EventMix}, with 1 and 2 logging threads, for osslog
 * (default settings: drop the newest event when the buffer is full) against the async appender of the same
 * framework, and the plain file appender as a reference (it encodes on the app thread, as osslog does).
 * Two regimes: <em>saturated</em> ({@code oneThread}, {@code twoThreads}), where the threads log as fast as they
 * can and every buffered setup drops, so its cost is mostly that of a drop; and <em>paced</em>
 * ({@code pacedOneThread}, {@code pacedTwoThreads}), where each thread does {@link #PACE_TOKENS} of JMH's CPU work
 * between calls (outside the measured time), the way an application logs between units of work, so no setup has
 * to drop. The trial's teardown prints how many of the logged events reached the file or were accepted by osslog,
 * and each logging thread prints what it allocated per call and how much of the last iteration it ran on a CPU.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AppThreadBenchmark {
    /** CPU work between two paced log calls: about 3 µs on the benchmark machine. */
    static final long PACE_TOKENS = 1500;

    @Param({"LOGBACK_FILE", "LOGBACK_ASYNC", "LOGBACK_OSS", "LOG4J2_FILE", "LOG4J2_ASYNC", "LOG4J2_OSS"})
    public Variant variant;

    private final Queue<Cursor> cursors = new ConcurrentLinkedQueue<>();
    private LogTarget target;

    /**
     * A logging thread's place in the mix, and what the thread allocated in the last iteration (JMH's {@code -prof
     * gc} divides the whole JVM's allocation by the calls, background threads and the local OSS included).
     */
    @State(Scope.Thread)
    public static class Cursor {
        private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long calls;
        private long iterationCalls;
        private long iterationBytes;
        private long iterationCpuNanos;
        private long iterationWallNanos;

        @Setup
        public void register(AppThreadBenchmark benchmark) {
            benchmark.cursors.add(this);
        }

        @Setup(Level.Iteration)
        public void startIteration() {
            iterationCalls = calls;
            iterationBytes = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
            iterationCpuNanos = THREADS.getCurrentThreadCpuTime();
            iterationWallNanos = System.nanoTime();
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            iterationBytes = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - iterationBytes;
            iterationCalls = calls - iterationCalls;
            iterationCpuNanos = THREADS.getCurrentThreadCpuTime() - iterationCpuNanos;
            iterationWallNanos = System.nanoTime() - iterationWallNanos;
        }

        @TearDown
        public void report(AppThreadBenchmark benchmark) {
            System.out.printf("%n%s: %s allocated %.0f bytes per call in the last iteration%n", benchmark.variant,
                    Thread.currentThread().getName(), (double) iterationBytes / Math.max(1, iterationCalls));
            // How much of the iteration the thread ran: on two cores, the rest it waited for a CPU (or parked).
            System.out.printf("%s: %s ran on a CPU %.0f%% of the last iteration (%.0f ns of CPU per call)%n",
                    benchmark.variant, Thread.currentThread().getName(),
                    100.0 * iterationCpuNanos / Math.max(1, iterationWallNanos),
                    (double) iterationCpuNanos / Math.max(1, iterationCalls));
        }
    }

    /** The paced regime's work between log calls; a fixture, so JMH leaves it out of the measured time. */
    @State(Scope.Thread)
    public static class Pace {
        @Setup(Level.Invocation)
        public void work() {
            Blackhole.consumeCPU(PACE_TOKENS);
        }
    }

    @Setup
    public void open() {
        target = variant.open(OssOptions.defaults());
    }

    @TearDown
    public void close(BenchmarkParams params) {
        long calls = 0;
        for (Cursor c : cursors) {
            calls += c.calls;
        }
        PipelineMXBean metrics = target.metrics();
        target.finish();
        long kept = metrics == null ? target.eventsLanded() : metrics.getEventsAccepted();
        String regime = params.getBenchmark().contains(".paced") ? " paced" : "";
        System.out.printf("%n%s%s: %d log calls, %d events %s (%.1f%%)%n", variant, regime, calls, kept,
                metrics == null ? "in the file" : "accepted by osslog", 100.0 * kept / Math.max(1, calls));
        target.close();
    }

    @Benchmark
    @Threads(1)
    public void oneThread(Cursor cursor) {
        target.log(EventMix.event(cursor.calls++));
    }

    @Benchmark
    @Threads(2)
    public void twoThreads(Cursor cursor) {
        target.log(EventMix.event(cursor.calls++));
    }

    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.SampleTime)
    public void pacedOneThread(Cursor cursor, Pace pace) {
        target.log(EventMix.event(cursor.calls++));
    }

    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.SampleTime)
    public void pacedTwoThreads(Cursor cursor, Pace pace) {
        target.log(EventMix.event(cursor.calls++));
    }
}
