package io.github.osslog.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAware;
import ch.qos.logback.core.spi.LifeCycle;
import ch.qos.logback.core.util.FileSize;
import io.github.osslog.logback.OssAppender;
import io.github.osslog.testkit.OssTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Both adapters, configured to ship gzip objects to a testkit bucket in many small members. */
final class Writers {
    static final String BUCKET = "written";

    private Writers() {
    }

    /** A started Logback context whose root logger ships through osslog with {@code encoder}. */
    static LoggerContext logback(OssTestServer server, String pattern,
            Function<LoggerContext, Encoder<ch.qos.logback.classic.spi.ILoggingEvent>> encoder) {
        LoggerContext context = new LoggerContext();
        Encoder<ch.qos.logback.classic.spi.ILoggingEvent> e = encoder.apply(context);
        ((ContextAware) e).setContext(context);
        ((LifeCycle) e).start();
        OssAppender appender = new OssAppender();
        appender.setContext(context);
        appender.setName("oss");
        appender.setEndpoint(server.endpoint());
        appender.setBucket(BUCKET);
        appender.setRegion(server.region());
        appender.setAccessKeyId("AK");
        appender.setAccessKeySecret("SK");
        appender.setObjectKeyPattern(pattern);
        appender.setCompression("gzip");
        appender.setBatchMaxBytes(FileSize.valueOf("4KB"));
        appender.setMaxEventSize(FileSize.valueOf("4KB"));
        appender.setFlushInterval(ch.qos.logback.core.util.Duration.buildByMilliseconds(20));
        appender.setEncoder(e);
        appender.start();
        if (!appender.isStarted()) {
            throw new AssertionError(context.getStatusManager().getCopyOfStatusList().toString());
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return context;
    }

    /** A started Log4j2 context whose root logger ships through osslog with the {@code layout} element. */
    static org.apache.logging.log4j.core.LoggerContext log4j2(OssTestServer server, String pattern, String layout,
            Path dir) throws IOException {
        String xml = "<Configuration status='warn'><Appenders>"
                + "<Oss name='oss' endpoint='" + server.endpoint() + "' bucket='" + BUCKET + "' region='"
                + server.region() + "' accessKeyId='AK' accessKeySecret='SK' objectKeyPattern='" + pattern
                + "' compression='gzip' batchMaxBytes='4KB' maxEventSize='4KB' flushInterval='20 milliseconds'>"
                + layout + "</Oss></Appenders>"
                + "<Loggers><Root level='debug'><AppenderRef ref='oss'/></Root></Loggers></Configuration>";
        Path file = Files.createTempFile(dir, "log4j2-", ".xml");
        Files.writeString(file, xml);
        return org.apache.logging.log4j.core.config.Configurator.initialize("writers-" + System.nanoTime(), null,
                file.toUri());
    }
}
