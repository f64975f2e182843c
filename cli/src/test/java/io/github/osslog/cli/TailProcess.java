package io.github.osslog.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code java -jar osslog.jar ...} as a separate process; its stdout and stderr lines are collected as they come,
 * and waits end on what the process printed (or its end), never on a fixed pause. Thread-safe.
 */
final class TailProcess implements AutoCloseable {
    private final Process process;
    private final String startedMarker;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    /** Streams that reached their end (the process closed them: it ended). */
    private int ended;

    TailProcess(Map<String, String> env, String startedMarker, String... args) throws IOException {
        this.startedMarker = startedMarker;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("osslog.jar")));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        process = builder.start();
        collect(process.getInputStream(), "tail-stdout", stdout::add);
        collect(process.getErrorStream(), "tail-stderr", stderr::add);
    }

    /** Reads {@code in} line by line on a daemon thread; each line wakes the waits. */
    private void collect(InputStream in, String name, Consumer<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (this) {
                        lines.accept(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                synchronized (this) {
                    ended++;
                    notifyAll();
                }
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the marker line on stderr (the first discovery is done). */
    synchronized void awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stderr.stream().noneMatch(l -> l.contains(startedMarker))) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended == 2) {
                throw new AssertionError("osslog tail did not start: " + describe());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Waits until stdout holds {@code lines} lines, the process ends, or {@code stall} passes without a new line
     * (a loaded machine slows tail down; only a tail that stopped printing fails); returns stdout's lines.
     */
    synchronized List<String> awaitLines(int lines, Duration stall) throws InterruptedException {
        long deadline = System.nanoTime() + stall.toNanos();
        int seen = stdout.size();
        while (stdout.size() < lines && ended < 2) {
            if (stdout.size() > seen) {
                seen = stdout.size();
                deadline = System.nanoTime() + stall.toNanos();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return new ArrayList<>(stdout);
    }

    synchronized List<String> stderr() {
        return new ArrayList<>(stderr);
    }

    /** For failure messages: alive or the exit code, and what the process said on stderr. */
    synchronized String describe() {
        return (process.isAlive() ? "running" : "exited " + process.exitValue()) + ", stderr " + stderr;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
