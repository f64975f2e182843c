package io.github.osslog.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String TOKEN = "CAIS-token-0123456789";
    private static final String SECRET = "secret-0123456789";

    private final Redactor redactor = new Redactor();

    RedactorTest() {
        redactor.remember("LTAI5tKeyId", SECRET, TOKEN, null, "");
    }

    private static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void everyRememberedValueIsMasked() {
        assertEquals("id **** secret **** token ****, twice ****",
                redactor.redact("id LTAI5tKeyId secret " + SECRET + " token " + TOKEN + ", twice " + TOKEN));
        assertNull(redactor.redact((String) null));
        assertEquals("nothing here", redactor.redact("nothing here"));
    }

    @Test
    void aValueContainingAnotherIsMaskedWhole() {
        redactor.remember("0123");
        assertEquals("[****]", redactor.redact("[" + SECRET + "]"));
    }

    @Test
    void aCleanThrowableIsKeptAsItIs() {
        IOException clean = new IOException("timeout", new IllegalStateException("inner"));
        assertSame(clean, redactor.redact(clean));
        assertSame(clean, redactor.redact((Throwable) clean));
    }

    @Test
    void aThrowableIsCopiedWithRedactedMessagesCausesSuppressedAndTheSameStackTrace() {
        IllegalArgumentException root = new IllegalArgumentException("Unexpected char 0x0a at 5 in"
                + " x-oss-security-token value: " + TOKEN);
        RuntimeException outer = new RuntimeException("wrapping", root);
        outer.addSuppressed(new IllegalStateException("also " + SECRET));

        Throwable copy = redactor.redact(outer);

        assertInstanceOf(RedactedException.class, copy);
        String trace = trace(copy);
        assertFalse(trace.contains(TOKEN) || trace.contains(SECRET), trace);
        assertTrue(trace.contains("java.lang.RuntimeException: wrapping"), trace);
        assertTrue(trace.contains("java.lang.IllegalArgumentException: Unexpected char 0x0a at 5 in"
                + " x-oss-security-token value: ****"), trace);
        assertTrue(trace.contains("java.lang.IllegalStateException: also ****"), trace);
        assertEquals(outer.getStackTrace().length, copy.getStackTrace().length);
        assertEquals(outer.getStackTrace()[0], copy.getStackTrace()[0]);
        assertEquals("java.lang.IllegalArgumentException", ((RedactedException) copy.getCause()).originalClass());
    }

    @Test
    void aCycleOfCausesEnds() {
        IllegalStateException a = new IllegalStateException("a " + TOKEN);
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);

        assertFalse(trace(redactor.redact(a)).contains(TOKEN));
    }

    @Test
    void onlyTheMostRecentValuesAreKept() {
        for (int i = 0; i < Redactor.REMEMBERED; i++) {
            redactor.remember("rotated-token-" + i);
        }
        redactor.remember(TOKEN); // in use again: moves to the front

        assertEquals("****", redactor.redact(TOKEN));
        assertEquals("****", redactor.redact("rotated-token-" + (Redactor.REMEMBERED - 1)));
        assertEquals("LTAI5tKeyId", redactor.redact("LTAI5tKeyId"), "the oldest value was let go");
    }

    @Test
    void theWrappedLoggerSeesOnlyRedactedTexts() {
        List<String> seen = new ArrayList<>();
        InternalLogger target = new InternalLogger() {
            @Override
            public void info(String message) {
                seen.add(message);
            }

            @Override
            public void warn(String message, Throwable cause) {
                seen.add(message);
                seen.add(trace(cause));
            }

            @Override
            public void error(String message, Throwable cause) {
                seen.add(message);
                seen.add(cause == null ? "" : trace(cause));
            }
        };
        InternalLogger logger = redactor.wrap(target);

        logger.info("info " + TOKEN);
        logger.warn("warn " + SECRET, new IOException(TOKEN));
        logger.error("error", new Error("fatal " + SECRET));
        logger.error("no cause " + TOKEN);

        assertEquals(7, seen.size());
        for (String text : seen) {
            assertFalse(text.contains(TOKEN) || text.contains(SECRET), text);
        }
        assertTrue(seen.get(4).contains("java.lang.Error: fatal ****"), seen.get(4));
    }
}
