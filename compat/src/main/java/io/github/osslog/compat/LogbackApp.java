package io.github.osslog.compat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The matrix application on SLF4J 1.7's API (which every Logback from 1.2 on serves). */
public final class LogbackApp {
    private LogbackApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Logger log = LoggerFactory.getLogger("io.github.osslog.compat.app.Checkout");
        new AppScript(new AppScript.Api() {
            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void error(String message, Throwable error) {
                log.error(message, error);
            }

            @Override
            public void putRequestId(String requestId) {
                MDC.put("requestId", requestId);
            }

            @Override
            public void clearRequestId() {
                MDC.remove("requestId");
            }
        }).run(args);
    }
}
