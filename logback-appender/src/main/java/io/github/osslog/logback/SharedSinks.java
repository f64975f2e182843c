package io.github.osslog.logback;

import ch.qos.logback.core.Context;
import io.github.osslog.core.ShutdownReport;
import io.github.osslog.core.sink.Containment;
import io.github.osslog.core.sink.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The running shippers of this class loader's {@link OssAppender}s, by appender name and settings
 * ({@code Settings.fingerprint()}), so that a Logback reconfiguration hands a running shipper (its buffer,
 * thread and HTTP client) to the equal appender of the new configuration instead of shipping everything inside
 * Logback's reset and building a new one. An appender released inside a reset leaves its shipper running for
 * {@link #GRACE}; an equal appender started meanwhile takes it over, an appender of the same name with other
 * settings makes it stop at once, and otherwise it stops when the grace ends. Those stops run on a background thread
 * within the shutdown timeout; {@code LoggerContext.stop()}, a direct {@code stop()} and the JVM-exit hook stop it
 * before they return. See docs/reconfiguration.md. Thread-safe.
 */
final class SharedSinks {
    /** How long a shipper released inside a reset waits for an equal appender to take it over. */
    static final Duration GRACE = Duration.ofSeconds(5);

    /** Running and stopping shippers; a handful at most. Guarded by SharedSinks.class. */
    private static final List<Shared> ALL = new ArrayList<>();
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private SharedSinks() {
    }

    /** A shipper and the appenders using it; its exit hook stops them and it at JVM exit. */
    static final class Shared {
        final String key;
        final String name;
        final LogSink shipper;
        final StatusLogger status;
        final Set<OssAppender> users = new LinkedHashSet<>(); // guarded by SharedSinks.class
        private final CompletableFuture<Void> stopped = new CompletableFuture<>();
        /** Done when the shippers it replaces (same appender name) have stopped: it ships only then. */
        private CompletableFuture<Void> ready;
        private ExitHook hook;
        private Context releasedBy; // guarded by SharedSinks.class; the context of a release in a reset
        private ScheduledFuture<?> pendingStop; // guarded by SharedSinks.class
        private boolean stopping; // guarded by SharedSinks.class

        private Shared(String key, String name, LogSink shipper, StatusLogger status) {
            this.key = key;
            this.name = name;
            this.shipper = shipper;
            this.status = status;
        }

        /** The JVM shutdown hook's thread, or null (tests run it). */
        Thread hookThread() {
            ExitHook h = hook;
            return h == null ? null : h.thread();
        }

        private void exit() {
            List<OssAppender> appenders;
            synchronized (SharedSinks.class) {
                appenders = new ArrayList<>(users);
            }
            for (OssAppender appender : appenders) {
                appender.stop(); // not inside a reset: stops this shipper when it releases it last
            }
            stopNow(this);
        }
    }

    /**
     * The running shipper for {@code key}, taken over from a previous configuration, or the one {@code build} makes
     * and starts (null when it reports a problem: then null). Idle shippers of the same appender name with other
     * settings start stopping in the background.
     */
    static Shared acquire(String key, String name, OssAppender user, StatusLogger status,
            Supplier<LogSink> build) {
        List<CompletableFuture<Void>> replaced = new ArrayList<>();
        synchronized (SharedSinks.class) {
            for (Shared running : ALL) {
                if (running.key.equals(key) && !running.stopping) {
                    if (running.pendingStop != null) {
                        running.pendingStop.cancel(false);
                        running.pendingStop = null;
                    }
                    running.releasedBy = null;
                    running.users.add(user);
                    running.status.retarget(user);
                    return running;
                }
            }
            for (Shared other : ALL) {
                if (other.name.equals(name) && other.users.isEmpty()) {
                    if (!other.stopping) {
                        stopLater(other, 0); // replaced by other settings: drain now, not after the grace
                    }
                    replaced.add(other.stopped);
                }
            }
        }
        LogSink built = build.get();
        if (built == null) {
            return null;
        }
        Shared shared = new Shared(key, name, built, status);
        shared.ready = CompletableFuture.allOf(replaced.toArray(new CompletableFuture<?>[0]));
        synchronized (SharedSinks.class) {
            shared.users.add(user);
            ALL.add(shared);
        }
        shared.hook = ExitHook.register(name, shared::exit);
        if (!shared.ready.isDone()) {
            // two shippers appending to one object would each see the other as a foreign writer and roll
            user.addInfo("osslog: appender [" + name + "] buffers events and ships them once the previous"
                    + " configuration's shipper has shipped what it held (at most its shutdownTimeout)");
        }
        shared.ready.thenRun(() -> start(shared));
        return shared;
    }

    /** Starts shipping; on the thread that finished the last replaced shipper's stop, so it reports, not throws. */
    private static void start(Shared shared) {
        try {
            shared.shipper.start();
        } catch (Throwable e) {
            Containment.rethrowIfFatal(e);
            shared.status.error("osslog: appender [" + shared.name + "] could not start shipping ("
                    + e.getClass().getName() + ")", e);
        }
    }

    /**
     * {@code user} stops using {@code shared}. The last user's release stops the shipper before returning, unless
     * it happens inside a reset of {@code resetContext} (non-null): then the shipper keeps running for the grace
     * period and never delays the reset.
     */
    static void release(Shared shared, OssAppender user, Context resetContext) {
        synchronized (SharedSinks.class) {
            if (!shared.users.remove(user) || !shared.users.isEmpty()) {
                return;
            }
            if (resetContext != null) {
                shared.releasedBy = resetContext;
                stopLater(shared, GRACE.toMillis());
                return;
            }
        }
        stopNow(shared);
    }

    /** Stops, before returning, the shippers released in resets of {@code context} and not taken over. */
    static void stopReleasedBy(Context context) {
        List<Shared> released = new ArrayList<>();
        synchronized (SharedSinks.class) {
            for (Shared shared : ALL) {
                if (shared.users.isEmpty() && shared.releasedBy == context) {
                    released.add(shared);
                }
            }
        }
        released.forEach(SharedSinks::stopNow);
    }

    private static void stopLater(Shared shared, long delayMillis) {
        if (shared.pendingStop != null) {
            shared.pendingStop.cancel(false);
        }
        shared.pendingStop = TIMER.schedule(() -> stopNow(shared), delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops {@code shared} within its shutdown timeout and reports how it went, once; a caller that finds it
     * stopping already waits for that stop. A shipper taken over in between is left running.
     */
    private static void stopNow(Shared shared) {
        boolean first;
        synchronized (SharedSinks.class) {
            if (!shared.stopping && !shared.users.isEmpty()) {
                return;
            }
            first = !shared.stopping;
            if (first) {
                shared.stopping = true;
                if (shared.pendingStop != null) {
                    shared.pendingStop.cancel(false);
                }
            }
        }
        if (!first) {
            await(shared.stopped);
            return;
        }
        try {
            if (shared.hook != null) {
                shared.hook.remove();
            }
            await(shared.ready); // bounded by the shutdown timeouts of the shippers it replaces
            shared.shipper.start(); // what it buffered meanwhile ships now
            ShutdownReport report = shared.shipper.stop();
            shared.status.info("osslog: appender [" + shared.name + "] stopped: " + report);
        } catch (Throwable e) {
            Containment.rethrowIfFatal(e);
            shared.status.error("osslog: appender [" + shared.name + "] did not stop cleanly ("
                    + e.getClass().getName() + "); what it still buffered may be lost", e);
        } finally {
            synchronized (SharedSinks.class) {
                ALL.remove(shared);
            }
            shared.stopped.complete(null);
        }
    }

    /** Waits for a stop another thread runs (bounded by that shipper's shutdown timeout). */
    private static void await(CompletableFuture<Void> stop) {
        try {
            stop.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the stopping thread reported it
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "osslog-release");
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
