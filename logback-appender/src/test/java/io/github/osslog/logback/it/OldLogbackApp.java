package io.github.osslog.logback.it;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The application of {@link OldLogbackIT}: logs, on a Logback whose internals osslog's stand-ins cannot use, lines
 * with MDC, non-ASCII text and exceptions (a cause, a suppressed one), then returns from main without stopping
 * Logback, so osslog's JVM-exit hook ships them.
 */
public final class OldLogbackApp {
    private OldLogbackApp() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("shop.checkout");
        MDC.put("user", "\u7528\u6237-7");
        log.info("order {} paid: {} \u20ac", 17, "12,50");
        IOException suppressed = new IOException("close failed");
        IllegalStateException failure = new IllegalStateException("payment declined \u00fc",
                new IOException("connection reset"));
        failure.addSuppressed(suppressed);
        log.error("checkout failed for order {}", 18, failure);
        MDC.clear();
        log.warn("plain line after the exception");
    }
}
