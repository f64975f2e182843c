package io.github.osslog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.Converter;

/**
 * Stands in for the {@code ThrowableProxyConverter} Logback appends to a pattern that has no exception conversion
 * (so it has no options; PatternWriter picks it out): appends the same stack trace straight into the caller's builder instead of into a
 * fresh 2 KiB builder that is then copied to a String. It follows that converter's steps (Logback's own
 * {@link ThrowableProxyUtil} writes each first line, and each frame is the frame proxy's cached text), which
 * PatternWriterTest and StackTraceTextTest compare byte for byte with the converter. Thread-safe (stateless).
 */
final class StackTraceText extends Converter<ILoggingEvent> {
    @Override
    public String convert(ILoggingEvent event) {
        StringBuilder out = new StringBuilder();
        write(out, event);
        return out.toString();
    }

    @Override
    public void write(StringBuilder out, ILoggingEvent event) {
        append(out, null, ThrowableProxyUtil.REGULAR_EXCEPTION_INDENT, event.getThrowableProxy());
    }

    private static void append(StringBuilder out, String prefix, int indent, IThrowableProxy proxy) {
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
            out.append(frames[i]).append(CoreConstants.LINE_SEPARATOR);
        }
        if (common > 0) {
            ThrowableProxyUtil.indent(out, indent);
            out.append("... ").append(common).append(" common frames omitted").append(CoreConstants.LINE_SEPARATOR);
        }
        IThrowableProxy[] suppressed = proxy.getSuppressed();
        if (suppressed != null) {
            for (IThrowableProxy each : suppressed) {
                append(out, CoreConstants.SUPPRESSED, indent + ThrowableProxyUtil.SUPPRESSED_EXCEPTION_INDENT, each);
            }
        }
        append(out, CoreConstants.CAUSED_BY, indent, proxy.getCause());
    }
}
