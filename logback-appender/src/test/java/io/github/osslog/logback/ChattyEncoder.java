package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * An encoder that logs through the context while it encodes (re-entering the appender) and fails on messages
 * containing "boom". Thread-safe.
 */
public class ChattyEncoder extends EncoderBase<ILoggingEvent> {
    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("boom")) {
            throw new IllegalStateException("cannot encode " + event.getFormattedMessage());
        }
        ((LoggerContext) getContext()).getLogger("encoder").info("encoding {}", event.getFormattedMessage());
        return (event.getFormattedMessage() + "\n").getBytes(UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
