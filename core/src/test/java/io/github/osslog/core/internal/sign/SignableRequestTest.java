package io.github.osslog.core.internal.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignableRequestTest {
    @Test
    void headersAreLowerCasedReplacedAndFoundCaseInsensitively() {
        SignableRequest r = new SignableRequest("PUT", "b", "k").header("Content-Type", "a").header("CONTENT-type", "b");
        assertEquals("b", r.header("content-TYPE"));
        assertEquals(1, r.headers().size());
        assertTrue(r.headers().containsKey("content-type"));
        assertNull(r.header("x-oss-date"));
    }

    @Test
    void queryIsSortedAndKeepsValueLessParameters() {
        SignableRequest r = new SignableRequest("POST", "b", "k").query("position", "0").query("append", null);
        assertEquals(Arrays.asList("append", "position"), new ArrayList<>(r.query().keySet()));
        assertTrue(r.query().containsKey("append"));
        assertNull(r.query().get("append"));
    }

    @Test
    void viewsAreUnmodifiable() {
        SignableRequest r = new SignableRequest("GET", "b", "k").query("a", "1").header("h", "v");
        assertThrows(UnsupportedOperationException.class, () -> r.query().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> r.headers().put("x", "y"));
    }

    @Test
    void rejectsMissingParts() {
        assertThrows(NullPointerException.class, () -> new SignableRequest("GET", null, ""));
        assertThrows(NullPointerException.class, () -> new SignableRequest("GET", "b", null));
        assertThrows(IllegalArgumentException.class, () -> new SignableRequest(" ", "b", "k"));
        assertThrows(IllegalArgumentException.class, () -> new SignableRequest("GET", "", "k"));
        assertThrows(NullPointerException.class, () -> new SignableRequest("GET", "b", "k").header("h", null));
    }
}
