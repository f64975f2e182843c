package io.github.osslog.benchmarks;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.internal.buffer.RecordConsumer;
import io.github.osslog.core.internal.buffer.RingBuffer;
import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.internal.pipeline.QuickDeflate;
import io.github.osslog.core.internal.sign.SignableRequest;
import io.github.osslog.core.internal.sign.V4Signer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core's parts alone: ring buffer publish + drain of one typical 120-byte line (per record, and amortised over
 * a 64-record drain), CRC-64 throughput beside {@code java.util.zip.CRC32} on 64 KiB (scores in bytes/s), and the
 * V4 signature of a typical AppendObject request (signing key cached, as in the pipeline), and deflate of a
 * 256 KiB gzip member of log text (seeded, varied lines with a stack trace now and then) by osslog's level 1,
 * {@code QuickDeflate}, beside zlib's level 1 through {@link Deflater} (scores in bytes/s; the setup prints both
 * sizes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CorePartsBenchmark {
    private static final int CRC_BYTES = 64 * 1024;
    private static final int BATCH = 64;
    private static final int MEMBER = 256 * 1024;

    private final byte[] line = ("2026-11-24T17:00:00.123Z INFO  [http-nio-8080-exec-7] shop.checkout.OrderService"
            + " - order ORD-2026-4711815 accepted\n").getBytes(StandardCharsets.UTF_8);
    private final byte[] block = new byte[CRC_BYTES];
    private final CRC32 crc32 = new CRC32();
    private final Credentials credentials = Credentials.of("LTAI5tBenchmarkKeyId00000", "benchmark-secret-000000000");
    private final V4Signer signer = new V4Signer("cn-hangzhou");
    private final Instant now = Instant.parse("2026-11-24T17:00:00Z");
    private final byte[] text = logText(MEMBER);
    private final byte[] deflated = new byte[QuickDeflate.bound(MEMBER)];
    private final QuickDeflate quick = new QuickDeflate();
    private final Deflater zlib = new Deflater(1, true);
    private RingBuffer ring;
    private long drained;
    private final RecordConsumer consumer = (buffer, off, len, level) -> drained += len;

    @Setup
    public void setUp() {
        ring = RingBuffer.builder().capacityBytes(1 << 20).build();
        new Random(7).nextBytes(block);
        System.out.printf("%n256 KiB of log text deflated: osslog level 1 %d bytes, zlib level 1 %d bytes%n",
                deflateQuick(), deflateZlib());
    }

    private static byte[] logText(int size) {
        String[] levels = {"DEBUG", "INFO ", "INFO ", "INFO ", "WARN "};
        String[] loggers = {"shop.web.RequestLog", "shop.checkout.OrderService", "shop.catalog.PriceCache"};
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        while (text.length() < size) {
            text.append(String.format("2026-11-24T17:%02d:%02d.%03dZ %s [http-nio-8080-exec-%d] %s - order ORD-2026-%d"
                    + " accepted for customer C%d in %d ms%n", random.nextInt(60), random.nextInt(60),
                    random.nextInt(1000), levels[random.nextInt(levels.length)], random.nextInt(20),
                    loggers[random.nextInt(loggers.length)], random.nextInt(10_000_000), random.nextInt(100_000),
                    random.nextInt(500)));
            if (random.nextInt(30) == 0) {
                text.append("java.lang.IllegalStateException: stock service answered 503\n")
                        .append("\tat shop.stock.StockClient.call(StockClient.java:212)\n")
                        .append("\tat shop.stock.Reservations.reserve(Reservations.java:54)\n");
            }
        }
        return Arrays.copyOf(text.toString().getBytes(StandardCharsets.UTF_8), size);
    }

    @Benchmark
    public int ringPublishDrain() {
        ring.publish(line, 0, line.length, LogLevel.INFO);
        return ring.drain(consumer, 1 << 20);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ringPublishDrainBatch() {
        for (int i = 0; i < BATCH; i++) {
            ring.publish(line, 0, line.length, LogLevel.INFO);
        }
        return ring.drain(consumer, 1 << 20);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CRC_BYTES)
    public long crc64() {
        return Crc64.compute(block, 0, block.length);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CRC_BYTES)
    public long crc32() {
        crc32.reset();
        crc32.update(block, 0, block.length);
        return crc32.getValue();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(MEMBER)
    public int deflateQuick() {
        return quick.deflate(text, 0, text.length, deflated, 0);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(MEMBER)
    public int deflateZlib() {
        zlib.reset();
        zlib.setInput(text, 0, text.length);
        zlib.finish();
        int size = 0;
        while (!zlib.finished()) {
            size += zlib.deflate(deflated, size, deflated.length - size);
        }
        return size;
    }

    @Benchmark
    public SignableRequest signAppend() {
        SignableRequest request = new SignableRequest("POST", "my-logs", "logs/2026-11-24/web-01-4711-0.log")
                .query("append", null).query("position", "41943040")
                .header("content-type", "text/plain; charset=utf-8");
        signer.sign(request, credentials, now);
        return request;
    }
}
