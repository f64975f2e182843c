package io.github.osslog.benchmarks;

import io.github.osslog.cli.Osslog;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.oss.ObjectStream;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.testkit.OssTestServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The reader's timed check (docs/reader.md): {@code osslog cat} of N lines (default 1,000,000, ~200 MB) from the
 * testkit, plain and gzip, against a raw ranged GET of the same object by a client made for it; then
 * {@code osslog tail -f} (a separate process) latency from an append's landing to the line's arrival on its stdout,
 * over 1,000 appends. Usage: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar
 * io.github.osslog.benchmarks.ReaderCheck [lines] [path/to/osslog.jar]}.
 */
public final class ReaderCheck {
    private static final String BUCKET = "bench";
    private static final int ROUNDS = 7;
    private static final int APPENDS = 1000;
    /** Appends before the measured ones, so the tail process's JIT has compiled its poll loop. */
    private static final int WARMUP_APPENDS = 100;
    private static final long POLL_MILLIS = 100;
    /** Lines per gzip member of the gzip twin: one appender batch of about 1 MB. */
    private static final int MEMBER_LINES = 5000;

    private ReaderCheck() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String jar = args.length > 1 ? args[1] : "cli/target/osslog.jar";
        try (OssTestServer server = OssTestServer.builder().credentials("AK", "SK").bucket(BUCKET).start();
                OssClient oss = OssClient.create(OssClientConfig.builder().endpoint(server.endpoint())
                        .bucket(BUCKET).region(server.region()).credentials(StaticCredentialsProvider.of("AK", "SK"))
                        .build())) {
            Map<String, String> env = new HashMap<>();
            env.put("OSS_ENDPOINT", server.endpoint());
            env.put("OSS_BUCKET", BUCKET);
            env.put("OSS_REGION", server.region());
            env.put("OSS_ACCESS_KEY_ID", "AK");
            env.put("OSS_ACCESS_KEY_SECRET", "SK");
            long plainBytes = write(oss, lines);
            long gzipBytes = server.length(BUCKET, "bench/gzip/0.log.gz").getAsLong();
            System.out.printf("objects: %,d lines, plain %,d bytes, gzip %,d bytes (%d-line members)%n", lines,
                    plainBytes, gzipBytes, MEMBER_LINES);
            printLoad();
            throughput(oss, env, "plain", "bench/plain/0.log", "bench/plain/%i.log", plainBytes);
            throughput(oss, env, "gzip", "bench/gzip/0.log.gz", "bench/gzip/%i.log.gz", gzipBytes);
            printLoad();
            latency(oss, env, jar);
        }
    }

    /** Writes the plain object in 4 MB appends and its gzip twin one member per 5,000 lines (an appender batch). */
    private static long write(OssClient oss, int lines) throws IOException {
        Random random = new Random(42);
        ByteArrayOutputStream plain = new ByteArrayOutputStream(4 << 20);
        ByteArrayOutputStream member = new ByteArrayOutputStream(1 << 20);
        long plainAt = 0;
        long gzipAt = 0;
        for (int i = 0; i < lines; i++) {
            byte[] line = line(i, random);
            plain.write(line);
            member.write(line);
            if (plain.size() >= 4 << 20 || i == lines - 1) {
                plainAt = oss.append("bench/plain/0.log", plainAt, plain.toByteArray()).nextPosition();
                plain.reset();
            }
            if ((i + 1) % MEMBER_LINES == 0 || i == lines - 1) {
                gzipAt = oss.append("bench/gzip/0.log.gz", gzipAt, gzip(member.toByteArray())).nextPosition();
                member.reset();
            }
        }
        return plainAt;
    }

    /** About 200 bytes, like a pattern-layout line with a request's details. */
    private static byte[] line(int i, Random random) {
        String text = String.format("2026-12-07T10:%02d:%02d.%03dZ INFO  [worker-%d] io.github.osslog.bench.Service"
                + " - request %d served in %d ms user=u%06d path=/api/v1/items/%d?page=%d status=%d trace=%016x%n",
                (i / 60000) % 60, (i / 1000) % 60, i % 1000, random.nextInt(16), i, random.nextInt(900),
                random.nextInt(1_000_000), random.nextInt(100_000), random.nextInt(20),
                random.nextInt(10) == 0 ? 500 : 200, random.nextLong());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 << 10) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static void throughput(OssClient oss, Map<String, String> env, String name, String key, String pattern,
            long objectBytes) throws IOException {
        double[] raw = new double[ROUNDS];
        double[] jdk = new double[ROUNDS];
        double[] cat = new double[ROUNDS];
        long[] printed = {0};
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            long got = rawGet(oss.config(), key);
            raw[r] = seconds(t0);
            if (got != objectBytes) {
                throw new IllegalStateException("raw GET read " + got + " of " + objectBytes + " bytes");
            }
            if (key.endsWith(".gz")) {
                long t2 = System.nanoTime();
                gunzip(oss.config(), key);
                jdk[r] = seconds(t2);
            }
            printed[0] = 0;
            OutputStream counting = new OutputStream() {
                @Override
                public void write(int b) {
                    printed[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    printed[0] += len;
                }
            };
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long t1 = System.nanoTime();
            int code = Osslog.run(new String[] {"cat", pattern}, env, counting,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            cat[r] = seconds(t1);
            if (code != 0) {
                throw new IllegalStateException("osslog cat exited " + code + ": " + err);
            }
        }
        double rawMedian = median(raw);
        double catMedian = median(cat);
        System.out.printf("%s: raw ranged GET %.0f MB/s (median %.3f s), osslog cat %.0f MB/s of object bytes"
                + " (median %.3f s, %,d bytes printed = %.0f MB/s printed), ratio %.2fx%n", name,
                objectBytes / rawMedian / 1e6, rawMedian, objectBytes / catMedian / 1e6, catMedian, printed[0],
                printed[0] / catMedian / 1e6, rawMedian / catMedian);
        if (key.endsWith(".gz")) {
            double jdkMedian = median(jdk);
            System.out.printf("%s: raw ranged GET through the JDK's GZIPInputStream %.0f MB/s of object bytes"
                    + " (median %.3f s), ratio to the raw GET %.2fx; osslog cat / GZIPInputStream %.2fx%n", name,
                    objectBytes / jdkMedian / 1e6, jdkMedian, rawMedian / jdkMedian, jdkMedian / catMedian);
        }
    }

    /** The floor for decoding: the same GET read through {@link GZIPInputStream}, which reads every member. */
    private static void gunzip(OssClientConfig config, String key) throws IOException {
        byte[] buffer = new byte[64 << 10];
        try (OssClient oss = OssClient.create(config); ObjectStream stream = oss.openRange(key, 0);
                InputStream in = new GZIPInputStream(stream.body(), 64 << 10)) {
            while (in.read(buffer) >= 0) {
                // decoding is what is measured
            }
        }
    }

    /**
     * The baseline: a client made for the occasion (as any command makes one) and one streamed ranged GET of the
     * whole object into a 64 KiB buffer.
     */
    private static long rawGet(OssClientConfig config, String key) throws IOException {
        byte[] buffer = new byte[64 << 10];
        long total = 0;
        try (OssClient oss = OssClient.create(config); ObjectStream stream = oss.openRange(key, 0)) {
            InputStream body = stream.body();
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                total += n;
            }
        }
        return total;
    }

    /** Appends one line at a time and times its arrival on a {@code tail -f} process's stdout. */
    private static void latency(OssClient oss, Map<String, String> env, String jar) throws Exception {
        String key = "bench/tail/0.log";
        long at = oss.append(key, 0, "start\n".getBytes(StandardCharsets.UTF_8)).nextPosition();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar, "tail", "-f", "-n", "0", "-v", "--poll-interval", POLL_MILLIS + "ms", "bench/tail/%i.log");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process tail = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(tail.getInputStream(),
                StandardCharsets.UTF_8));
                BufferedReader err = new BufferedReader(new InputStreamReader(tail.getErrorStream(),
                        StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line == null || !line.contains("following:"); line = err.readLine()) {
                if (line == null) {
                    throw new IllegalStateException("tail ended before it started following");
                }
            }
            double[] millis = new double[APPENDS + WARMUP_APPENDS];
            for (int i = 0; i < APPENDS + WARMUP_APPENDS; i++) {
                at = oss.append(key, at, ("line " + i + "\n").getBytes(StandardCharsets.UTF_8)).nextPosition();
                long landed = System.nanoTime();
                String printed = out.readLine();
                millis[i] = (System.nanoTime() - landed) / 1e6;
                if (!("line " + i).equals(printed)) {
                    throw new IllegalStateException("tail printed '" + printed + "', expected 'line " + i + "'");
                }
                // a random phase against the poll, as real appends have
                Thread.sleep(ThreadLocalRandom.current().nextLong(POLL_MILLIS));
            }
            millis = Arrays.copyOfRange(millis, WARMUP_APPENDS, millis.length);
            Arrays.sort(millis);
            System.out.printf("tail -f (poll %d ms, %d appends after %d warm-up ones): median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    POLL_MILLIS, APPENDS, WARMUP_APPENDS, millis[APPENDS / 2], millis[(int) (APPENDS * 0.99) - 1],
                    millis[APPENDS - 1]);
        } finally {
            tail.destroy();
            tail.waitFor();
        }
    }

    /** The machine's load: other processes take the CPU that decoding needs, so every result is read with it. */
    private static void printLoad() {
        System.out.printf("load average (1 min): %.2f on %d CPUs%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
