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
import java.util.function.Consumer;
import java.util.function.Function;

/** Both adapters, configured to ship gzip objects to a testkit bucket in many small members. Stateless. */
final class Writers {
    static final String BUCKET = "written";

    private Writers() {
    }

    /** A started Logback context shipping gzip through osslog with {@code encoder}. */
    static LoggerContext logback(OssTestServer server, String pattern, String maxObjectSize,
            Function<LoggerContext, Encoder<ch.qos.logback.classic.spi.ILoggingEvent>> encoder) {
        return logback(server, pattern, encoder, appender -> {
            appender.setCompression("gzip");
            appender.setMaxObjectSize(FileSize.valueOf(maxObjectSize));
        });
    }

    /** A started Logback context whose root logger ships through osslog; {@code tune} adds settings. */
    static LoggerContext logback(OssTestServer server, String pattern,
            Function<LoggerContext, Encoder<ch.qos.logback.classic.spi.ILoggingEvent>> encoder,
            Consumer<OssAppender> tune) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // what Logback's own start-up sets
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
        appender.setBatchMaxBytes(FileSize.valueOf("4KB"));
        appender.setMaxEventSize(FileSize.valueOf("4KB"));
        appender.setFlushInterval(ch.qos.logback.core.util.Duration.buildByMilliseconds(20));
        appender.setEncoder(e);
        tune.accept(appender);
        appender.start();
        if (!appender.isStarted()) {
            throw new AssertionError(context.getStatusManager().getCopyOfStatusList().toString());
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return context;
    }

    /** A started Log4j2 context whose root logger ships gzip through osslog with the {@code layout} element. */
    static org.apache.logging.log4j.core.LoggerContext log4j2(OssTestServer server, String pattern,
            String maxObjectSize, String layout, Path dir) throws IOException {
        String xml = "<Configuration status='warn'><Appenders>"
                + "<Oss name='oss' endpoint='" + server.endpoint() + "' bucket='" + BUCKET + "' region='"
                + server.region() + "' accessKeyId='AK' accessKeySecret='SK' objectKeyPattern='" + pattern
                + "' compression='gzip' maxObjectSize='" + maxObjectSize + "' batchMaxBytes='4KB' maxEventSize='4KB' flushInterval='20 milliseconds'>"
                + layout + "</Oss></Appenders>"
                + "<Loggers><Root level='debug'><AppenderRef ref='oss'/></Root></Loggers></Configuration>";
        Path file = Files.createTempFile(dir, "log4j2-", ".xml");
        Files.writeString(file, xml);
        return org.apache.logging.log4j.core.config.Configurator.initialize("writers-" + System.nanoTime(), null,
                file.toUri());
    }
}
