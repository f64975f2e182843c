package io.github.osslog.log4j2.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;

/** Starts a private Log4j2 context from an XML text, as an application's log4j2.xml would be. Stateless. */
public final class XmlContext {
    private XmlContext() {
    }

    /**
     * A configuration with {@code <Oss name="oss" attributes>layout</Oss>} and {@code <Collecting name="other"/>}
     * on logger {@code app}.
     */
    public static String xml(String attributes, String layout) {
        return "<Configuration status=\"off\">\n<Appenders>\n<Oss name=\"oss\" " + attributes + ">" + layout
                + "</Oss>\n<Collecting name=\"other\"/>\n</Appenders>\n<Loggers>\n"
                + "<Logger name=\"app\" level=\"trace\" additivity=\"false\">\n<AppenderRef ref=\"oss\"/>\n"
                + "<AppenderRef ref=\"other\"/>\n</Logger>\n<Root level=\"off\"/>\n</Loggers>\n</Configuration>\n";
    }

    public static LoggerContext start(String name, String xml) {
        LoggerContext context = new LoggerContext(name);
        try {
            context.start(new XmlConfiguration(context, new ConfigurationSource(
                    new ByteArrayInputStream(xml.getBytes(UTF_8)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return context;
    }
}
