package io.github.osslog.core.sink;

/**
 * How an adapter turns its framework's event into bytes for {@link LogSink#append}. An adapter implements it once (a
 * field or constant, never a lambda made per event) and the sink calls it on the appending thread, inside its
 * re-entry guard, only for an event it has not refused already. Must be thread-safe: the sink calls it from every
 * appending thread at once (each with its own {@link EventBytes}).
 *
 * @param <E> the framework's event type
 */
@FunctionalInterface
public interface EventEncoder<E> {
    /**
     * Writes {@code event} into {@code out}: its text into {@link EventBytes#text()}, which the sink encodes as
     * UTF-8, or bytes encoded elsewhere through {@link EventBytes#encoded(byte[], int)}. Writing nothing ships
     * nothing. A {@link RuntimeException} drops the event, counted as {@code encoder failed}.
     */
    void encode(E event, EventBytes out);

    /**
     * Called after the sink counted an event this encoder failed on. Returning lets the sink report it (an error
     * status at the 1st, 2nd, 4th, ... failure). An adapter whose framework has its own policy for an appender's
     * exceptions (Log4j2's {@code ignoreExceptions}) rethrows {@code failure} instead, which then goes to the
     * framework and skips the sink's report.
     */
    default void failed(RuntimeException failure) {
    }
}
