package io.github.osslog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.pattern.Converter;

/**
 * Stands in for a plain {@code %msg} converter: appends the text {@link ILoggingEvent#getFormattedMessage()} would
 * return straight into the caller's builder, following SLF4J's {@code MessageFormatter.arrayFormat} rules for
 * {@code {}}, {@code \{}} and {@code \\{}}, so no String is made for the message. It takes only the common case:
 * a Logback {@link LoggingEvent} whose arguments are not arrays and whose last argument is not a Throwable, and
 * whose arguments' {@code toString()} do not throw. Anything else is handed to {@code getFormattedMessage()}, the
 * code it stands in for. Thread-safe (stateless). See docs/logback-adapter.md ("Encoding without garbage").
 */
final class MessageText extends Converter<ILoggingEvent> {
    @Override
    public String convert(ILoggingEvent event) {
        return event.getFormattedMessage();
    }

    @Override
    public void write(StringBuilder out, ILoggingEvent event) {
        if (event.getClass() != LoggingEvent.class || !append(out, event.getMessage(), event.getArgumentArray())) {
            out.append(event.getFormattedMessage());
        }
    }

    /**
     * Appends {@code pattern} formatted with {@code args} as SLF4J would; false, with {@code out} as it was, for a
     * case this does not take (see the class comment).
     */
    static boolean append(StringBuilder out, String pattern, Object[] args) {
        if (pattern == null) {
            return false;
        }
        if (args == null) {
            out.append(pattern);
            return true;
        }
        if (args.length > 0 && args[args.length - 1] instanceof Throwable) {
            return false; // SLF4J treats it as the event's throwable or not, depending on the event
        }
        int start = out.length();
        int from = 0;
        for (int arg = 0; arg < args.length; arg++) {
            int at = pattern.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            boolean escaped = at > 0 && pattern.charAt(at - 1) == '\\';
            if (escaped && !(at > 1 && pattern.charAt(at - 2) == '\\')) {
                // "\{}" is a literal "{}" and uses no argument
                out.append(pattern, from, at - 1).append('{');
                from = at + 1;
                arg--;
                continue;
            }
            // "\\{}" is one backslash and the argument
            out.append(pattern, from, escaped ? at - 1 : at);
            if (!appendArgument(out, args[arg])) {
                out.setLength(start);
                return false;
            }
            from = at + 2;
        }
        out.append(pattern, from, pattern.length());
        return true;
    }

    private static boolean appendArgument(StringBuilder out, Object arg) {
        if (arg == null) {
            out.append("null");
        } else if (arg instanceof String) {
            out.append((String) arg);
        } else if (arg instanceof Integer || arg instanceof Long || arg instanceof Short || arg instanceof Byte) {
            out.append(((Number) arg).longValue()); // the digits of their toString(), without the String
        } else if (arg.getClass().isArray()) {
            return false;
        } else {
            String text;
            try {
                text = arg.toString();
            } catch (Throwable e) { // as SLF4J, which then reports it and writes "[FAILED toString()]"
                return false;
            }
            out.append(text);
        }
        return true;
    }
}
