package io.github.osslog.core.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads one flat JSON object (string, number, boolean or null members; no nesting) into a map of strings,
 * which is all the metadata service returns. {@link #parseObject} is thread-safe (each call reads with its own
 * instance). Error messages give an offset, never the text, because the text holds secrets.
 */
final class FlatJson {
    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text}; numbers and booleans keep their literal text, JSON null maps to {@code null}.
     *
     * @throws IllegalArgumentException when the text is not one flat JSON object
     */
    static Map<String, String> parseObject(String text) {
        FlatJson reader = new FlatJson(text);
        reader.skipWhitespace();
        Map<String, String> members = reader.object();
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("end of input");
        }
        return members;
    }

    private Map<String, String> object() {
        Map<String, String> members = new HashMap<>();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(name, value());
            skipWhitespace();
            char c = next("',' or '}'");
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                pos--;
                throw error("',' or '}'");
            }
        }
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        int start = pos;
        while (pos < text.length() && "{}[]\",: \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (literal.equals("null")) {
            return null;
        }
        if (literal.equals("true") || literal.equals("false") || literal.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
            return literal;
        }
        pos = start;
        throw error("a string, number, boolean or null");
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next("'\"'");
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("no control characters in a string");
            }
            out.append(c == '\\' ? escape() : c);
        }
    }

    private char escape() {
        char c = next("an escape");
        switch (c) {
            case '"':
            case '\\':
            case '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                return unicodeEscape();
            default:
                pos--;
                throw error("a valid escape");
        }
    }

    private char unicodeEscape() {
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = pos < text.length() ? Character.digit(text.charAt(pos), 16) : -1;
            if (digit < 0) {
                throw error("four hex digits after \\u");
            }
            code = code * 16 + digit;
            pos++;
        }
        return (char) code;
    }

    private void expect(char wanted) {
        if (next("'" + wanted + "'") != wanted) {
            pos--;
            throw error("'" + wanted + "'");
        }
    }

    private char next(String expected) {
        if (pos >= text.length()) {
            throw error(expected);
        }
        return text.charAt(pos++);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("malformed JSON at offset " + pos + ": expected " + expected);
    }
}
