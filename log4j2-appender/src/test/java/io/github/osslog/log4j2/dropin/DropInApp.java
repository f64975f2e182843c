package io.github.osslog.log4j2.dropin;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The application of {@code DropInJarIT}, run in a child JVM whose classpath holds only Log4j2, the drop-in jar, a
 * configuration directory and the application's own OkHttp 3. Logs {@code args[0]} lines and exits without stopping
 * Log4j2: its shutdown hook must ship them.
 */
public final class DropInApp {
    private DropInApp() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        // The application's own OkHttp must keep working next to the drop-in jar's relocated copy.
        Class<?> okhttp = Class.forName("okhttp3.OkHttpClient");
        okhttp.getConstructor().newInstance();
        System.out.println("application uses " + Class.forName("okhttp3.internal.Version").getMethod("userAgent")
                .invoke(null));

        Logger log = LogManager.getLogger(DropInApp.class);
        int lines = Integer.parseInt(args[0]);
        for (int i = 0; i < lines; i++) {
            log.info("line {}", i);
        }
    }
}
