package io.github.osslog.core;

/**
 * A configuration value is invalid; {@link #setting()} names the setting at fault, as users write it, so the
 * problem is reported against it without reading the message. The message starts with that name and says the fix.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public InvalidSettingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /**
     * Throws unless {@code expression} holds, with the message {@code setting} followed by a space and
     * {@code String.format(template, args)}, in the manner of Caffeine's {@code requireArgument}.
     */
    public static void require(boolean expression, String setting, String template, Object... args) {
        if (!expression) {
            throw new InvalidSettingException(setting, setting + ' ' + String.format(template, args));
        }
    }

    /** The setting's name, e.g. {@code bufferSize}. */
    public String setting() {
        return setting;
    }
}
