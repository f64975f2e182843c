package io.github.osslog.logback.fuzz;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Random;

/**
 * An encoder of arbitrary bytes (invalid UTF-8, NULs, line breaks, sometimes none), derived from the message so
 * that encoding an event again gives the same bytes. Thread-safe.
 */
public class RandomBytesEncoder extends EncoderBase<ILoggingEvent> {
    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        Random random = new Random(message == null ? 0 : message.hashCode() * 31L + message.length());
        byte[] bytes = new byte[message == null ? 3 : Math.max(0, message.length() + random.nextInt(17) - 8)];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
