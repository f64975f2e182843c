package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * An encoder that throws the {@link Error} its event's message names, as an encoder built against another Logback or
 * missing a class would: {@code NoClassDefFoundError}, {@code IllegalAccessError}, {@code StackOverflowError} (a real
 * one), {@code OutOfMemoryError}; other messages encode as themselves. Thread-safe.
 */
public class ThrowingEncoder extends EncoderBase<ILoggingEvent> {
    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        switch (message) {
            case "NoClassDefFoundError":
                throw new NoClassDefFoundError("kotlin/enums/EnumEntriesKt");
            case "IllegalAccessError":
                throw new IllegalAccessError("tried to access private method 'subjoinExceptionMessage'");
            case "StackOverflowError":
                return recurse(0);
            case "OutOfMemoryError":
                throw new OutOfMemoryError("Java heap space");
            default:
                return (message + "\n").getBytes(UTF_8);
        }
    }

    private static byte[] recurse(int depth) {
        return depth < 0 ? null : recurse(depth + 1);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
