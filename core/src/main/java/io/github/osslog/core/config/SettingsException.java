package io.github.osslog.core.config;

import java.util.Collections;
import java.util.List;

/** The settings cannot make a working pipeline; {@link #problems()} lists every bad setting. */
public final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<SettingProblem> problems;

    SettingsException(List<SettingProblem> problems) {
        super(problems.size() + " bad osslog setting(s): " + problems);
        this.problems = Collections.unmodifiableList(problems);
    }

    public List<SettingProblem> problems() {
        return problems;
    }
}
