package io.github.osslog.log4j2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.Reconfigurable;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;

/**
 * A private Log4j2 context configured from an XML template in the test resources, whose {@code @NAME@}
 * placeholders are replaced and written to a file so that a reconfiguration re-reads it as {@code monitorInterval}
 * would. Not thread-safe; the loggers it returns are.
 */
final class TestContext implements AutoCloseable {
    private final Path file;
    private final LoggerContext context;

    private TestContext(Path file, LoggerContext context) {
        this.file = file;
        this.context = context;
    }

    static TestContext start(Path dir, String template, Map<String, String> values) {
        Path file = dir.resolve("log4j2-" + System.nanoTime() + ".xml");
        write(file, template, values);
        LoggerContext context = new LoggerContext(file.getFileName().toString());
        try (InputStream in = Files.newInputStream(file)) {
            context.start(new XmlConfiguration(context, new ConfigurationSource(in, file.toFile())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestContext(file, context);
    }

    /** Rewrites the configuration file from {@code template}; takes effect at the next {@link #reconfigure()}. */
    void rewrite(String template, Map<String, String> values) {
        write(file, template, values);
    }

    /** What Log4j2's file monitor does when the file changed. */
    void reconfigure() {
        context.onChange((Reconfigurable) context.getConfiguration());
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    LoggerContext context() {
        return context;
    }

    <T extends Appender> T appender(String name) {
        return context.getConfiguration().getAppender(name);
    }

    OssAppender oss() {
        return appender("oss");
    }

    @Override
    public void close() {
        context.stop();
    }

    /** Stops the context as {@code LogManager.shutdown()} does, with the timeout it passes. */
    void stop(long timeout, java.util.concurrent.TimeUnit unit) {
        context.stop(timeout, unit);
    }

    private static void write(Path file, String template, Map<String, String> values) {
        try (InputStream in = TestContext.class.getResourceAsStream("/" + template)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + template);
            }
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> v : values.entrySet()) {
                xml = xml.replace("@" + v.getKey() + "@", v.getValue());
            }
            Files.writeString(file, xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
