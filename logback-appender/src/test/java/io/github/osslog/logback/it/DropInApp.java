package io.github.osslog.logback.it;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application of the drop-in integration test: uses its own (older) OkHttp, logs numbered lines through SLF4J
 * and returns from main without stopping Logback, so only osslog's JVM-exit hook can ship the lines.
 */
public final class DropInApp {
    private DropInApp() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        // The application's OkHttp 3 must keep working next to osslog's relocated OkHttp 5.
        Object client = Class.forName("okhttp3.OkHttpClient").getConstructor().newInstance();
        Object agent = Class.forName("okhttp3.internal.Version").getMethod("userAgent").invoke(null);
        System.out.println("application okhttp: " + agent + " " + client.getClass().getName());

        Logger log = LoggerFactory.getLogger("app");
        int lines = Integer.parseInt(args[0]);
        for (int i = 0; i < lines; i++) {
            log.info("line {}", i);
        }
    }
}
