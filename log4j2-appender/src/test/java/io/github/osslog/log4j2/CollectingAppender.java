package io.github.osslog.log4j2;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/** {@code <Collecting name="..."/>}: keeps the formatted messages it receives, to show other appenders still work. */
@Plugin(name = "Collecting", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class CollectingAppender extends AbstractAppender {
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private CollectingAppender(String name) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @PluginFactory
    public static CollectingAppender create(@PluginAttribute("name") String name) {
        return new CollectingAppender(name);
    }

    @Override
    public void append(LogEvent event) {
        messages.add(event.getMessage().getFormattedMessage());
    }

    public List<String> messages() {
        return messages;
    }
}
