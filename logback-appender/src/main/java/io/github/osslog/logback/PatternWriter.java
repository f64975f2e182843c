package io.github.osslog.logback;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.pattern.EnsureExceptionHandling;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.pattern.Converter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes what a plain {@link PatternLayoutEncoder} would encode into a caller's reused {@link StringBuilder},
 * running the converter chain of a twin {@link PatternLayout} (same pattern, same context, so the same conversion
 * rules), so no String or byte[] is made per event; a plain {@code %msg} and the stack trace Logback appends to a
 * pattern without one are written by {@link MessageText} and {@link StackTraceText} without their Strings.
 * Thread-safe, as Logback's converters are. See docs/logback-adapter.md ("Encoding without garbage").
 */
final class PatternWriter {
    private static final MessageText MESSAGE = new MessageText();
    private static final StackTraceText STACK_TRACE = new StackTraceText();

    private final PatternLayout layout;
    /** The twin's converters in order, plain {@code %msg} and {@code %ex} replaced by their stand-ins. */
    private final Converter<ILoggingEvent>[] steps;

    private PatternWriter(PatternLayout layout, Converter<ILoggingEvent> head, Converter<ILoggingEvent> appended) {
        this.layout = layout;
        List<Converter<ILoggingEvent>> chain = new ArrayList<>();
        for (Converter<ILoggingEvent> c = head; c != null; c = c.getNext()) {
            chain.add(standIn(c, appended));
        }
        this.steps = chain.toArray(newChain());
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
            Converter<ILoggingEvent>[] chain = Arrays.copyOf(newChain(), 2); // head, appended exception converter
            PatternLayout twin = new PatternLayout();
            twin.setContext(context);
            twin.setPattern(pattern.getPattern());
            twin.setPostCompileProcessor((ctx, first) -> {
                Converter<ILoggingEvent> tail = first;
                while (tail != null && tail.getNext() != null) {
                    tail = tail.getNext();
                }
                new EnsureExceptionHandling().process(ctx, first); // what PatternLayout's own processor does
                chain[0] = first;
                chain[1] = tail == null ? null : tail.getNext();
            });
            twin.start();
            return twin.isStarted() && chain[0] != null ? new PatternWriter(twin, chain[0], chain[1]) : null;
        } catch (LinkageError olderLogback) {
            return null;
        }
    }

    /**
     * The stand-in for {@code c}, or {@code c}: a plain {@code %msg} (exact class, no width or padding), and the
     * exception converter Logback itself appended to a pattern that had none (so it has no options), whose output
     * the stand-ins reproduce.
     */
    private static Converter<ILoggingEvent> standIn(Converter<ILoggingEvent> c, Converter<ILoggingEvent> appended) {
        if (c.getClass() == MessageConverter.class && ((MessageConverter) c).getFormattingInfo() == null) {
            return MESSAGE;
        }
        if (c == appended && c.getClass() == ThrowableProxyConverter.class) {
            return STACK_TRACE;
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Converter<ILoggingEvent>[] newChain() {
        return new Converter[0];
    }

    /** Appends the event's text to {@code out}, exactly as {@code PatternLayout.doLayout} would return it. */
    void write(ILoggingEvent event, StringBuilder out) {
        for (Converter<ILoggingEvent> step : steps) {
            step.write(out, event);
        }
    }

    void stop() {
        layout.stop();
    }
}
