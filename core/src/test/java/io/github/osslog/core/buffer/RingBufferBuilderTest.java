package io.github.osslog.core.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RingBufferBuilderTest {

    private static void rejected(String expectedMessage, Executable call) {
        Exception e = assertThrows(RuntimeException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void defaults() {
        RingBuffer ring = RingBuffer.builder().build();
        assertEquals(32 << 20, ring.capacity());
        assertEquals(256 << 10, ring.maxEventBytes());
        assertEquals(OverflowPolicy.DROP_NEWEST, ring.overflowPolicy());
        assertEquals(1024, RingBuffer.builder().capacityBytes(4096).build().maxEventBytes(),
                "small rings default to a quarter of their capacity");
    }

    @Test
    void invalidSettingsAreRejectedWithTheSettingNamed() {
        RingBuffer.Builder b = RingBuffer.builder();
        rejected("capacityBytes 4095 is out of range: use 4096 (4 KiB) to 1073741824 (1 GiB)",
                () -> b.capacityBytes(4095));
        rejected("capacityBytes 1073741825 is out of range: use 4096 (4 KiB) to 1073741824 (1 GiB)",
                () -> b.capacityBytes((1 << 30) + 1));
        rejected("maxEventBytes 255 is too small: use at least 256", () -> b.maxEventBytes(255));
        rejected("overflowPolicy must not be null: use DROP_NEWEST, DROP_OLDEST or BLOCK",
                () -> b.overflowPolicy(null));
        rejected("blockTimeout PT-1S is negative: use zero or a positive duration",
                () -> b.blockTimeout(Duration.ofSeconds(-1)));
        rejected("blockTimeout must not be null: use e.g. Duration.ofSeconds(1)", () -> b.blockTimeout(null));
        rejected("discardBelow fillThreshold 1.0 is out of range: use a fraction above 0 and below 1,"
                + " e.g. 0.8 for 80% full", () -> b.discardBelow(LogLevel.INFO, 1.0));
        rejected("discardBelow fillThreshold NaN is out of range: use a fraction above 0 and below 1,"
                + " e.g. 0.8 for 80% full", () -> b.discardBelow(LogLevel.INFO, Double.NaN));
        rejected("discardBelow level must not be null: use e.g. LogLevel.INFO", () -> b.discardBelow(null, 0.5));
        rejected("clock must not be null", () -> b.clock(null));
    }

    @Test
    void maxEventBytesMustFitTwiceInTheRing() {
        rejected("maxEventBytes 2041 is too large for capacityBytes 4096: use at most capacityBytes / 2 - 8 = 2040,"
                + " or raise capacityBytes",
                () -> RingBuffer.builder().capacityBytes(4096).maxEventBytes(2041).build());
        assertEquals(2040, RingBuffer.builder().capacityBytes(4096).maxEventBytes(2040).build().maxEventBytes());
    }

    @Test
    void hugeBlockTimeoutSaturatesInsteadOfOverflowing() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(Long.MAX_VALUE)).build();
        assertEquals(OverflowPolicy.BLOCK, ring.overflowPolicy());
    }
}
