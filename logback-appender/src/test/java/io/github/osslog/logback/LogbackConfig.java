package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import io.github.osslog.testkit.OssTestServer;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A Logback context configured from a logback.xml text, as an application's would be. Not thread-safe. */
final class LogbackConfig {
    final LoggerContext context = new LoggerContext();

    /** Configures from {@code xml}; {@code ${name}} placeholders come from {@code properties}. */
    LogbackConfig(String xml, Map<String, String> properties) {
        context.setName("shop");
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(UTF_8)));
        } catch (JoranException e) {
            throw new AssertionError("Joran refused the test configuration", e);
        }
    }

    /** The {@code ${endpoint}} and {@code ${region}} properties of a configuration that ships to {@code server}. */
    static Map<String, String> serverProperties(OssTestServer server) {
        return Map.of("endpoint", server.endpoint(), "region", server.region());
    }

    /** A configuration whose root logger writes to the appenders given as XML. */
    static String withRoot(String appenders, String... refs) {
        StringBuilder xml = new StringBuilder("<configuration>\n").append(appenders).append("<root level=\"TRACE\">\n");
        for (String ref : refs) {
            xml.append("  <appender-ref ref=\"").append(ref).append("\"/>\n");
        }
        return xml.append("</root>\n</configuration>\n").toString();
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    OssAppender oss(String name) {
        return (OssAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(name);
    }

    /** Status messages at {@code level} or above, with their causes' messages. */
    List<String> statuses(int level) {
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() >= level)
                .map(LogbackConfig::text).collect(Collectors.toList());
    }

    List<String> errors() {
        return statuses(Status.ERROR);
    }

    private static String text(Status s) {
        return s.getMessage() + (s.getThrowable() == null ? "" : " / " + s.getThrowable());
    }

    /** Stops the context, and with it the appenders; fails if a shipper thread outlives it. */
    void stop() {
        context.stop();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("osslog-shipper-")) {
                try {
                    t.join(5_000); // a shipper interrupted at the end of its stop budget may need a moment
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (t.isAlive()) {
                    throw new AssertionError("leaked " + t.getName());
                }
            }
        }
    }
}
