package io.github.osslog.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingValuesTest {

    @ParameterizedTest
    @CsvSource({"64MB, 67108864", "64 mb, 67108864", "512KB, 524288", "1GB, 1073741824", "1048576, 1048576",
        "10 bytes, 10", "3 MiB, 3145728", "0, 0"})
    void sizes(String text, long bytes) {
        assertEquals(bytes, SettingValues.parseSize(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "-1MB", "1.5MB", "64 megabytes", "99999999999999999999", "9000000000GB"})
    void badSizesNameTheForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SettingValues.parseSize(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"2 seconds, PT2S", "500 milliseconds, PT0.5S", "500ms, PT0.5S", "1 minute, PT1M", "PT2S, PT2S",
        "pt1h, PT1H", "3 hours, PT3H", "1 day, PT24H", "10s, PT10S"})
    void durations(String text, String iso) {
        assertEquals(Duration.parse(iso), SettingValues.parseDuration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "two seconds", "2 fortnights", "P", "-1 seconds"})
    void badDurationsNameTheForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SettingValues.parseDuration(text));
        assertTrue(e.getMessage().contains("2 seconds"), e.getMessage());
    }
}
