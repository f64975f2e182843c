package io.github.osslog.logback;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.atomic.AtomicInteger;

/** A pattern encoder that counts its {@code encode} calls (a subclass, so the appender calls it). Thread-safe. */
public class CountingEncoder extends PatternLayoutEncoder {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public byte[] encode(ILoggingEvent event) {
        calls.incrementAndGet();
        return super.encode(event);
    }
}
