package io.github.osslog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void windowBoundsAcceptAgoDatesLocalAndOffsetTimes() {
        assertEquals(NOW.minus(Duration.ofHours(2)), Times.instant("2h", ZoneOffset.UTC, NOW, false));
        assertEquals(Instant.parse("2026-12-06T16:00:00Z"), Times.instant("2026-12-07", SHANGHAI, NOW, false));
        assertEquals(Instant.parse("2026-12-07T15:59:59.999999999Z"),
                Times.instant("2026-12-07", SHANGHAI, NOW, true));
        assertEquals(Instant.parse("2026-12-07T02:30:00Z"), Times.instant("2026-12-07T10:30", SHANGHAI, NOW, false));
        assertEquals(Instant.parse("2026-12-07T10:30:00Z"),
                Times.instant("2026-12-07T10:30:00Z", SHANGHAI, NOW, false));
        assertThrows(IllegalArgumentException.class, () -> Times.instant("monday", ZoneOffset.UTC, NOW, false));
    }

    @Test
    void leadingTimestampsOfCommonLayoutsAreRecognised() {
        assertEquals(Instant.parse("2026-12-07T10:00:00.123Z"),
                Times.leading("2026-12-07T10:00:00.123Z INFO x", SHANGHAI));
        assertEquals(Instant.parse("2026-12-07T02:00:00.123Z"),
                Times.leading("2026-12-07 10:00:00,123 INFO [main] x", SHANGHAI));
        assertEquals(Instant.parse("2026-12-07T02:00:00Z"),
                Times.leading("2026-12-07T10:00:00+08:00 INFO x", ZoneOffset.UTC));
        assertEquals(Instant.parse("2026-12-07T02:00:00Z"),
                Times.leading("2026-12-07T10:00:00+0800 INFO x", ZoneOffset.UTC));
        assertNull(Times.leading("\tat com.example.Foo.bar(Foo.java:1)", ZoneOffset.UTC));
        assertNull(Times.leading("{\"@timestamp\":\"2026-12-07T10:00:00Z\"}", ZoneOffset.UTC));
    }

    @Test
    void durationsNameTheExpectedForms() {
        assertEquals(Duration.ofMillis(500), Times.duration("500ms"));
        assertEquals(Duration.ofDays(7), Times.duration("7d"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Times.duration("1 hour"));
        assertEquals("'1 hour' is not a duration: write e.g. 500ms, 90s, 15m, 2h, 7d", e.getMessage());
    }
}
