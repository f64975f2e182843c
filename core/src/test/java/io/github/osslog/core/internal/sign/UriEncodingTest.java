package io.github.osslog.core.internal.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UriEncodingTest {
    @Test
    void keepsUnreservedCharacters() {
        String unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        assertEquals(unreserved, UriEncoding.encode(unreserved, false));
    }

    @Test
    void encodesEverythingElseAsUpperCaseUtf8Bytes() {
        assertEquals("a%20b%2Bc%3Dd%25e%2Ff%3F%26%7C%2A", UriEncoding.encode("a b+c=d%e/f?&|*", false));
        assertEquals("%E6%97%A5%E5%BF%97", UriEncoding.encode("日志", false));
        assertEquals("%F0%9F%98%80", UriEncoding.encode("\uD83D\uDE00", false));
        assertEquals("", UriEncoding.encode("", true));
    }

    @Test
    void keepsSlashOnlyWhenAsked() {
        assertEquals("/b/%E6%97%A5%E5%BF%97/app.log", UriEncoding.encode("/b/日志/app.log", true));
        assertEquals("%2Fb%2Fk", UriEncoding.encode("/b/k", false));
    }
}
