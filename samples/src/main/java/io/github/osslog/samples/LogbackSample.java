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

    static List<String> run(Target target, PrintStream out) throws Exception {
        Logger log = LoggerFactory.getLogger("shop.checkout");
        Workload.Sink sink = (level, requestId, message, error) -> {
            MDC.put("requestId", requestId);
            try {
                log.atLevel(org.slf4j.event.Level.valueOf(level.name())).setCause(error).log(message);
            } finally {
                MDC.remove("requestId");
            }
        };
        return Sample.run("Logback", PREFIX, sink, ((LoggerContext) LoggerFactory.getILoggerFactory())::stop,
                target, out);
    }

    public static void main(String[] args) throws Exception {
        try (Target target = Target.fromEnvironment()) {
            System.out.println("Shipping to " + target);
            run(target, System.out);
        }
    }
}
