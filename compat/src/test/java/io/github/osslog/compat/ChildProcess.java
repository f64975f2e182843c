package io.github.osslog.compat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one child process with a bounded wait and keeps what it printed. Immutable result; not shared. */
final class ChildProcess {
    final int exitCode;
    final boolean exited;
    final String output;
    final long millis;

    private ChildProcess(int exitCode, boolean exited, String output, long millis) {
        this.exitCode = exitCode;
        this.exited = exited;
        this.output = output;
        this.millis = millis;
    }

    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code command} in {@code dir}, output (stdout and stderr) into {@code log}; kills it after the limit. */
    static ChildProcess run(List<String> command, Path dir, Map<String, String> environment, Path log, long seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new ChildProcess(exited ? process.exitValue() : -1, exited, new String(Files.readAllBytes(log), UTF_8),
                millis);
    }

    @Override
    public String toString() {
        return (exited ? "exit " + exitCode : "did not exit") + " after " + millis + " ms; it printed:\n" + output;
    }
}
