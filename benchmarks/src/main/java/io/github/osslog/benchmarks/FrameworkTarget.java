package io.github.osslog.benchmarks;

import io.github.osslog.core.metrics.PipelineMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every {@link LogTarget} does around its framework: a file baseline or an osslog appender shipping to a
 * {@link LocalOss}; subclasses supply the framework's context and appender. Not thread-safe apart from {@code log}.
 */
abstract class FrameworkTarget implements LogTarget {
    Path file;
    LocalOss server;
    String keyPattern;

    /** The osslog appender's counters, or {@code null} for a file baseline. */
    abstract PipelineMXBean ossMetrics();

    /** Waits until the osslog appender shipped everything; whether it did in {@code timeout}. */
    abstract boolean ossFlush(Duration timeout);

    /** Stops the framework's logger context (and with it the appenders). */
    abstract void stopContext();

    @Override
    public long eventsLanded() {
        return server == null ? FileCheck.events(file) : ossMetrics().getEventsShipped();
    }

    @Override
    public PipelineMXBean metrics() {
        return server == null ? null : ossMetrics();
    }

    @Override
    public Landed finish() {
        if (server == null) {
            stopContext();
            return FileCheck.landed(file);
        }
        return OssCheck.landed(ossFlush(Duration.ofMinutes(2)), ossMetrics(), server, keyPattern);
    }

    @Override
    public void close() {
        stopContext();
        if (server != null) {
            server.discard(keyPattern);
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
