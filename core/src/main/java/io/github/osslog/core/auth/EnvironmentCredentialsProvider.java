package io.github.osslog.core.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Credentials from the environment variables {@value #ACCESS_KEY_ID}, {@value #ACCESS_KEY_SECRET} and the
 * optional {@value #SESSION_TOKEN}, read once at construction: surrounding whitespace (a Kubernetes secret made
 * from a file keeps its newline) is removed, any other character outside printable ASCII refused. Immutable and
 * thread-safe.
 */
public final class EnvironmentCredentialsProvider implements CredentialsProvider {
    /** The access key id variable. */
    public static final String ACCESS_KEY_ID = "OSS_ACCESS_KEY_ID";
    /** The access key secret variable. */
    public static final String ACCESS_KEY_SECRET = "OSS_ACCESS_KEY_SECRET";
    /** The optional STS security token variable. */
    public static final String SESSION_TOKEN = "OSS_SESSION_TOKEN";

    private final Credentials credentials;

    /**
     * Reads the variables through {@code env} (a name-to-value lookup returning {@code null} when unset).
     *
     * @throws CredentialsException when the key id or secret variable is unset or blank, or a variable holds a
     *     character outside printable ASCII (the message names the variable, never its value)
     */
    public EnvironmentCredentialsProvider(Function<String, String> env) {
        Objects.requireNonNull(env, "env");
        String id = valueOf(env, ACCESS_KEY_ID);
        String secret = valueOf(env, ACCESS_KEY_SECRET);
        List<String> missing = new ArrayList<>(2);
        if (id == null) {
            missing.add(ACCESS_KEY_ID);
        }
        if (secret == null) {
            missing.add(ACCESS_KEY_SECRET);
        }
        if (!missing.isEmpty()) {
            throw new CredentialsException("Environment variable(s) " + String.join(" and ", missing)
                    + " not set: export both " + ACCESS_KEY_ID + " and " + ACCESS_KEY_SECRET
                    + " (and " + SESSION_TOKEN + " for STS credentials), or configure accessKeyId and"
                    + " accessKeySecret in the appender");
        }
        this.credentials = Credentials.of(id, secret, valueOf(env, SESSION_TOKEN), null);
    }

    /** Reads the process environment ({@link System#getenv(String)}). */
    public static EnvironmentCredentialsProvider create() {
        return new EnvironmentCredentialsProvider(System::getenv);
    }

    /**
     * The variable's value without surrounding whitespace, or {@code null} when it is unset or blank.
     *
     * @throws CredentialsException naming the variable when another character is outside printable ASCII
     */
    static String valueOf(Function<String, String> env, String name) {
        return SecretValues.clean(env.apply(name), "environment variable " + name);
    }

    @Override
    public Credentials getCredentials() {
        return credentials;
    }

    @Override
    public String toString() {
        return "EnvironmentCredentialsProvider{" + credentials + '}';
    }
}
