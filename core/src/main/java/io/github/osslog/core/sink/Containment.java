package io.github.osslog.core.sink;

import io.github.osslog.core.internal.buffer.DropReason;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The boundary between an application thread and an adapter: what a {@link Throwable} that escaped osslog's own
 * handling does there. Everything is contained (the event is dropped and counted as {@link DropReason#INTERNAL_ERROR},
 * and an error status says so, at most once per interval) except the errors of a failing JVM, which
 * {@link #rethrowIfFatal} passes on. A {@link StackOverflowError} is contained: it is usually one event's fault (a
 * recursive {@code toString()}), and the stack has unwound by the time it is caught. See
 * docs/configuration-errors.md. Thread-safe.
 */
public final class Containment {
    /** The least time between two reports. */
    public static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final LongSupplier nanoClock;
    /** When the next report may be made; Long.MIN_VALUE before the first. */
    private final AtomicLong nextReport = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong unreported = new AtomicLong();

    public Containment() {
        this(System::nanoTime);
    }

    /** @param nanoClock a {@link System#nanoTime()}-like clock (tests pass a fake one) */
    public Containment(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Throws {@code t} when it says the JVM itself is failing ({@link OutOfMemoryError}, {@link InternalError}, ...:
     * every {@link VirtualMachineError} but {@link StackOverflowError}); returns for anything else.
     */
    public static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    /**
     * Records one contained failure and returns how many failures this report covers (this one and those not
     * reported since the last report), or 0 when the interval since the last report has not passed yet.
     */
    public long failed() {
        unreported.incrementAndGet();
        long now = nanoClock.getAsLong();
        long next = nextReport.get();
        if ((next != Long.MIN_VALUE && now - next < 0) || !nextReport.compareAndSet(next, now + REPORT_INTERVAL_NANOS)) {
            return 0;
        }
        return Math.max(1, unreported.getAndSet(0)); // a racing failure may fall into the next report instead
    }

    /** The text of a report: what failed, its class (never its message, which may quote anything), how often. */
    public static String describe(String what, Throwable t, long count) {
        return "osslog: " + what + " failed with " + t.getClass().getName() + " (" + count
                + " time(s) since the last report, at most one report a minute); the event(s) were dropped and"
                + " counted under '" + DropReason.INTERNAL_ERROR.text() + "'";
    }
}
