package io.github.osslog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.Converter;

/**
 * Stands in for the {@code ThrowableProxyConverter} Logback appends to a pattern that has no exception conversion
 * (so it has no options; PatternWriter picks it out): appends the same stack trace straight into the caller's
 * builder instead of into a fresh 2 KiB builder that is then copied to a String. It follows that converter's
 * steps (Logback's own {@link ThrowableProxyUtil} writes each first line; each frame is the frame proxy's text,
 * {@code "at "} and the frame, with the frame's text from {@link FrameTexts}), which PatternWriterTest and
 * StackTraceTextTest compare byte for byte with the converter. Thread-safe.
 */
final class StackTraceText extends Converter<ILoggingEvent> {
    private final FrameTexts frameTexts = new FrameTexts();

    @Override
    public String convert(ILoggingEvent event) {
        StringBuilder out = new StringBuilder();
        write(out, event);
        return out.toString();
    }

    @Override
    public void write(StringBuilder out, ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        // frames of Logback's own proxies are rebuilt from their StackTraceElement; others print themselves
        boolean fromFrames = proxy != null && proxy.getClass() == ThrowableProxy.class;
        append(out, null, ThrowableProxyUtil.REGULAR_EXCEPTION_INDENT, proxy, fromFrames);
    }

    private void append(StringBuilder out, String prefix, int indent, IThrowableProxy proxy, boolean fromFrames) {
        if (proxy == null) {
            return;
        }
        ThrowableProxyUtil.indent(out, indent - 1);
        if (prefix != null) {
            out.append(prefix);
        }
        ThrowableProxyUtil.subjoinExceptionMessage(out, proxy);
        out.append(CoreConstants.LINE_SEPARATOR);
        StackTraceElementProxy[] frames = proxy.getStackTraceElementProxyArray();
        int common = proxy.getCommonFrames();
        int shown = common > 0 ? frames.length - common : frames.length;
        for (int i = 0; i < shown; i++) {
            ThrowableProxyUtil.indent(out, indent);
            StackTraceElement frame = fromFrames ? frames[i].getStackTraceElement() : null;
            if (frame != null) {
                out.append("at ").append(frameTexts.text(frame)); // the proxy's own text: "at " + the frame
            } else {
                out.append(frames[i]);
            }
            out.append(CoreConstants.LINE_SEPARATOR);
        }
        if (common > 0) {
            ThrowableProxyUtil.indent(out, indent);
            out.append("... ").append(common).append(" common frames omitted").append(CoreConstants.LINE_SEPARATOR);
        }
        IThrowableProxy[] suppressed = proxy.getSuppressed();
        if (suppressed != null) {
            for (IThrowableProxy each : suppressed) {
                append(out, CoreConstants.SUPPRESSED, indent + ThrowableProxyUtil.SUPPRESSED_EXCEPTION_INDENT, each,
                        fromFrames);
            }
        }
        append(out, CoreConstants.CAUSED_BY, indent, proxy.getCause(), fromFrames);
    }
}
