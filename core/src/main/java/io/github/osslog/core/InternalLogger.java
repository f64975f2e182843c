package io.github.osslog.core;

/**
 * Where the core reports about itself. Each framework adapter maps it to its own status channel (Logback's
 * {@code StatusManager}, Log4j2's {@code StatusLogger}); it must never route back into a logging framework's
 * appenders. Implementations must be thread-safe.
 */
public interface InternalLogger {

    /** A logger that writes nothing. */
    InternalLogger NONE = new InternalLogger() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message, Throwable cause) {
        }

        @Override
        public void error(String message, Throwable cause) {
        }
    };

    void info(String message);

    /** @param cause the failure behind the warning, or {@code null} */
    void warn(String message, Throwable cause);

    /** @param cause the failure behind the error, or {@code null} */
    void error(String message, Throwable cause);

    default void warn(String message) {
        warn(message, null);
    }

    default void error(String message) {
        error(message, null);
    }
}
