package io.github.osslog.benchmarks;

import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.testkit.Faults;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.cli.Main;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The testkit server a benchmark ships to over loopback, read back through the OSS protocol (HeadObject, GetObject,
 * DeleteObject). The timed benchmarks use {@link #shared()}: one server per JVM, in a child JVM of its own, as a
 * real endpoint is outside the application's process. In this JVM its stored objects (gigabytes in a paced run)
 * would be the application's heap: G1's frequent cycles and pauses for them stalled the
 * logging threads for a cost no deployment pays. {@link #inThisJvm()} is for checks that inject faults. Each
 * setup logs under its own {@link #runKeyPattern key prefix} and {@link #discard}s its objects when it closes.
 * Thread-safe.
 */
final class LocalOss implements AutoCloseable {
    static final String BUCKET = "bench";
    static final String ACCESS_KEY_ID = "AK";
    static final String ACCESS_KEY_SECRET = "SK";
    static final String REGION = "cn-hangzhou";
    private static final String LISTENING = "osslog testkit listening on ";
    /**
     * JVM options for the child JVM, separated by spaces (e.g. a profiler agent, or {@code -Xms8g -Xmx8g
     * -XX:+AlwaysPreTouch}); none by default. See docs/benchmarks.md.
     */
    static final String CHILD_JVM_ARGS = "osslog.bench.testkitJvmArgs";

    private static LocalOss shared;

    private final OssTestServer server;
    private final Process process;
    private final String endpoint;
    private final OssClient client;
    private final AtomicInteger runs = new AtomicInteger();

    private LocalOss(OssTestServer server, Process process, String endpoint) {
        this.server = server;
        this.process = process;
        this.endpoint = endpoint;
        this.client = OssClient.create(OssClientConfig.builder().endpoint(endpoint).bucket(BUCKET).region(REGION)
                .credentials(StaticCredentialsProvider.of(ACCESS_KEY_ID, ACCESS_KEY_SECRET)).build());
    }

    /** A server in this JVM, with fault injection; the caller closes it. */
    static LocalOss inThisJvm() {
        try {
            OssTestServer server = OssTestServer.builder().credentials(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
                    .region(REGION).bucket(BUCKET).journalCapacity(0).start();
            return new LocalOss(server, null, server.endpoint());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's server in a child JVM, started on first use and stopped when this JVM exits. */
    static synchronized LocalOss shared() {
        if (shared == null) {
            shared = inChildJvm(System.getProperty(CHILD_JVM_ARGS, ""));
            LocalOss stopping = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stopping::close, "local-oss-stop"));
        }
        return shared;
    }

    /**
     * A server in a child JVM started with {@code jvmOptions} (space-separated, may be empty); the caller closes it.
     * What the child prints before it listens (a JVM option's or an agent's output) is passed on to standard error.
     */
    static LocalOss inChildJvm(String jvmOptions) {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        if (!jvmOptions.isBlank()) {
            command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "--port", "0",
                "--access-key-id", ACCESS_KEY_ID, "--access-key-secret", ACCESS_KEY_SECRET, "--region", REGION,
                "--bucket", BUCKET));
        Process process = null;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            StringBuilder printed = new StringBuilder();
            while (line != null && !line.startsWith(LISTENING)) {
                System.err.println("[local OSS] " + line);
                printed.append(line).append(System.lineSeparator());
                line = out.readLine();
            }
            if (line == null) {
                throw new IllegalStateException("the testkit child JVM (options [" + jvmOptions
                        + "]) did not start; it printed: " + printed.toString().trim());
            }
            Thread echo = new Thread(() -> echo(out), "local-oss-output");
            echo.setDaemon(true);
            echo.start();
            return new LocalOss(null, process, line.substring(LISTENING.length()).trim());
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            throw e instanceof IOException ? new UncheckedIOException((IOException) e) : (RuntimeException) e;
        }
    }

    /** Passes on whatever else the child prints (nothing, unless it fails). */
    private static void echo(BufferedReader out) {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                System.err.println("[local OSS] " + line);
            }
        } catch (IOException e) {
            System.err.println("[local OSS] output lost: " + e);
        }
    }

    String endpoint() {
        return endpoint;
    }

    /**
     * The CPU time the server's child JVM has used so far, in nanoseconds (the OS counts it in clock ticks, 10 ms
     * here), or -1 for a server in this JVM or where the OS does not tell.
     */
    long cpuNanos() {
        if (process == null) {
            return -1;
        }
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    /** The server's fault injection; only {@link #inThisJvm()} has it. */
    Faults faults() {
        if (server == null) {
            throw new IllegalStateException("fault injection needs LocalOss.inThisJvm()");
        }
        return server.faults();
    }

    /** {@code pattern} under a prefix no other setup on this server uses. */
    String runKeyPattern(String pattern) {
        return "run" + runs.incrementAndGet() + "/" + pattern;
    }

    /** The total size of the objects {@code keyPattern} (with {@code %i}) names, index 0 upwards. */
    long storedBytes(String keyPattern) {
        long total = 0;
        for (int i = 0; ; i++) {
            ObjectInfo info = head(key(keyPattern, i));
            if (info == null) {
                return total;
            }
            total += info.length();
        }
    }

    /** The concatenated bytes of those objects (for checks on small runs). */
    byte[] content(String keyPattern) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            for (int i = 0; head(key(keyPattern, i)) != null; i++) {
                all.writeBytes(client.get(key(keyPattern, i)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toByteArray();
    }

    /** Deletes those objects, so that a long-lived server holds only the running setup's. */
    void discard(String keyPattern) {
        try {
            for (int i = 0; head(key(keyPattern, i)) != null; i++) {
                client.delete(key(keyPattern, i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectInfo head(String key) {
        try {
            return client.head(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String keyPattern, int index) {
        return keyPattern.replace("%i", Integer.toString(index));
    }

    @Override
    public void close() {
        client.close();
        if (server != null) {
            server.close();
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
