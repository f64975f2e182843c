package io.github.osslog.core.internal.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyPatternTest {
    private static final Instant T = Instant.parse("2026-11-24T17:30:05Z");

    private static Map<String, String> values() {
        Map<String, String> v = new HashMap<>();
        v.put("host", "web-1");
        v.put("pid", "4242");
        v.put("app", "shop api/v2");
        return v;
    }

    private static KeyPattern compile(String pattern) {
        return KeyPattern.compile(pattern, ZoneOffset.UTC, values());
    }

    @Test
    void rendersEveryToken() {
        KeyPattern p = compile("logs/%{app}/%d{yyyy/MM/dd}/%host-%pid-%i.log");
        assertEquals("logs/shop_api_v2/2026/11/24/web-1-4242-0.log", p.render(T, 0));
        assertEquals("logs/shop_api_v2/2026/11/24/web-1-4242-17.log", p.render(T, 17));
    }

    @Test
    void bareDateMeansIsoDayAndPercentPercentIsLiteral() {
        assertEquals("100%/2026-11-24-3", compile("100%%/%d-%i").render(T, 3));
    }

    @Test
    void datesUseTheConfiguredZone() {
        KeyPattern p = KeyPattern.compile("%d{yyyy-MM-dd'T'HH}-%i", ZoneId.of("Asia/Shanghai"), values());
        assertEquals("2026-11-25T01-0", p.render(T, 0));
    }

    @Test
    void timeBucketChangesOnlyWithTheDateParts() {
        KeyPattern p = compile("%d{yyyy-MM-dd}/%i");
        assertEquals(p.timeBucket(T), p.timeBucket(T.plusSeconds(60)));
        assertNotEquals(p.timeBucket(T), p.timeBucket(Instant.parse("2026-11-25T00:00:00Z")));
        assertEquals("", compile("static-%i").timeBucket(T));
    }

    @Test
    void unknownTokenIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile("logs/%level-%i"));
        assertTrue(e.getMessage().contains("objectKeyPattern"), e.getMessage());
        assertTrue(e.getMessage().contains("'%level'"), e.getMessage());
    }

    @Test
    void trailingPercentIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> compile("logs-%i%"));
    }

    @Test
    void patternWithoutIndexIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile("logs/%d.log"));
        assertTrue(e.getMessage().contains("%i"), e.getMessage());
    }

    @Test
    void missingValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyPattern.compile("%{app}-%host-%i", ZoneOffset.UTC, Collections.singletonMap("app", "a")));
        assertTrue(e.getMessage().contains("%host"), e.getMessage());
    }

    @Test
    void badDateFormatAndUnclosedBracesAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> compile("%d{yyyy-bb}-%i")).getMessage()
                .contains("yyyy-bb"));
        assertThrows(IllegalArgumentException.class, () -> compile("%d{yyyy-%i"));
        assertThrows(IllegalArgumentException.class, () -> compile("%{app-%i"));
    }

    @Test
    void leadingSlashDotSegmentsAndOverlongKeysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> compile("/logs/%i"));
        assertThrows(IllegalArgumentException.class, () -> compile("logs/../%i"));
        assertThrows(IllegalArgumentException.class, () -> compile("logs/./%i"));
        StringBuilder longPattern = new StringBuilder();
        for (int i = 0; i < 1100; i++) {
            longPattern.append('a');
        }
        assertThrows(IllegalArgumentException.class, () -> compile(longPattern + "%i"));
    }
}
