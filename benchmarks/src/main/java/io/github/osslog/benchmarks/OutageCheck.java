package io.github.osslog.benchmarks;

import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.testkit.Fault;
import io.github.osslog.testkit.RequestMatcher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory and drop accounting under an outage, for each adapter: the local OSS answers every request with 503 while
 * two threads log {@link EventMix} as fast as they can (default settings: 32 MB buffer, drop the newest event when
 * full; retries at most 1 s apart), sampling the live heap (after a full GC) every 2 s. Then the OSS recovers and
 * the check waits for the flush: dropped + shipped must equal logged, the drop notices in the object must add up to
 * the dropped count, and the live heap must have stayed within bufferSize + 16 MB above the heap before the appender
 * started (measured after a first, short run of the same setup, so one-time class state is not counted). Run:
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.osslog.benchmarks.OutageCheck [seconds
 * [LOGBACK_OSS|LOG4J2_OSS]]}.
 */
public final class OutageCheck {
    static final long BUFFER_BYTES = 32L << 20;
    static final long ALLOWANCE_BYTES = 16L << 20;
    private static final Pattern DROP_NOTICE = Pattern.compile("osslog dropped (\\d+) events");
    private static final int THREADS = 2;

    /** What one run measured. Immutable. */
    static final class Result {
        final String adapter;
        final long logged;
        final long shipped;
        final long dropped;
        final long droppedInObject;
        final long heapBefore;
        final long peakLiveHeap;
        final int samples;

        Result(String adapter, long logged, long shipped, long dropped, long droppedInObject, long heapBefore,
                long peakLiveHeap, int samples) {
            this.adapter = adapter;
            this.logged = logged;
            this.shipped = shipped;
            this.dropped = dropped;
            this.droppedInObject = droppedInObject;
            this.heapBefore = heapBefore;
            this.peakLiveHeap = peakLiveHeap;
            this.samples = samples;
        }

        long heapGrowth() {
            return peakLiveHeap - heapBefore;
        }

        boolean accountingExact() {
            return dropped + shipped == logged && droppedInObject == dropped;
        }

        boolean withinBudget() {
            return heapGrowth() <= BUFFER_BYTES + ALLOWANCE_BYTES;
        }

        @Override
        public String toString() {
            return String.format("%s: logged %d, shipped %d, dropped %d (drop notices in the object: %d) -> %s;"
                    + " live heap %.1f MB before, peak %.1f MB during the outage (+%.1f MB, budget %d MB + %d MB,"
                    + " %d samples) -> %s", adapter, logged, shipped, dropped, droppedInObject,
                    accountingExact() ? "exact" : "NOT EXACT", mb(heapBefore), mb(peakLiveHeap), mb(heapGrowth()),
                    BUFFER_BYTES >> 20, ALLOWANCE_BYTES >> 20, samples, withinBudget() ? "within" : "OVER");
        }

        private static double mb(long bytes) {
            return bytes / (1024.0 * 1024.0);
        }
    }

    private OutageCheck() {
    }

    public static void main(String[] args) throws InterruptedException {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        Variant[] variants = args.length > 1 ? new Variant[] {Variant.valueOf(args[1])}
                : new Variant[] {Variant.LOGBACK_OSS, Variant.LOG4J2_OSS};
        boolean ok = true;
        for (Variant variant : variants) {
            Result r = run(variant, Duration.ofSeconds(seconds));
            System.out.println(r);
            ok &= r.accountingExact() && r.withinBudget();
        }
        System.exit(ok ? 0 : 1);
    }

    /** Runs the outage for {@code variant} (LOGBACK_OSS or LOG4J2_OSS) for {@code outage}. */
    static Result run(Variant variant, Duration outage) throws InterruptedException {
        OssOptions options = OssOptions.defaults().maxBackoff(Duration.ofSeconds(1));
        warmUp(variant, options);
        try (LocalOss server = LocalOss.inThisJvm()) {
            server.faults().always(Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
            long before = liveHeap();
            FrameworkTarget target = open(variant, server, options);
            try {
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong logged = new AtomicLong();
                Thread[] threads = new Thread[THREADS];
                for (int t = 0; t < THREADS; t++) {
                    threads[t] = new Thread(() -> {
                        long n = 0;
                        while (running.get()) {
                            target.log(EventMix.event(n++));
                        }
                        logged.addAndGet(n);
                    }, "outage-logger-" + t);
                    threads[t].start();
                }
                long peak = 0;
                int samples = 0;
                long end = System.nanoTime() + outage.toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.min(2000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                    peak = Math.max(peak, liveHeap());
                    samples++;
                }
                running.set(false);
                for (Thread t : threads) {
                    t.join();
                }
                server.faults().clear();
                target.finish();
                PipelineMXBean m = target.metrics();
                String shipped = new String(server.content(target.keyPattern), StandardCharsets.UTF_8);
                return new Result(variant.name(), logged.get(), m.getEventsShipped(), m.getEventsDropped(),
                        droppedInObject(shipped), before, peak, samples);
            } finally {
                server.faults().clear();
                target.close();
            }
        }
    }

    private static FrameworkTarget open(Variant variant, LocalOss server, OssOptions options) {
        return variant == Variant.LOGBACK_OSS ? LogbackTarget.oss(server, options) : Log4j2Target.oss(server, options);
    }

    /**
     * Runs the setup once, so that the framework's and the HTTP client's one-time state (classes' static data,
     * caches) is in the baseline and the growth measured is what the running appender holds.
     */
    private static void warmUp(Variant variant, OssOptions options) {
        try (LocalOss server = LocalOss.inThisJvm(); LogTarget target = open(variant, server, options)) {
            for (int i = 0; i < 20_000; i++) {
                target.log(EventMix.event(i));
            }
            target.finish();
        }
    }

    /**
     * The heap in use right after a full collection, as the collector itself reports it: reading the current usage
     * instead would count what the logging threads allocate between the collection and the read.
     */
    private static long liveHeap() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    private static long droppedInObject(String text) {
        long total = 0;
        Matcher m = DROP_NOTICE.matcher(text);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
