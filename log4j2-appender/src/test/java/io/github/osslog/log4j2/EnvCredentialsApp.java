package io.github.osslog.log4j2;

import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * The child JVM of {@link StrayCredentialBytesTest}: an application whose log4j2.xml (from
 * {@code -Dlog4j2.configurationFile}, default status settings) takes credentials from the environment. Logs five
 * events, flushes each appender named on the command line and prints what it saw.
 */
public final class EnvCredentialsApp {
    private EnvCredentialsApp() {
    }

    public static void main(String[] appenders) {
        Logger log = LogManager.getLogger("app");
        for (int i = 0; i < 5; i++) {
            log.info("event {}", i);
        }
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        for (String name : appenders) {
            OssAppender oss = context.getConfiguration().getAppender(name);
            boolean started = oss != null && oss.isStarted();
            System.out.println("started " + name + " " + started);
            if (started) {
                System.out.println("flushed " + name + " " + oss.flush(Duration.ofSeconds(20)));
                System.out.println("metrics " + name + " " + oss.getMetrics() + " " + oss.getMetrics().getLastError());
            }
        }
        System.out.flush();
        LogManager.shutdown();
    }
}
