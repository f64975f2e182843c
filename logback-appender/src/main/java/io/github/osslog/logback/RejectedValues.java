package io.github.osslog.logback;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.joran.util.PropertySetter;
import ch.qos.logback.core.status.Status;
import io.github.osslog.core.setup.ShipperSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Finds the property values Joran could not convert for one appender: Joran only warns and skips the setter (e.g.
 * {@code <bufferSize>lots</bufferSize>}), which would leave the appender running on a default the user did not
 * choose. Stateless.
 */
final class RejectedValues {
    /** Properties with a {@code FileSize} setter. */
    static final List<String> SIZES = Collections.unmodifiableList(
            Arrays.asList("maxObjectSize", "bufferSize", "maxEventSize", "batchMaxBytes",
                    "spoolMaxBytes"));
    /** Properties with a Logback {@code Duration} setter. */
    static final List<String> DURATIONS = Collections.unmodifiableList(Arrays.asList("flushInterval",
            "blockTimeout", "initialBackoff", "maxBackoff", "connectTimeout", "readTimeout", "writeTimeout",
            "callTimeout", "shutdownTimeout"));
    /** Properties with a {@code boolean} setter. */
    static final List<String> BOOLEANS = Collections.unmodifiableList(
            Arrays.asList("sendContentMd5", "strictConfiguration"));

    private RejectedValues() {
    }

    /** One problem text per value Joran reported it could not set on {@code appender}, naming the property. */
    static List<String> find(Object appender, Context context) {
        List<String> problems = new ArrayList<>();
        if (context == null) {
            return problems;
        }
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            Object origin = status.getOrigin();
            if (status.getLevel() >= Status.WARN && origin instanceof PropertySetter
                    && ((PropertySetter) origin).getObj() == appender) {
                String property = propertyIn(status.getMessage());
                if (property != null) {
                    problems.add(property + ": Logback could not read the value (" + status.getMessage().trim()
                            + "): " + fix(property));
                }
            }
        }
        return problems;
    }

    /** The osslog property a Joran message names in brackets ({@code [bufferSize]}), or null. */
    private static String propertyIn(String message) {
        for (String property : ShipperSettings.PROPERTIES) {
            if (message != null && message.contains("[" + property + "]")) {
                return property;
            }
        }
        return null;
    }

    private static String fix(String property) {
        if (SIZES.contains(property)) {
            return "write a size such as 64MB, 512KB or 1GB";
        }
        if (DURATIONS.contains(property)) {
            return "write a duration such as 2 seconds, 500 milliseconds or 1 minute";
        }
        if (BOOLEANS.contains(property)) {
            return "write true or false";
        }
        return "check the value";
    }
}
