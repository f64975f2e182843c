package io.github.osslog.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReaderPatternTest {
    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void openPartsMatchAnyKeySafeValueAndTheIndexIsParsed() {
        ReaderPattern p = ReaderPattern.compile("logs/%d{yyyy-MM-dd}/%host-%pid-%i.log.gz", ZoneOffset.UTC, Map.of());
        TimeBucket day = p.bucketAt(NOON);

        ReaderPattern.KeyMatch m = ReaderPattern.match(day, "logs/2026-12-07/web-1.a-4242-17.log.gz");

        assertNotNull(m);
        assertEquals("web-1.a/4242", m.identity);
        assertEquals(17, m.index);
        assertEquals("logs/2026-12-07/", day.prefix());
        assertNull(ReaderPattern.match(day, "logs/2026-12-06/web-4242-1.log.gz"), "another day's key");
        assertNull(ReaderPattern.match(day, "logs/2026-12-07/web-4242-1.log"), "another suffix");
        assertNull(ReaderPattern.match(day, "logs/2026-12-07/web-4242-01.log.gz"), "the appenders never pad %i");
        assertEquals(List.of("host", "pid"), p.wildcards());
    }

    @Test
    void givenValuesAreLiteralAndMakeKeysDerivable() {
        ReaderPattern p = ReaderPattern.compile("a/%{app}/%d{yyyy-MM-dd-HH}/%host-%i.log", ZoneOffset.UTC,
                Map.of("app", "billing", "host", "h1"));
        TimeBucket hour = p.bucketAt(NOON);

        assertTrue(p.isFullyGiven());
        assertEquals("a/billing/2026-12-07-12/h1-3.log", p.key(hour, 3));
        assertNull(ReaderPattern.match(hour, "a/other/2026-12-07-12/h1-3.log"));
        assertEquals(3, ReaderPattern.match(hour, "a/billing/2026-12-07-12/h1-3.log").index);
    }

    @Test
    void bucketsOverlappingAWindowAreWalkedAtThePatternsResolution() {
        ReaderPattern daily = ReaderPattern.compile("%d{yyyy-MM-dd}/%i.log", ZoneOffset.UTC, Map.of());
        ReaderPattern hourly = ReaderPattern.compile("%d{yyyy-MM-dd'T'HH}/%i.log", ZoneOffset.UTC, Map.of());
        ReaderPattern none = ReaderPattern.compile("app-%i.log", ZoneOffset.UTC, Map.of());
        Instant since = NOON.minus(24, ChronoUnit.HOURS);

        List<TimeBucket> days = daily.buckets(since, NOON);
        List<TimeBucket> hours = hourly.buckets(since.plusSeconds(1800), NOON);

        assertEquals(ChronoUnit.DAYS, daily.resolution());
        assertEquals(ChronoUnit.HOURS, hourly.resolution());
        assertEquals(List.of(Instant.parse("2026-12-06T00:00:00Z"), Instant.parse("2026-12-07T00:00:00Z")),
                days.stream().map(TimeBucket::start).collect(java.util.stream.Collectors.toList()));
        assertEquals(25, hours.size(), "11:30 yesterday to noon: the 11:00 bucket through the 12:00 one");
        assertEquals(1, none.buckets(since, NOON).size());
    }

    @Test
    void theTimeZoneDecidesTheBuckets() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        ReaderPattern p = ReaderPattern.compile("%d{yyyy-MM-dd}/%i.log", shanghai, Map.of());

        TimeBucket bucket = p.bucketAt(Instant.parse("2026-12-07T20:00:00Z"));

        assertEquals(Instant.parse("2026-12-07T16:00:00Z"), bucket.start(), "midnight in UTC+8");
        assertEquals("2026-12-08/", bucket.prefix());
    }

    @Test
    void patternsThatCannotBeReadBackAreRefusedWithTheReason() {
        IllegalArgumentException noIndex = assertThrows(IllegalArgumentException.class,
                () -> ReaderPattern.compile("logs/%d.log", ZoneOffset.UTC, Map.of()));
        IllegalArgumentException millis = assertThrows(IllegalArgumentException.class,
                () -> ReaderPattern.compile("logs/%d{HHmmssSSS}-%i.log", ZoneOffset.UTC, Map.of()));

        assertTrue(noIndex.getMessage().contains("no %i"), noIndex.getMessage());
        assertTrue(millis.getMessage().contains("once a second"), millis.getMessage());
    }
}
