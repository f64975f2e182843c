package io.github.osslog.core;

/**
 * The severity a record carries through the ring, in increasing order; the ring uses it only to discard
 * low-severity events when it is nearly full. Immutable.
 */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
}
