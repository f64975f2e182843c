package io.github.osslog.log4j2.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginConfiguration;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractLayout;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * {@code <RecordingLayout pattern="..."/>}: a {@link PatternLayout}, or without a pattern arbitrary bytes derived
 * from the message (invalid UTF-8, NULs, line breaks, sometimes none or null); keeps every result in order, since
 * Log4j2 reuses event objects. Thread-safe.
 */
@Plugin(name = "RecordingLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE)
public final class RecordingLayout extends AbstractLayout<byte[]> {
    private final List<byte[]> produced = Collections.synchronizedList(new ArrayList<>());
    private final PatternLayout pattern;

    private RecordingLayout(Configuration configuration, PatternLayout pattern) {
        super(configuration, null, null);
        this.pattern = pattern;
    }

    @PluginFactory
    public static RecordingLayout create(@PluginConfiguration Configuration configuration,
            @PluginAttribute("pattern") String pattern) {
        return new RecordingLayout(configuration, pattern == null ? null
                : PatternLayout.newBuilder().setPattern(pattern).setConfiguration(configuration).build());
    }

    /** What {@link #toByteArray} returned so far, in order. */
    List<byte[]> produced() {
        synchronized (produced) {
            return new ArrayList<>(produced);
        }
    }

    @Override
    public byte[] toByteArray(LogEvent event) {
        byte[] bytes = pattern != null ? pattern.toByteArray(event) : random(event.getMessage().getFormattedMessage());
        produced.add(bytes);
        return bytes;
    }

    private static byte[] random(String message) {
        Random random = new Random(message == null ? 0 : message.hashCode() * 31L + message.length());
        if (random.nextInt(40) == 0) {
            return null;
        }
        byte[] bytes = new byte[message == null ? 3 : Math.max(0, message.length() + random.nextInt(17) - 8)];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public byte[] toSerializable(LogEvent event) {
        return toByteArray(event);
    }

    @Override
    public String getContentType() {
        return "application/octet-stream";
    }
}
