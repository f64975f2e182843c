package io.github.osslog.log4j2;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/** Records every status message (DEBUG and up) while open. Thread-safe. */
public final class StatusCapture implements AutoCloseable {
    private final List<StatusData> messages = new CopyOnWriteArrayList<>();
    private final StatusListener listener = new StatusListener() {
        @Override
        public void log(StatusData data) {
            messages.add(data);
        }

        @Override
        public Level getStatusLevel() {
            return Level.DEBUG;
        }

        @Override
        public void close() {
        }
    };

    public static StatusCapture start() {
        StatusCapture capture = new StatusCapture();
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
