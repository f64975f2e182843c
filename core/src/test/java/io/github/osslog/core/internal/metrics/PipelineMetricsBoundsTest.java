package io.github.osslog.core.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.Redactor;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failure codes and error texts come from servers and exceptions: their map is bounded, their texts clean. */
class PipelineMetricsBoundsTest {
    private final PipelineMetrics metrics = new PipelineMetrics(Clock.systemUTC(), () -> 0, Collections::emptyMap);

    @Test
    void distinctCodesBeyondTheBoundAreCountedAsOther() {
        for (int i = 0; i < 10_000; i++) {
            metrics.failure("Code" + i, "failure " + i);
        }
        metrics.failure("Code0", "known code");

        Map<String, Long> byCode = metrics.getFailuresByCode();
        assertEquals(PipelineMetrics.MAX_CODES + 1, byCode.size());
        assertEquals(2L, byCode.get("Code0"));
        assertEquals(10_000L - PipelineMetrics.MAX_CODES, byCode.get(PipelineMetrics.OTHER_CODE));
    }

    @Test
    void codesAreShortPrintableAscii() {
        metrics.failure("Evil\r\nCode\u001b[31m" + "x".repeat(500), "m");
        metrics.failure(null, "m");

        for (String code : metrics.getFailuresByCode().keySet()) {
            assertTrue(code.length() <= PipelineMetrics.MAX_CODE_LENGTH, code);
            assertTrue(code.chars().allMatch(c -> c >= 0x20 && c < 0x7f), code);
        }
        assertTrue(metrics.getFailuresByCode().containsKey("Evil??Code?[31m" + "x".repeat(49)),
                metrics.getFailuresByCode()::toString);
    }

    @Test
    void theLastErrorIsRedactedAndShortened() {
        Redactor redactor = new Redactor();
        redactor.remember("the-sts-token-value");
        metrics.redactWith(redactor);

        metrics.failure("IOException", "Unexpected char 0x0a in x-oss-security-token value: the-sts-token-value"
                + "y".repeat(10_000));

        assertFalse(metrics.getLastError().contains("the-sts-token-value"), metrics.getLastError());
        assertTrue(metrics.getLastError().contains("value: ****"), metrics.getLastError());
        assertTrue(metrics.getLastError().length() < PipelineMetrics.MAX_ERROR_LENGTH + 64);
    }
}
