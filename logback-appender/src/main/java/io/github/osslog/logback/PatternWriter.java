package io.github.osslog.logback;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.pattern.EnsureExceptionHandling;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.pattern.Converter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Writes what a plain {@link PatternLayoutEncoder} would encode into a caller's reused {@link StringBuilder},
 * running the converter chain of a twin {@link PatternLayout} (same pattern, same context, so the same conversion
 * rules), so no String or byte[] is made per event. Thread-safe, as Logback's converters are. See
 * docs/logback-adapter.md ("Encoding without garbage").
 */
final class PatternWriter {
    private final PatternLayout layout;
    private final Converter<ILoggingEvent> head;

    private PatternWriter(PatternLayout layout, Converter<ILoggingEvent> head) {
        this.layout = layout;
        this.head = head;
    }

    /**
     * The writer for {@code encoder}, or null when it cannot reproduce the encoder's bytes exactly: a subclass or
     * another encoder, a charset other than UTF-8, a pattern that does not compile. Those keep {@code encode}.
     */
    static PatternWriter of(Encoder<ILoggingEvent> encoder, Context context) {
        if (encoder == null || encoder.getClass() != PatternLayoutEncoder.class || !encoder.isStarted()) {
            return null;
        }
        PatternLayoutEncoder pattern = (PatternLayoutEncoder) encoder;
        Charset charset = pattern.getCharset() == null ? Charset.defaultCharset() : pattern.getCharset();
        if (!charset.equals(StandardCharsets.UTF_8) || pattern.getPattern() == null) {
            return null;
        }
        try {
            Converter<ILoggingEvent>[] chain = newChain();
            PatternLayout twin = new PatternLayout();
            twin.setContext(context);
            twin.setPattern(pattern.getPattern());
            twin.setPostCompileProcessor((ctx, first) -> {
                new EnsureExceptionHandling().process(ctx, first); // what PatternLayout's own processor does
                chain[0] = first;
            });
            twin.start();
            return twin.isStarted() && chain[0] != null ? new PatternWriter(twin, chain[0]) : null;
        } catch (LinkageError olderLogback) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Converter<ILoggingEvent>[] newChain() {
        return new Converter[1];
    }

    /** Appends the event's text to {@code out}, exactly as {@code PatternLayout.doLayout} would return it. */
    void write(ILoggingEvent event, StringBuilder out) {
        for (Converter<ILoggingEvent> c = head; c != null; c = c.getNext()) {
            c.write(out, event);
        }
    }

    void stop() {
        layout.stop();
    }
}
