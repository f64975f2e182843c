package io.github.osslog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link MessageText} writes what {@code getFormattedMessage()} returns, for every pattern and argument shape. */
class MessageTextTest {
    private static final String[] PATTERNS = {
        "plain", "", "{}", "{}{}", "{} {} {}", "a {} b {} c", "{", "}", "}{", "{{}}", "\\{}", "\\\\{}", "\\\\\\{}",
        "x\\{} {}", "x\\\\{} {}", "{}\\", "\\", "tail {} \\", "é {} 😀 {} \uD800 {}", "{}{}{}{}{}{}", "no args here",
        "{ }", "{}}", "{{}", "\\{}{}", "{}\\{}",
    };
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("shop.Orders");
    private final Random random = new Random(5);

    @Test
    void writesWhatTheEventFormatsForEveryPatternAndArgumentShape() {
        int fast = 0;
        for (int round = 0; round < 5_000; round++) {
            String pattern = PATTERNS[random.nextInt(PATTERNS.length)];
            Object[] args = random.nextInt(10) == 0 ? null : arguments(random.nextInt(5));
            Throwable error = random.nextInt(4) == 0 ? new IllegalStateException("boom") : null;
            LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, pattern, error, args);

            StringBuilder out = new StringBuilder("prefix|");
            new MessageText().write(out, event);
            assertEquals("prefix|" + fresh(pattern, error, args).getFormattedMessage(), out.toString(),
                    "pattern " + pattern);

            StringBuilder direct = new StringBuilder("prefix|");
            if (MessageText.append(direct, pattern, event.getArgumentArray())) {
                fast++;
                assertEquals(out.toString(), direct.toString());
            } else {
                assertEquals("prefix|", direct.toString(), "a case it does not take leaves the builder as it was");
            }
        }
        assertTrue(fast > 2_500, "most events take the direct path: " + fast);
    }

    @Test
    void handsArraysThrowingToStringAndTrailingThrowablesToTheEvent() {
        Object throwing = new Object() {
            @Override
            public String toString() {
                throw new IllegalArgumentException("no text");
            }
        };
        Object[][] cases = {
            {new int[] {1, 2}}, {new Object[] {"a", new String[] {"b"}}}, {1, throwing},
            {"x", new RuntimeException("t")},
        };
        for (Object[] args : cases) {
            StringBuilder out = new StringBuilder();
            assertFalse(MessageText.append(out, "{} and {}", args));
            assertEquals(0, out.length());
            LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "{} and {}", null, args);
            new MessageText().write(out, event);
            assertEquals(fresh("{} and {}", null, args).getFormattedMessage(), out.toString());
        }
        StringBuilder nullMessage = new StringBuilder();
        new MessageText().write(nullMessage, new LoggingEvent(Logger.class.getName(), logger, Level.INFO, null, null,
                new Object[] {1}));
        assertEquals("null", nullMessage.toString());
    }

    private LoggingEvent fresh(String pattern, Throwable error, Object[] args) {
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, pattern, error,
                args == null ? null : args.clone());
    }

    private Object[] arguments(int count) {
        Object[] args = new Object[count];
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(12)) {
                case 0: args[i] = null; break;
                case 1: args[i] = random.nextInt(); break;
                case 2: args[i] = random.nextBoolean() ? Long.MIN_VALUE : random.nextLong(); break;
                case 3: args[i] = (short) random.nextInt(); break;
                case 4: args[i] = (byte) random.nextInt(); break;
                case 5: args[i] = random.nextDouble() * 1e9; break;
                case 6: args[i] = "s{}\\{}é" + i; break;
                case 7: args[i] = 'c'; break;
                case 8: args[i] = new StringBuilder("builder"); break;
                case 9: args[i] = Integer.MIN_VALUE; break;
                case 10: args[i] = java.util.List.of(1, "two"); break;
                default: args[i] = new Object() {
                    @Override
                    public String toString() {
                        return null;
                    }
                };
            }
        }
        return args;
    }
}
