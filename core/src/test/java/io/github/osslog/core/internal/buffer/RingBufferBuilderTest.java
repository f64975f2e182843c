package io.github.osslog.core.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The ring trusts its builder's arguments (PipelineConfig checks them); these are its defaults and edges. */
class RingBufferBuilderTest {

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
    void theLargestEventThatFitsTwiceIsKeptWhole() {
        int largest = 4096 / 2 - RingBuffer.RECORD_HEADER_BYTES;
        assertEquals(largest, RingBuffer.builder().capacityBytes(4096).maxEventBytes(largest).build().maxEventBytes());
    }

    @Test
    void hugeBlockTimeoutSaturatesInsteadOfOverflowing() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(Long.MAX_VALUE)).build();
        assertEquals(OverflowPolicy.BLOCK, ring.overflowPolicy());
    }
}
