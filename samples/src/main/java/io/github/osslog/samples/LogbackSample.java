package io.github.osslog.samples;

import ch.qos.logback.classic.LoggerContext;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Logs the workload through SLF4J and Logback, configured by {@code logback.xml} with osslog's OssAppender. */
final class LogbackSample {
    static final String PREFIX = "samples/logback/";

    private LogbackSample() {
    }

    /** Logs, stops Logback (which ships what is buffered), then prints what landed; returns the messages logged. */
    static List<String> run(Target target, PrintStream out) throws Exception {
        Logger log = LoggerFactory.getLogger("shop.checkout");
        List<String> messages = Workload.run((level, requestId, message, error) -> {
            MDC.put("requestId", requestId);
            try {
                switch (level) {
                    case DEBUG: log.debug(message); break;
                    case INFO: log.info(message); break;
                    case WARN: log.warn(message); break;
                    default: log.error(message, error); break;
                }
            } finally {
                MDC.remove("requestId");
            }
        });
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        out.println("Logback sample: logged " + messages.size() + " events; objects under " + PREFIX + ":");
        Landed.print(target.reader(), PREFIX, out);
        return messages;
    }

    public static void main(String[] args) throws Exception {
        try (Target target = Target.fromEnvironment()) {
            System.out.println("Shipping to " + target);
            run(target, System.out);
        }
    }
}
