package io.github.osslog.benchmarks;

import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.log4j2.OssAppender;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.RootLoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * A Log4j2 {@link LoggerContext} of its own, built with the {@link ConfigurationBuilder}, with one appender on the
 * root logger (DEBUG): RandomAccessFile (immediateFlush=false), Async (blocking=false, other settings default) in
 * front of one, or osslog's {@code <Oss>} appender, built with its builder, shipping to a {@link LocalOss}. Status
 * output is off, so Async's "queue is full" errors do not flood the console. {@link #log} is thread-safe.
 */
final class Log4j2Target extends FrameworkTarget {
    private final LoggerContext context;
    private final Logger[] loggers = new Logger[EventMix.LOGGERS.length];
    private OssAppender oss;

    private Log4j2Target(String name, ConfigurationBuilder<BuiltConfiguration> config) {
        context = new LoggerContext(name);
        context.start(config.build());
        for (int i = 0; i < loggers.length; i++) {
            loggers[i] = context.getLogger(EventMix.LOGGERS[i]);
        }
    }

    private static ConfigurationBuilder<BuiltConfiguration> builder(String name) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        return b.setConfigurationName(name).setStatusLevel(Level.OFF);
    }

    static Log4j2Target file(Path file, boolean async) {
        String name = async ? "log4j2-async" : "log4j2-file";
        ConfigurationBuilder<BuiltConfiguration> b = builder(name);
        // append=true, the default: see LogbackTarget.file
        b.add(b.newAppender("file", "RandomAccessFile").addAttribute("fileName", file.toString())
                .addAttribute("append", true).addAttribute("immediateFlush", false)
                .add(b.newLayout("PatternLayout").addAttribute("pattern", EventMix.LOG4J2_PATTERN)));
        RootLoggerComponentBuilder root = b.newRootLogger(Level.DEBUG);
        if (async) {
            AppenderComponentBuilder front = b.newAppender("async", "Async").addAttribute("blocking", false)
                    .addComponent(b.newAppenderRef("file"));
            b.add(front);
            root.add(b.newAppenderRef("async"));
        } else {
            root.add(b.newAppenderRef("file"));
        }
        b.add(root);
        Log4j2Target t = new Log4j2Target(name, b);
        t.file = file;
        return t;
    }

    static Log4j2Target oss(LocalOss server, OssOptions options) {
        String name = options.gzip ? "log4j2-oss-gzip" : "log4j2-oss";
        ConfigurationBuilder<BuiltConfiguration> b = builder(name);
        b.add(b.newRootLogger(Level.DEBUG));
        Log4j2Target t = new Log4j2Target(name, b);
        t.server = server;
        t.keyPattern = server.runKeyPattern(options.objectKeyPattern());
        Configuration config = t.context.getConfiguration();
        OssAppender.Builder<?> appender = OssAppender.newBuilder();
        appender.setName(name).setConfiguration(config).setLayout(PatternLayout.newBuilder()
                .withPattern(EventMix.LOG4J2_PATTERN).withConfiguration(config).build());
        appender.setEndpoint(server.endpoint()).setRegion(LocalOss.REGION).setBucket(LocalOss.BUCKET)
                .setAccessKeyId(LocalOss.ACCESS_KEY_ID).setAccessKeySecret(LocalOss.ACCESS_KEY_SECRET)
                .setObjectKeyPattern(t.keyPattern).setCompression(options.compression())
                .setOverflowPolicy(options.overflowPolicy)
                .setBlockTimeout(options.blockTimeout.toMillis() + "ms")
                .setMaxBackoff(options.maxBackoff.toMillis() + "ms");
        OssAppender built = appender.build();
        if (built == null) {
            t.context.stop();
            throw new IllegalStateException("the Oss appender was not built: run with status output to see why");
        }
        built.start();
        config.addAppender(built);
        config.getRootLogger().addAppender(built, null, null);
        t.context.updateLoggers();
        t.oss = built;
        return t;
    }

    @Override
    public void log(EventMix.Event e) {
        Logger logger = loggers[e.logger];
        switch (e.level) {
            case DEBUG:
                logger.debug(e.format, e.arg1, e.arg2);
                break;
            case INFO:
                logger.info(e.format, e.arg1, e.arg2);
                break;
            case WARN:
                logger.warn(e.format, e.arg1, e.arg2);
                break;
            default:
                logger.error(e.format, e.arg1, e.arg2, e.error);
                break;
        }
    }

    @Override
    PipelineMXBean ossMetrics() {
        return oss.getMetrics();
    }

    @Override
    boolean ossFlush(java.time.Duration timeout) {
        return oss.flush(timeout);
    }

    @Override
    void stopContext() {
        context.stop();
    }
}
