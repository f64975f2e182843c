package io.github.osslog.core.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reasons' texts are what users see in JMX, statuses and drop lines: they must not change. */
class DropReasonTest {
    @Test
    void textsAreTheOnesUsersSee() {
        assertEquals(List.of("buffer full", "oldest discarded", "block timeout", "level discard", "spool full",
                "rejected by the store", "corrupt spool record", "pipeline stopped", "logged by the shipper thread",
                "logged by osslog's HTTP client", "logged while appending (re-entrant)", "encoder failed",
                "internal error"), Arrays.stream(DropReason.values()).map(DropReason::text).collect(Collectors.toList()));
    }

    @Test
    void theRingCountsOnlyDownstreamLossesForOthers() {
        RingBuffer ring = RingBuffer.builder().capacityBytes(4096).build();
        ring.countDownstreamLoss(DropReason.SPOOL_FULL, 2);
        assertEquals(2L, ring.drops().byReason().get("spool full"));
        assertThrows(IllegalArgumentException.class,
                () -> ring.countDownstreamLoss(DropReason.BUFFER_FULL, 1));
    }
}
