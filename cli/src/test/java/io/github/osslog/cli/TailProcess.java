package io.github.osslog.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code java -jar osslog.jar ...} as a separate process, stdout to a file, stderr watched for a line. */
final class TailProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<String> stderr = new ArrayList<>();

    TailProcess(Map<String, String> env, Path stdout, String startedMarker, String... args) throws IOException {
        this.stdout = stdout;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("osslog.jar")));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    synchronized (stderr) {
                        stderr.add(line);
                    }
                    if (line.contains(startedMarker)) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "tail-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the marker line on stderr (the first discovery is done). */
    void awaitStarted(Duration timeout) throws InterruptedException {
        if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("osslog tail did not start: " + stderr());
        }
    }

    /** Waits until stdout holds {@code lines} lines or the timeout passes; returns stdout's lines. */
    List<String> awaitLines(int lines, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> out = read();
        while (out.size() < lines && System.nanoTime() < deadline && process.isAlive()) {
            process.waitFor(100, TimeUnit.MILLISECONDS); // returns early only if the process ends
            out = read();
        }
        return out;
    }

    List<String> read() throws IOException {
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }

    List<String> stderr() {
        synchronized (stderr) {
            return new ArrayList<>(stderr);
        }
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
