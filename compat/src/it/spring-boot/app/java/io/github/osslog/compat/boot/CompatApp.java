package io.github.osslog.compat.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that starts, logs numbered lines with a request id and returns from main: Spring Boot's
 * shutdown hook closes the context and the logging system at JVM exit, and osslog must have shipped by then.
 */
@SpringBootApplication
public class CompatApp {
    public static void main(String[] args) {
        SpringApplication.run(CompatApp.class, args);
        Logger log = LoggerFactory.getLogger(CompatApp.class);
        int lines = Integer.getInteger("compat.lines", 200);
        for (int i = 0; i < lines; i++) {
            MDC.put("requestId", "req-" + i);
            log.info("spring line {} Grüße 日志", i);
        }
        MDC.remove("requestId");
    }
}
