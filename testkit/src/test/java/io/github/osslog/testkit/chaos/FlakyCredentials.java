package io.github.osslog.testkit.chaos;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.auth.CredentialsException;
import io.github.osslog.core.auth.CredentialsProvider;
import java.util.Random;

/**
 * A credentials provider that fails at random, seeded, as an ECS metadata service does when it answers 500 for a
 * moment: a credentials failure proves nothing about a batch, so it must cost no event (issue 19). Thread-safe.
 */
final class FlakyCredentials implements CredentialsProvider {
    private final CredentialsProvider delegate;
    private final Random random;
    private final double odds;
    private long failures;

    FlakyCredentials(CredentialsProvider delegate, long seed, double odds) {
        this.delegate = delegate;
        this.random = new Random(seed);
        this.odds = odds;
    }

    @Override
    public Credentials getCredentials() {
        synchronized (this) {
            if (random.nextDouble() < odds) {
                failures++;
                throw new CredentialsException("credentials source unavailable (chaos)");
            }
        }
        return delegate.getCredentials();
    }

    synchronized long failures() {
        return failures;
    }
}
