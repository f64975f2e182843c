package io.github.osslog.logback;

import static java.nio.charset.StandardCharsets.UTF_8;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.concurrent.atomic.AtomicInteger;

/** An encoder that declares itself stateful and counts calls that overlap another call. Thread-safe. */
public class StatefulEncoder extends EncoderBase<ILoggingEvent> {
    final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger inside = new AtomicInteger();

    @Override
    public boolean isStateful() {
        return true;
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (inside.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            Thread.yield(); // widens the window in which an unserialized caller would overlap
            return (event.getFormattedMessage() + "\n").getBytes(UTF_8);
        } finally {
            inside.decrementAndGet();
        }
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
