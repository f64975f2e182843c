package io.github.osslog.logback.crash;

import ch.qos.logback.classic.LoggerContext;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.logback.OssAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of {@link SpoolCrashTest}: logs {@code <run> seq <n>} lines through the Logback adapter (configured by
 * {@code -Dlogback.configurationFile}) and prints {@code ack <n>} whenever the first n events are safe, shipped or
 * spooled. With a negative count it logs until it is killed.
 */
public final class CrashApp {
    private CrashApp() {
    }

    public static void main(String[] args) {
        String run = args[0];
        long count = Long.parseLong(args[1]);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        OssAppender oss = (OssAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OSS");
        PipelineMXBean metrics = oss.getMetrics();
        System.out.println("started " + (metrics != null));
        System.out.flush();
        Logger log = LoggerFactory.getLogger("app");
        long acked = 0;
        for (long i = 0; count < 0 || i < count; i++) {
            log.info("{} seq {}", run, String.format("%07d", i));
            if (i % 64 == 0) {
                // events settle in the order one producer logged them; read shipped before replayed (docs/spool.md)
                long shipped = metrics.getEventsShipped();
                long ack = shipped - metrics.getEventsReplayed() + metrics.getEventsSpooled();
                if (ack > acked) {
                    acked = ack;
                    System.out.println("ack " + ack);
                    System.out.flush();
                }
            }
        }
        System.out.println("done");
        System.out.flush();
    }
}
