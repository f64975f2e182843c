package io.github.osslog.log4j2;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginConfiguration;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

/** Misbehaving and counting layouts for the re-entrance, exception and drop tests. */
final class TestLayouts {
    private TestLayouts() {
    }

    /**
     * {@code <ChattyLayout/>}: logs through its own logger context while it formats (as a layout with a
     * misbehaving lookup or converter would), and when {@link #reenter} is set also appends straight back into
     * that appender, past Log4j2's own recursion check. Prints the message and a line break.
     */
    @Plugin(name = "ChattyLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE)
    public static final class ChattyLayout extends AbstractStringLayout {
        static volatile Appender reenter;

        private final Configuration configuration;

        private ChattyLayout(Configuration configuration) {
            super(StandardCharsets.UTF_8);
            this.configuration = configuration;
        }

        @PluginFactory
        public static ChattyLayout create(@PluginConfiguration Configuration configuration) {
            return new ChattyLayout(configuration);
        }

        @Override
        public String toSerializable(LogEvent event) {
            String message = event.getMessage().getFormattedMessage();
            configuration.getLoggerContext().getLogger("layout").info("formatting {}", message);
            Appender target = reenter;
            if (target != null) {
                target.append(event);
            }
            return message + "\n";
        }
    }

    /** {@code <FailingLayout/>}: throws for every event. */
    @Plugin(name = "FailingLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE)
    public static final class FailingLayout extends AbstractStringLayout {
        private FailingLayout() {
            super(StandardCharsets.UTF_8);
        }

        @PluginFactory
        public static FailingLayout create() {
            return new FailingLayout();
        }

        @Override
        public String toSerializable(LogEvent event) {
            throw new IllegalStateException("layout failed on purpose");
        }
    }

    /** {@code <CountingLayout/>}: prints the message and a line break, counting the events it formats. */
    @Plugin(name = "CountingLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE)
    public static final class CountingLayout extends AbstractStringLayout {
        static final AtomicInteger CALLS = new AtomicInteger();

        private CountingLayout() {
            super(StandardCharsets.UTF_8);
        }

        @PluginFactory
        public static CountingLayout create() {
            return new CountingLayout();
        }

        @Override
        public String toSerializable(LogEvent event) {
            CALLS.incrementAndGet();
            return event.getMessage().getFormattedMessage() + "\n";
        }
    }

    /**
     * {@code <ThrowingLayout/>}: throws the {@link Error} the message names ({@code NoClassDefFoundError},
     * {@code IllegalAccessError}, a real {@code StackOverflowError}), as a layout built against another Log4j2 or
     * missing a class would; prints other messages and a line break.
     */
    @Plugin(name = "ThrowingLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE)
    public static final class ThrowingLayout extends AbstractStringLayout {
        private ThrowingLayout() {
            super(StandardCharsets.UTF_8);
        }

        @PluginFactory
        public static ThrowingLayout create() {
            return new ThrowingLayout();
        }

        @Override
        public String toSerializable(LogEvent event) {
            String message = event.getMessage().getFormattedMessage();
            switch (message) {
                case "NoClassDefFoundError":
                    throw new NoClassDefFoundError("kotlin/enums/EnumEntriesKt");
                case "IllegalAccessError":
                    throw new IllegalAccessError("tried to access a private field");
                case "StackOverflowError":
                    return recurse(0);
                default:
                    return message + "\n";
            }
        }

        private static String recurse(int depth) {
            return depth < 0 ? null : recurse(depth + 1);
        }
    }
}
