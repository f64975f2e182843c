package io.github.osslog.log4j2;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/** Records every status message (DEBUG and up, or from the level given) while open. Thread-safe. */
public final class StatusCapture implements AutoCloseable {
    private final List<StatusData> messages = new CopyOnWriteArrayList<>();
    private final Level level;
    private final StatusListener listener = new StatusListener() {
        @Override
        public void log(StatusData data) {
            messages.add(data);
        }

        @Override
        public Level getStatusLevel() {
            return level;
        }

        @Override
        public void close() {
        }
    };

    private StatusCapture(Level level) {
        this.level = level;
    }

    public static StatusCapture start() {
        return start(Level.DEBUG);
    }

    /** Records the messages at {@code level} or more severe. */
    public static StatusCapture start(Level level) {
        StatusCapture capture = new StatusCapture(level);
        StatusLogger.getLogger().registerListener(capture.listener);
        return capture;
    }

    /** Messages at {@code level} or more severe, with their causes' messages. */
    public List<String> atLeast(Level level) {
        return messages.stream().filter(d -> d.getLevel().isMoreSpecificThan(level)).map(StatusCapture::text)
                .collect(Collectors.toList());
    }

    public String all() {
        return messages.stream().map(StatusCapture::text).collect(Collectors.joining("\n"));
    }

    /** Each message as Log4j2 formats it and, when it has one, its stack trace: all that a leak check searches. */
    public List<String> formattedWithTraces() {
        List<String> texts = new ArrayList<>();
        for (StatusData data : messages) {
            texts.add(data.getFormattedStatus());
            if (data.getThrowable() != null) {
                StringWriter trace = new StringWriter();
                data.getThrowable().printStackTrace(new PrintWriter(trace));
                texts.add(trace.toString());
            }
        }
        return texts;
    }

    private static String text(StatusData d) {
        String text = d.getLevel() + " " + d.getMessage().getFormattedMessage();
        for (Throwable t = d.getThrowable(); t != null; t = t.getCause()) {
            text += " / " + t;
        }
        return text;
    }

    @Override
    public void close() {
        StatusLogger.getLogger().removeListener(listener);
    }
}
