package io.github.osslog.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.InvalidSettingException;
import io.github.osslog.core.internal.buffer.OverflowPolicy;
import io.github.osslog.core.internal.objects.LocalIdentity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PipelineConfigTest {

    private static String rejected(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void defaultsAreSafe() {
        PipelineConfig c = PipelineConfig.builder().build();
        assertEquals(32 << 20, c.bufferSize());
        assertEquals(4 << 20, c.batchMaxBytes());
        assertEquals(256 << 10, c.maxEventSize());
        assertEquals(Duration.ofSeconds(1), c.flushInterval());
        assertEquals(1L << 30, c.maxObjectSize());
        assertEquals(OverflowPolicy.DROP_NEWEST, c.overflowPolicy());
        assertNull(c.discardLevel());
        assertEquals(Compression.NONE, c.compression());
        assertEquals(1, c.compressionLevel());
        assertEquals(ZoneOffset.UTC, c.timeZone());
        assertEquals("text/plain; charset=utf-8", c.creationHeaders().get("content-type"));
        String key = c.objectKeyPattern().render(Instant.parse("2026-11-24T10:00:00Z"), 0);
        assertTrue(key.startsWith("logs/2026-11-24/"), key);
        assertTrue(key.endsWith("-" + LocalIdentity.pid() + "-0.log"), "host and pid keep processes apart: " + key);
    }

    @Test
    void gzipChangesTheDefaultKeySuffixAndContentType() {
        PipelineConfig c = PipelineConfig.builder().compression(Compression.GZIP).build();
        assertTrue(c.objectKeyPattern().pattern().endsWith(".log.gz"));
        assertEquals("application/gzip", c.creationHeaders().get("Content-Type"));
        PipelineConfig own = PipelineConfig.builder().compression(Compression.GZIP)
                .creationHeader("content-type", "text/plain").build();
        assertEquals("text/plain", own.creationHeaders().get("Content-Type"));
    }

    @Test
    void badSizesNameTheSetting() {
        assertEquals("bufferSize (0 bytes) must be between 4KB and 1GB",
                rejected(() -> PipelineConfig.builder().bufferSize(0)));
        assertTrue(rejected(() -> PipelineConfig.builder().batchMaxBytes(-1)).startsWith("batchMaxBytes"));
        assertTrue(rejected(() -> PipelineConfig.builder().maxEventSize(10)).startsWith("maxEventSize"));
        assertTrue(rejected(() -> PipelineConfig.builder().maxObjectSize(0)).startsWith("maxObjectSize"));
        assertEquals("maxObjectSize (6GB) must be positive and at most 5GB, the limit of an appendable object",
                rejected(() -> PipelineConfig.builder().maxObjectSize(6L << 30)));
    }

    /** Problems carry the setting itself, so that the settings layer never reads it out of the message. */
    @Test
    void problemsNameTheirSettingOutsideTheMessage() {
        assertEquals("maxEventSize", assertThrows(InvalidSettingException.class,
                () -> PipelineConfig.builder().bufferSize(8192).maxEventSize(8192).batchMaxBytes(8192).build())
                .setting());
        assertEquals("spoolMaxBytes", assertThrows(InvalidSettingException.class,
                () -> PipelineConfig.builder().spoolDirectory(java.nio.file.Paths.get("s")).spoolMaxBytes(4096)
                        .build()).setting());
        assertEquals("discardThreshold (1.5) must be above 0 and below 1, e.g. 0.8 for 80% full",
                rejected(() -> PipelineConfig.builder().discardThreshold(1.5)));
        assertEquals("maxEventSize (4KB) must be at most half of bufferSize (8KB) minus 8 bytes",
                rejected(() -> PipelineConfig.builder().bufferSize(8192).batchMaxBytes(4096).maxEventSize(4096)
                        .build()));
    }

    @Test
    void combinationsAreCheckedInBuild() {
        assertEquals("batchMaxBytes (64MB) must not exceed bufferSize (32MB)",
                rejected(() -> PipelineConfig.builder().batchMaxBytes(64 << 20).build()));
        assertEquals("maxEventSize (8MB) must not exceed batchMaxBytes (4MB)",
                rejected(() -> PipelineConfig.builder().maxEventSize(8 << 20).build()));
        assertTrue(rejected(() -> PipelineConfig.builder().bufferSize(8192).batchMaxBytes(8192).maxEventSize(8192)
                .build()).contains("half of bufferSize"));
        assertEquals("batchMaxBytes (4MB) must not exceed maxObjectSize (1MB)",
                rejected(() -> PipelineConfig.builder().maxObjectSize(1 << 20).build()));
        assertTrue(rejected(() -> PipelineConfig.builder().initialBackoff(Duration.ofSeconds(10))
                .maxBackoff(Duration.ofSeconds(1)).build()).startsWith("initialBackoff"));
    }

    @Test
    void badDurationsAndFractionsNameTheSetting() {
        assertTrue(rejected(() -> PipelineConfig.builder().flushInterval(Duration.ZERO)).startsWith("flushInterval"));
        assertTrue(rejected(() -> PipelineConfig.builder().flushInterval(null)).startsWith("flushInterval"));
        assertTrue(rejected(() -> PipelineConfig.builder().blockTimeout(Duration.ofMillis(-1)))
                .startsWith("blockTimeout"));
        assertTrue(rejected(() -> PipelineConfig.builder().shutdownTimeout(Duration.ofHours(1)))
                .startsWith("shutdownTimeout"));
        assertTrue(rejected(() -> PipelineConfig.builder().discardThreshold(1.0)).startsWith("discardThreshold"));
        assertTrue(rejected(() -> PipelineConfig.builder().discardThreshold(Double.NaN))
                .startsWith("discardThreshold"));
        assertTrue(rejected(() -> PipelineConfig.builder().compressionLevel(0)).startsWith("compressionLevel"));
        assertTrue(rejected(() -> PipelineConfig.builder().compressionLevel(10)).contains("1 (fastest"));
    }

    @Test
    void badNamesPatternsAndHeadersAreRejected() {
        assertTrue(rejected(() -> PipelineConfig.builder().name("a b")).startsWith("name 'a b'"));
        assertTrue(rejected(() -> PipelineConfig.builder().objectKeyPattern("logs/%x-%i").build())
                .contains("unknown token '%x'"));
        assertTrue(rejected(() -> PipelineConfig.builder().objectKeyPattern("logs/%{app}-%i").build())
                .contains("%{app}"));
        assertEquals("logs/shop-0", PipelineConfig.builder().objectKeyPattern("logs/%{app}-%i")
                .keyValue("app", "shop").build().objectKeyPattern().render(Instant.EPOCH, 0));
        assertTrue(rejected(() -> PipelineConfig.builder().creationHeader("Authorization", "x"))
                .contains("'Authorization' is not a header that applies when an object is created"));
        assertTrue(rejected(() -> PipelineConfig.builder().creationHeader("x-oss-meta-a", "1\r\nX: y"))
                .contains("line breaks"));
        assertEquals("v", PipelineConfig.builder().creationHeader("x-oss-meta-team", "v").build()
                .creationHeaders().get("X-OSS-META-TEAM"));
    }
}
