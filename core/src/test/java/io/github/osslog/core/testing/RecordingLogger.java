package io.github.osslog.core.testing;

import io.github.osslog.core.InternalLogger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** An InternalLogger that keeps every message, prefixed with its level. Thread-safe. */
public final class RecordingLogger implements InternalLogger {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public synchronized void warn(String message, Throwable cause) {
        lines.add("WARN " + message);
    }

    @Override
    public synchronized void error(String message, Throwable cause) {
        lines.add("ERROR " + message);
    }

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** Whether a line of {@code level} contains {@code text}. */
    public synchronized boolean contains(String level, String text) {
        return count(level, text) > 0;
    }

    /** How many lines of {@code level} contain {@code text}. */
    public synchronized long count(String level, String text) {
        return lines.stream().filter(l -> l.startsWith(level + " ") && l.contains(text)).count();
    }

    /** Lines of {@code level} (INFO, WARN, ERROR). */
    public synchronized List<String> at(String level) {
        return lines.stream().filter(l -> l.startsWith(level + " ")).collect(Collectors.toList());
    }
}
