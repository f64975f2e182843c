package io.github.osslog.logback;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.pattern.EnsureExceptionHandling;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.pattern.Converter;
import ch.qos.logback.core.spi.ContextAware;
import io.github.osslog.core.sink.Containment;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes what a plain {@link PatternLayoutEncoder} would encode into a caller's reused {@link StringBuilder},
 * running the converter chain of a twin {@link PatternLayout} (same pattern, same context, so the same conversion
 * rules), so no String or byte[] is made per event; a plain {@code %msg} and the stack trace Logback appends to a
 * pattern without one are written by {@link MessageText} and {@link StackTraceText} without their Strings, each
 * only where {@link StandInCheck} finds that it writes what the converter would on this Logback. Thread-safe, as Logback's converters are. See docs/logback-adapter.md ("Encoding without garbage").
 */
final class PatternWriter {
    private static final MessageText MESSAGE = new MessageText();
    private static final StackTraceText STACK_TRACE = new StackTraceText();

    private final PatternLayout layout;
    /** The twin's converters in order, plain {@code %msg} and {@code %ex} replaced by their stand-ins. */
    private final Converter<ILoggingEvent>[] steps;

    private PatternWriter(PatternLayout layout, List<Converter<ILoggingEvent>> steps) {
        this.layout = layout;
        this.steps = steps.toArray(newChain());
    }

    /**
     * The writer for {@code encoder}, or null when it cannot reproduce the encoder's bytes exactly: a subclass or
     * another encoder, a charset other than UTF-8, a pattern that does not compile. Those keep {@code encode}. Says
     * which path is taken as info statuses of {@code owner}.
     */
    static PatternWriter of(Encoder<ILoggingEvent> encoder, ContextAware owner) {
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
            twin.setContext(owner.getContext());
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
            if (!twin.isStarted() || chain[0] == null) {
                owner.addInfo("osslog: encoding with the encoder itself: its pattern did not compile again");
                return null;
            }
            List<Converter<ILoggingEvent>> steps = new ArrayList<>();
            for (Converter<ILoggingEvent> c = chain[0]; c != null; c = c.getNext()) {
                steps.add(standIn(c, chain[1], owner));
            }
            return new PatternWriter(twin, steps);
        } catch (Throwable olderLogback) { // e.g. a Logback without setPostCompileProcessor's two-argument form
            Containment.rethrowIfFatal(olderLogback);
            owner.addInfo("osslog: encoding with the encoder itself: this Logback lacks what the reused-buffer path"
                    + " needs (" + olderLogback + ")");
            return null;
        }
    }

    /**
     * The stand-in for {@code c}, or {@code c}: a plain {@code %msg} (exact class, no width or padding), and the
     * exception converter Logback itself appended to a pattern that had none (so it has no options), whose output
     * the stand-ins reproduce; each stand-in only where {@link StandInCheck} accepts it (said as an info status).
     */
    private static Converter<ILoggingEvent> standIn(Converter<ILoggingEvent> c, Converter<ILoggingEvent> appended,
            ContextAware owner) {
        if (c.getClass() == MessageConverter.class && ((MessageConverter) c).getFormattingInfo() == null) {
            return checked(MESSAGE, c, "%msg", owner);
        }
        if (c == appended && c.getClass() == ThrowableProxyConverter.class) {
            return checked(STACK_TRACE, c, "stack traces", owner);
        }
        return c;
    }

    private static Converter<ILoggingEvent> checked(Converter<ILoggingEvent> standIn, Converter<ILoggingEvent> real,
            String what, ContextAware owner) {
        String mismatch = StandInCheck.mismatch(standIn, real);
        if (mismatch == null) {
            owner.addInfo("osslog: writing " + what + " into reused buffers (" + standIn.getClass().getSimpleName()
                    + ")");
            return standIn;
        }
        owner.addInfo("osslog: writing " + what + " with Logback's " + real.getClass().getSimpleName() + ": "
                + standIn.getClass().getSimpleName() + " does not fit this Logback (" + mismatch + ")");
        return real;
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

    /** Whether a stand-in replaced one of the layout's converters (tests ask). */
    boolean usesStandIns() {
        for (Converter<ILoggingEvent> step : steps) {
            if (step == MESSAGE || step == STACK_TRACE) {
                return true;
            }
        }
        return false;
    }

    void stop() {
        layout.stop();
    }
}
