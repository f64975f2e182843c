package io.github.osslog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.StatusPrinter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of {@link StrayCredentialBytesTest}: an application whose logback.xml (from
 * {@code -Dlogback.configurationFile}) takes credentials from the environment. Logs five events, flushes each
 * appender named on the command line and prints what it saw, then every status with its stack trace.
 */
public final class EnvCredentialsApp {
    private EnvCredentialsApp() {
    }

    public static void main(String[] appenders) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger log = LoggerFactory.getLogger("app");
        for (int i = 0; i < 5; i++) {
            log.info("event {}", i);
        }
        for (String name : appenders) {
            OssAppender oss = (OssAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(name);
            boolean started = oss != null && oss.isStarted();
            System.out.println("started " + name + " " + started);
            if (started) {
                System.out.println("flushed " + name + " " + oss.flush(Duration.ofSeconds(20)));
                System.out.println("metrics " + name + " " + oss.getMetrics() + " " + oss.getMetrics().getLastError());
            }
        }
        context.stop();
        StatusPrinter.print(context);
        System.out.flush();
    }
}
