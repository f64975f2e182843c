package io.github.osslog.compat;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/** The matrix application on Log4j2 2.17.2's API. */
public final class Log4j2App {
    private Log4j2App() {
    }

    public static void main(String[] args) throws InterruptedException {
        Logger log = LogManager.getLogger("io.github.osslog.compat.app.Checkout");
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
                ThreadContext.put("requestId", requestId);
            }

            @Override
            public void clearRequestId() {
                ThreadContext.remove("requestId");
            }
        }).run(args);
    }
}
