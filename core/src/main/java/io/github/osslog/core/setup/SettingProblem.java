package io.github.osslog.core.setup;

/** One bad setting: the property's name and a message saying what is wrong and how to fix it. Immutable. */
public final class SettingProblem {
    private final String property;
    private final String message;

    SettingProblem(String property, String message) {
        this.property = property;
        this.message = message;
    }

    /** The property's name, as users write it in logback.xml and log4j2.xml. */
    public String property() {
        return property;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return message.startsWith(property) ? message : property + ": " + message;
    }
}
