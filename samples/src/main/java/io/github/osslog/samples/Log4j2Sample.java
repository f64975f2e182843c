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

    /** Logs, shuts Log4j2 down (which ships what is buffered), then prints what landed; returns the messages. */
    static List<String> run(Target target, PrintStream out) throws Exception {
        Logger log = LogManager.getLogger("shop.checkout");
        List<String> messages = Workload.run((level, requestId, message, error) -> {
            ThreadContext.put("requestId", requestId);
            try {
                switch (level) {
                    case DEBUG: log.debug(message); break;
                    case INFO: log.info(message); break;
                    case WARN: log.warn(message); break;
                    default: log.error(message, error); break;
                }
            } finally {
                ThreadContext.remove("requestId");
            }
        });
        LogManager.shutdown();
        out.println("Log4j2 sample: logged " + messages.size() + " events; objects under " + PREFIX + ":");
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
