package io.github.osslog.reader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Turns a push-style reading loop into a blocking iterator: the loop runs on its own daemon thread and hands lines
 * over through a bounded queue, so memory stays bounded whatever the object sizes. {@link #close()} stops the
 * loop. The iterator is for one consumer thread.
 */
final class LineQueue implements Iterator<LogLine>, AutoCloseable {
    private static final int CAPACITY = 4096;
    private static final Object END = new Object();

    /** The reading loop: pushes lines until done, or until it sees the queue closed. */
    interface Producer {
        void run(Consumer<LogLine> sink) throws IOException;
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private final Runnable onClose;
    private volatile boolean closed;
    private Object next;

    LineQueue(String name, Producer producer, Runnable onClose) {
        this.onClose = onClose;
        this.thread = new Thread(() -> {
            Object last = END;
            try {
                producer.run(this::put);
            } catch (IOException e) {
                last = e;
            } catch (RuntimeException | Error e) {
                last = e;
            } finally {
                if (!closed) {
                    putQuietly(last);
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void put(LogLine line) {
        if (closed) {
            throw new Stopped();
        }
        putQuietly(line);
    }

    private void putQuietly(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next log line", e);
            }
        }
        if (next instanceof IOException) {
            throw new UncheckedIOException((IOException) next);
        }
        if (next instanceof RuntimeException) {
            throw (RuntimeException) next;
        }
        if (next instanceof Error) {
            throw (Error) next;
        }
        return next != END;
    }

    @Override
    public LogLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LogLine line = (LogLine) next;
        next = null;
        return line;
    }

    /** Stops the reading loop and waits briefly for its thread. */
    @Override
    public void close() {
        closed = true;
        onClose.run();
        thread.interrupt();
        queue.clear();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the producer's loop once the consumer closed the queue. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the line iterator was closed", null, false, false);
        }
    }
}
