package io.github.osslog.core.config;

/** One bad setting: the {@link Setting} and a message saying what is wrong and how to fix it. Immutable. */
public final class SettingProblem {
    private final Setting setting;
    private final String message;

    SettingProblem(Setting setting, String message) {
        this.setting = setting;
        this.message = message;
    }

    public Setting setting() {
        return setting;
    }

    /** The setting's name, as users write it in logback.xml and log4j2.xml. */
    public String property() {
        return setting.property();
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return message.startsWith(property()) ? message : property() + ": " + message;
    }
}
