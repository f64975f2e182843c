package io.github.osslog.core.auth;

import java.util.Objects;
import java.util.function.Function;

/**
 * The default chain, resolved once at construction: the environment variables {@code OSS_ACCESS_KEY_ID} /
 * {@code OSS_ACCESS_KEY_SECRET} (/ {@code OSS_SESSION_TOKEN}); else the ECS RAM role named by
 * {@code ALIBABA_CLOUD_ECS_METADATA}. Thread-safe; it delegates to the chosen provider.
 *
 * <p>The metadata service is used only when that variable names a role: probing it off ECS would stall
 * start-up. {@code ALIBABA_CLOUD_IMDSV1_DISABLED=true} makes the role provider use hardened mode only.
 */
public final class DefaultCredentialsProvider implements CredentialsProvider {
    /** Names the ECS instance's RAM role and opts in to the metadata service. */
    public static final String ECS_ROLE_VARIABLE = "ALIBABA_CLOUD_ECS_METADATA";
    /** {@code true} forbids the fall-back from hardened to normal metadata mode. */
    public static final String IMDSV1_DISABLED_VARIABLE = "ALIBABA_CLOUD_IMDSV1_DISABLED";

    static final String NOTHING_CONFIGURED = "No OSS credentials found: set accessKeyId and accessKeySecret in the"
            + " appender configuration, or the environment variables OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET,"
            + " or ALIBABA_CLOUD_ECS_METADATA=<role name> on an ECS instance";

    private final CredentialsProvider delegate;

    private DefaultCredentialsProvider(CredentialsProvider delegate) {
        this.delegate = delegate;
    }

    /** Resolves the chain from the process environment. */
    public static DefaultCredentialsProvider create() {
        return create(System::getenv);
    }

    /**
     * Resolves the chain from {@code env} (a name-to-value lookup returning {@code null} when unset). When
     * either key variable is set, the environment is chosen, so a half-configured pair is reported rather than
     * silently skipped.
     *
     * @throws CredentialsException when nothing is configured, or the key variables are incomplete
     */
    public static DefaultCredentialsProvider create(Function<String, String> env) {
        return create(env, EcsRamRoleCredentialsProvider.builder());
    }

    /** As {@link #create(Function)}, building the ECS provider from {@code ecs} (tests point it at a fake). */
    static DefaultCredentialsProvider create(Function<String, String> env, EcsRamRoleCredentialsProvider.Builder ecs) {
        Objects.requireNonNull(env, "env");
        if (EnvironmentCredentialsProvider.valueOf(env, EnvironmentCredentialsProvider.ACCESS_KEY_ID) != null
                || EnvironmentCredentialsProvider.valueOf(env, EnvironmentCredentialsProvider.ACCESS_KEY_SECRET) != null) {
            return new DefaultCredentialsProvider(new EnvironmentCredentialsProvider(env));
        }
        String role = EnvironmentCredentialsProvider.valueOf(env, ECS_ROLE_VARIABLE);
        if (role != null) {
            boolean hardenedOnly = "true".equalsIgnoreCase(EnvironmentCredentialsProvider.valueOf(env,
                    IMDSV1_DISABLED_VARIABLE));
            return new DefaultCredentialsProvider(ecs.roleName(role).hardenedOnly(hardenedOnly).build());
        }
        throw new CredentialsException(NOTHING_CONFIGURED);
    }

    /** The provider the chain chose. */
    CredentialsProvider delegate() {
        return delegate;
    }

    @Override
    public Credentials getCredentials() {
        return delegate.getCredentials();
    }

    @Override
    public void refresh() {
        delegate.refresh();
    }

    @Override
    public String toString() {
        return "DefaultCredentialsProvider{" + delegate + '}';
    }
}
