package io.github.osslog.benchmarks;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.logback.OssAppender;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A Logback {@link LoggerContext} of its own with one appender on the root logger (DEBUG): a FileAppender
 * (immediateFlush=false), an AsyncAppender (neverBlock, other settings default) in front of one, or osslog's
 * OssAppender shipping to a {@link LocalOss}. Logs through {@code ch.qos.logback.classic.Logger}, so SLF4J's binding
 * plays no part (the context gets its own MDC adapter). {@link #log} is thread-safe.
 */
final class LogbackTarget extends FrameworkTarget {
    private final LoggerContext context = new LoggerContext();
    private final Logger[] loggers = new Logger[EventMix.LOGGERS.length];
    private OssAppender oss;

    private LogbackTarget(String name) {
        context.setName(name);
        // What SLF4J's Logback provider would do; file appenders read the MDC when they freeze an event.
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        for (int i = 0; i < loggers.length; i++) {
            loggers[i] = context.getLogger(EventMix.LOGGERS[i]);
        }
    }

    static LogbackTarget file(Path file, boolean async) {
        LogbackTarget t = new LogbackTarget(async ? "logback-async" : "logback-file");
        t.file = file;
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(t.context);
        appender.setName("file");
        appender.setFile(file.toString());
        // the default; append=false truncates the fresh file, and on ext4 (auto_da_alloc) closing a truncated file
        // then starts writing it all back inside close(), a cost no application pays per event (docs/benchmarks.md)
        appender.setAppend(true);
        appender.setImmediateFlush(false);
        appender.setEncoder(t.encoder());
        appender.start();
        if (!async) {
            return t.attach(appender);
        }
        AsyncAppender front = new AsyncAppender();
        front.setContext(t.context);
        front.setName("async");
        front.setNeverBlock(true);
        front.addAppender(appender);
        front.start();
        return t.attach(front);
    }

    static LogbackTarget oss(LocalOss server, OssOptions options) {
        LogbackTarget t = new LogbackTarget(options.gzip ? "logback-oss-gzip" : "logback-oss");
        t.server = server;
        t.keyPattern = server.runKeyPattern(options.objectKeyPattern());
        OssAppender a = new OssAppender();
        a.setContext(t.context);
        a.setName(t.context.getName());
        a.setEndpoint(server.endpoint());
        a.setRegion(LocalOss.REGION);
        a.setBucket(LocalOss.BUCKET);
        a.setAccessKeyId(LocalOss.ACCESS_KEY_ID);
        a.setAccessKeySecret(LocalOss.ACCESS_KEY_SECRET);
        a.setObjectKeyPattern(t.keyPattern);
        a.setCompression(options.compression());
        a.setOverflowPolicy(options.overflowPolicy);
        a.setBlockTimeout(Duration.buildByMilliseconds(options.blockTimeout.toMillis()));
        a.setMaxBackoff(Duration.buildByMilliseconds(options.maxBackoff.toMillis()));
        a.setEncoder(t.encoder());
        a.start();
        t.oss = a;
        return t.attach(a);
    }

    private PatternLayoutEncoder encoder() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(EventMix.LOGBACK_PATTERN);
        encoder.start();
        return encoder;
    }

    private LogbackTarget attach(Appender<ILoggingEvent> appender) {
        if (!appender.isStarted()) {
            String errors = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() >= Status.WARN).map(Status::getMessage)
                    .collect(Collectors.joining("; "));
            context.stop();
            throw new IllegalStateException("Logback appender " + appender.getName() + " did not start: " + errors);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        root.addAppender(appender);
        return this;
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
