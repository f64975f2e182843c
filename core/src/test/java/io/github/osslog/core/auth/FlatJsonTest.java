package io.github.osslog.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

    @Test
    void readsStringsEscapesAndLiterals() {
        Map<String, String> json = FlatJson.parseObject(" {\"a\" : \"x\\\"y\\\\z\\/\\n\\u00e9\", \"n\": -12.5e3,"
                + "\"t\":true, \"z\" : null}\n");

        assertEquals("x\"y\\z/\n\u00e9", json.get("a"));
        assertEquals("-12.5e3", json.get("n"));
        assertEquals("true", json.get("t"));
        assertTrue(json.containsKey("z"));
        assertNull(json.get("z"));
        assertTrue(FlatJson.parseObject("{}").isEmpty());
    }

    @Test
    void rejectsWhatIsNotOneFlatObject() {
        String[] bad = {"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":\"b\",}", "{\"a\":{\"b\":1}}", "{\"a\":[1]}",
            "{\"a\":\"b\"} x", "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{\"a\":tru}", "{\"a\":\"unterminated}",
            "{\"a\" \"b\"}", "{\"a\":\"b\" \"c\":\"d\"}"};
        for (String text : bad) {
            assertThrows(IllegalArgumentException.class, () -> FlatJson.parseObject(text), text);
        }
    }

    @Test
    void errorsGiveAnOffsetNotTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlatJson.parseObject("{\"AccessKeySecret\":\"secret-0001\" oops}"));

        assertTrue(e.getMessage().startsWith("malformed JSON at offset 33"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-0001"), e.getMessage());
    }
}
