package io.github.osslog.testkit.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.List;

/**
 * Checks what landed against the encoded events, in order: each byte-exact, or, above maxEventSize, its head cut at
 * a character boundary and the visible truncation marker. Stateless.
 */
public final class LandedEvents {
    private LandedEvents() {
    }

    /** Fails unless {@code landed} is exactly {@code events} as shipped; returns how many were truncated. */
    public static int assertLanded(byte[] landed, List<byte[]> events, int maxEventSize, String where) {
        int pos = 0;
        int truncated = 0;
        for (int i = 0; i < events.size(); i++) {
            byte[] event = events.get(i);
            String at = where + ": event " + i + " (" + event.length + " bytes) at offset " + pos;
            if (event.length <= maxEventSize) {
                if (!matches(landed, pos, event, event.length)) {
                    throw new AssertionError(at + " differs from the encoded bytes at its byte "
                            + mismatch(landed, pos, event));
                }
                pos += event.length;
                continue;
            }
            byte[] marker = ("\u2026 [osslog: event truncated, " + event.length + " bytes total]\n").getBytes(UTF_8);
            int limit = maxEventSize - marker.length;
            int keep = -1;
            for (int k = limit; k >= Math.max(0, limit - 3) && keep < 0; k--) { // cut backs off to a boundary
                if (matches(landed, pos, event, k) && matches(landed, pos + k, marker, marker.length)) {
                    keep = k;
                }
            }
            if (keep < 0) {
                throw new AssertionError(at + " did not land as its first " + limit + " (or up to 3 fewer) bytes"
                        + " and the marker " + new String(marker, UTF_8).trim());
            }
            pos += keep + marker.length;
            truncated++;
        }
        if (pos != landed.length) {
            throw new AssertionError(where + ": " + (landed.length - pos) + " bytes landed beyond the events");
        }
        return truncated;
    }

    private static boolean matches(byte[] landed, int pos, byte[] expected, int length) {
        return pos + length <= landed.length && Arrays.equals(landed, pos, pos + length, expected, 0, length);
    }

    private static int mismatch(byte[] landed, int pos, byte[] expected) {
        return Arrays.mismatch(landed, pos, Math.min(landed.length, pos + expected.length), expected, 0,
                expected.length);
    }
}
