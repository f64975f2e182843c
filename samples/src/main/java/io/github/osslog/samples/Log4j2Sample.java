package io.github.osslog.samples;

import java.io.PrintStream;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/** Logs the workload through the Log4j2 API, configured by {@code log4j2.xml} with osslog's {@code <Oss>} appender. */
final class Log4j2Sample {
    static final String PREFIX = "samples/log4j2/";

    private Log4j2Sample() {
    }

    static List<String> run(Target target, PrintStream out) throws Exception {
        Logger log = LogManager.getLogger("shop.checkout");
        Workload.Sink sink = (level, requestId, message, error) -> {
            ThreadContext.put("requestId", requestId);
            try {
                log.log(org.apache.logging.log4j.Level.valueOf(level.name()), message, error);
            } finally {
                ThreadContext.remove("requestId");
            }
        };
        return Sample.run("Log4j2", PREFIX, sink, LogManager::shutdown, target, out);
    }

    public static void main(String[] args) throws Exception {
        try (Target target = Target.fromEnvironment()) {
            System.out.println("Shipping to " + target);
            run(target, System.out);
        }
    }
}
