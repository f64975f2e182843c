package io.github.osslog.core.oss;

import io.github.osslog.core.store.StoreLimits;

/**
 * Reads values a server controls strictly: lengths and positions are decimal numbers from 0 to the largest object
 * OSS allows, CRC-64s unsigned decimal numbers; texts that go into messages are shortened and stripped of control
 * characters. Stateless.
 */
final class ServerValues {
    /** No object, so no length or position, exceeds this (5 GiB). */
    static final long MAX_LENGTH = StoreLimits.OSS.maxObjectSize();
    /** How much of a server's text goes into a message. */
    static final int MAX_TEXT = 512;
    private static final int MAX_QUOTED = 40;

    private ServerValues() {
    }

    /** A length or position from 0 to {@link #MAX_LENGTH}, or -1 when {@code value} is anything else. */
    static long lengthOrMinusOne(String value) {
        String digits = digits(value, 19);
        if (digits == null) {
            return -1;
        }
        long n = Long.parseLong(digits);
        return n <= MAX_LENGTH ? n : -1;
    }

    /**
     * The required length or position in {@code header}.
     *
     * @throws MalformedResponseException when it is missing, not a decimal number or out of range
     */
    static long length(String value, String header) throws MalformedResponseException {
        long n = lengthOrMinusOne(value);
        if (n < 0) {
            throw malformed(header, value, "a decimal number from 0 to " + MAX_LENGTH);
        }
        return n;
    }

    /**
     * The CRC-64 in {@code header}: an unsigned 64-bit decimal number.
     *
     * @throws MalformedResponseException when it is anything else
     */
    static long crc64(String value, String header) throws MalformedResponseException {
        String digits = digits(value, 20);
        try {
            if (digits != null) {
                return Long.parseUnsignedLong(digits);
            }
        } catch (NumberFormatException aboveTwoToTheSixtyFour) {
            // reported below
        }
        throw malformed(header, value, "an unsigned 64-bit decimal number");
    }

    /** {@code text} cut to {@code max} characters, control characters replaced by '?', for a message. */
    static String printable(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 3));
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (text.length() > max) {
            out.append("...");
        }
        return out.toString();
    }

    private static MalformedResponseException malformed(String header, String value, String expected) {
        return new MalformedResponseException("OSS sent " + (value == null ? "no " + header + " header"
                : "a malformed " + header + " header ('" + printable(value, MAX_QUOTED) + "')") + ", expected "
                + expected);
    }

    /** The trimmed value when it is 1 to {@code maxDigits} ASCII digits, else {@code null}. */
    private static String digits(String value, int maxDigits) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > maxDigits) {
            return null;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return trimmed;
    }
}
