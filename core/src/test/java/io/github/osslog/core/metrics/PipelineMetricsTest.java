package io.github.osslog.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {
    @Test
    void failureCodesAreBoundedWhateverAServerSends() {
        PipelineMetrics metrics = new PipelineMetrics(Clock.systemUTC(), () -> 0, Collections::emptyMap);
        for (int i = 0; i < 10_000; i++) {
            metrics.failure("Code" + i, "hostile code " + i);
        }
        metrics.failure("Code0", "a known code still counts as itself");
        Map<String, Long> byCode = metrics.getFailuresByCode();
        assertEquals(PipelineMetrics.MAX_FAILURE_CODES + 1, byCode.size());
        assertEquals(Long.valueOf(2), byCode.get("Code0"));
        assertEquals(Long.valueOf(10_000 - PipelineMetrics.MAX_FAILURE_CODES), byCode.get(PipelineMetrics.OTHER_CODES));
    }
}
