package io.github.osslog.core.config;

import io.github.osslog.core.InvalidSettingException;
import io.github.osslog.core.auth.CredentialsException;
import io.github.osslog.core.auth.CredentialsProvider;
import io.github.osslog.core.auth.DefaultCredentialsProvider;
import io.github.osslog.core.auth.EcsRamRoleCredentialsProvider;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import io.github.osslog.core.internal.pipeline.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The values of the {@link Setting}s as users wrote them, which {@link #validate} turns into an immutable
 * {@link OsslogConfig}: every bad value is reported with its setting's name and the fix, none throws into the
 * application. Not thread-safe: adapters fill it while configuring.
 */
public final class Settings {
    private final Map<Setting, String> values = new LinkedHashMap<>();
    private final Map<String, String> keyValues = new LinkedHashMap<>();
    private Clock clock;
    private Ticker ticker;
    private Function<String, String> env = System::getenv;

    /** Sets {@code setting} to {@code value} as written; {@code null} or blank restores the default. */
    public Settings set(Setting setting, String value) {
        if (value == null || value.trim().isEmpty()) {
            values.remove(setting);
        } else {
            values.put(setting, value.trim());
        }
        return this;
    }

    /**
     * Sets the setting named {@code property}.
     *
     * @throws IllegalArgumentException for a name that is no setting (an adapter bug, not a user error)
     */
    public Settings set(String property, String value) {
        return set(Setting.named(property), value);
    }

    /** Sets a size in bytes (for adapters whose framework parsed it already). */
    public Settings setBytes(Setting setting, long bytes) {
        return set(setting, Long.toString(bytes));
    }

    /** Sets a duration (for adapters whose framework parsed it already). */
    public Settings setDuration(Setting setting, Duration duration) {
        return set(setting, duration == null ? null : duration.toString());
    }

    /** The value as set, or {@code null}. */
    public String get(Setting setting) {
        return values.get(setting);
    }

    /**
     * Whether {@code strictConfiguration} is {@code true}, readable before validation: configuration problems are
     * then reported as errors where a framework distinguishes (Logback), so hosts that fail start-up on errors do
     * (docs/configuration-errors.md).
     */
    public boolean strictConfiguration() {
        return "true".equalsIgnoreCase(values.get(Setting.STRICT_CONFIGURATION));
    }

    /**
     * Every value and key value as one text, secrets only as a keyed fingerprint (random key per JVM): equal for
     * equal configurations, so an adapter can hand a running pipeline to an equal new configuration. Safe to print.
     */
    public String fingerprint() {
        return SettingsFingerprint.of(values, keyValues);
    }

    /** A value for the object key pattern's {@code %{name}} token. */
    public Settings keyValue(String name, String value) {
        keyValues.put(name, value);
        return this;
    }

    /** The clock for key dates and signing (tests inject a fake one). */
    public Settings clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The pipeline's monotonic time and retry waits (tests inject one that skips waits; not a user setting). */
    public Settings ticker(Ticker ticker) {
        this.ticker = ticker;
        return this;
    }

    /** Where the default credentials chain reads environment variables (tests inject a map). */
    Settings env(Function<String, String> env) {
        this.env = env;
        return this;
    }

    /**
     * Checks every value, alone and in combination, and returns the config of a pipeline named {@code name} (its
     * thread and JMX name); contradictions with one safe reading are settled and listed in
     * {@link OsslogConfig#warnings()}.
     *
     * @throws SettingsException listing every bad setting, each with its name and the fix
     */
    public OsslogConfig validate(String name) throws SettingsException {
        Problems problems = new Problems();
        ConfigDraft draft = new ConfigDraft();
        draft.pipeline.name(pipelineName(name));
        if (clock != null) {
            draft.oss.clock(clock);
            draft.pipeline.clock(clock);
        }
        if (ticker != null) {
            draft.pipeline.ticker(ticker);
        }
        values.forEach((setting, value) -> problems.check(setting, () -> setting.apply(value, draft)));
        keyValues.forEach((key, value) -> problems.check(Setting.OBJECT_KEY_PATTERN,
                () -> draft.pipeline.keyValue(key, value)));
        CredentialsProvider credentials = credentials(draft, problems);
        if (!values.containsKey(Setting.ENDPOINT)) {
            problems.add(Setting.ENDPOINT, "endpoint is missing: set endpoint to your region's OSS endpoint, e.g."
                    + " oss-cn-hangzhou.aliyuncs.com, or http://127.0.0.1:9000 for a local server");
        }
        if (!values.containsKey(Setting.BUCKET)) {
            problems.add(Setting.BUCKET, "bucket is missing: set bucket to the name of your OSS bucket");
        }
        // reported above when missing; lets the remaining checks run
        draft.oss.credentials(credentials != null ? credentials : () -> null);
        // Checks of combinations run even after single-value problems, so one pass reports everything.
        OssClientConfig oss = problems.reported(Setting.ENDPOINT) || problems.reported(Setting.BUCKET) ? null
                : problems.getUnlessReported(Setting.ENDPOINT, draft.oss::build);
        List<String> warnings = new ArrayList<>();
        for (String change : draft.pipeline.settleConflicts()) {
            warnings.add("osslog: " + change);
        }
        PipelineConfig pipeline = problems.getUnlessReported(Setting.OBJECT_KEY_PATTERN, draft.pipeline::build);
        if (!problems.list.isEmpty()) {
            throw new SettingsException(problems.list);
        }
        Duration shutdown = pipeline.shutdownTimeout();
        if (!shutdown.isZero() && oss.callTimeout().compareTo(shutdown) >= 0) {
            // stop() can only wait out an append in flight if a call ends within the shutdown budget
            Duration chosen = shutdown.multipliedBy(4).dividedBy(5).plusMillis(1);
            if (values.containsKey(Setting.CALL_TIMEOUT)) {
                warnings.add("osslog: callTimeout (" + oss.callTimeout() + ") is not below shutdownTimeout ("
                        + shutdown + "): using callTimeout " + chosen + ", so stop() can wait out an append in"
                        + " flight; set callTimeout below shutdownTimeout to silence this");
            }
            oss = draft.oss.callTimeout(chosen).build();
        }
        if (!oss.endpoint().isLoopback() && oss.endpoint().scheme().equals("http")) {
            warnings.add("endpoint '" + values.get(Setting.ENDPOINT) + "' is plain HTTP to a host that is not"
                    + " loopback: logs and the STS token travel in clear text; use https:// (docs/secrets.md)");
        }
        return new OsslogConfig(oss, pipeline, warnings);
    }

    private static String pipelineName(String name) {
        String cleaned = (name == null || name.isEmpty() ? "osslog" : name).replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    private CredentialsProvider credentials(ConfigDraft draft, Problems problems) {
        if (draft.accessKeyId != null || draft.accessKeySecret != null) {
            return problems.get(Setting.ACCESS_KEY_ID,
                    () -> StaticCredentialsProvider.of(draft.accessKeyId, draft.accessKeySecret, draft.securityToken));
        }
        if (draft.ecsRoleName != null) {
            return problems.get(Setting.ECS_ROLE_NAME,
                    () -> EcsRamRoleCredentialsProvider.builder().roleName(draft.ecsRoleName).build());
        }
        return problems.get(Setting.ACCESS_KEY_ID, () -> DefaultCredentialsProvider.create(env));
    }

    /** Collects problems, each under the setting the failed check names, else the setting being checked. */
    private static final class Problems {
        final List<SettingProblem> list = new ArrayList<>();

        void add(Setting setting, String message) {
            list.add(new SettingProblem(setting, message == null ? "invalid value" : message));
        }

        boolean reported(Setting setting) {
            return list.stream().anyMatch(p -> p.setting() == setting);
        }

        /** Runs a check of combinations; records its problem only if its setting was not reported already. */
        <T> T getUnlessReported(Setting owner, Supplier<T> action) {
            try {
                return action.get();
            } catch (IllegalArgumentException | CredentialsException | NullPointerException e) {
                Setting setting = ownerOf(e, owner);
                if (!reported(setting)) {
                    add(setting, e.getMessage());
                }
                return null;
            }
        }

        void check(Setting owner, Runnable action) {
            get(owner, () -> {
                action.run();
                return null;
            });
        }

        <T> T get(Setting owner, Supplier<T> action) {
            try {
                return action.get();
            } catch (IllegalArgumentException | CredentialsException | NullPointerException e) {
                add(ownerOf(e, owner), e.getMessage());
                return null;
            }
        }

        /** The setting {@code e} names ({@link InvalidSettingException}, {@link CredentialsException}), else owner. */
        private static Setting ownerOf(RuntimeException e, Setting owner) {
            String named = e instanceof InvalidSettingException ? ((InvalidSettingException) e).setting()
                    : e instanceof CredentialsException ? ((CredentialsException) e).setting() : null;
            Setting setting = named == null ? null : Setting.find(named);
            return setting != null ? setting : owner;
        }
    }
}
