package io.github.osslog.core.auth;

import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * STS credentials of the ECS instance's RAM role, fetched from the instance metadata service and refreshed lazily
 * before they expire. Thread-safe: one caller refreshes at a time while the others keep the still-valid old
 * credentials.
 *
 * <p>Refresh policy: credentials are renewed once less than 15 minutes or less than a quarter of their lifetime
 * (as seen at fetch time) remain, whichever point comes first; a six-hour token is thus renewed after 4.5 hours.
 * After any attempt the next one waits at least {@value #RETRY_SECONDS} seconds, so a failing or lagging
 * metadata service is asked at most that often. A failed refresh keeps the old credentials while they are
 * valid; without valid credentials {@link #getCredentials()} throws, repeating the last failure until the next
 * attempt is due.
 */
public final class EcsRamRoleCredentialsProvider implements CredentialsProvider {
    static final long RETRY_SECONDS = 10;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(RETRY_SECONDS);
    private static final Duration MIN_REFRESH_MARGIN = Duration.ofMinutes(15);

    private final EcsMetadataClient metadata;
    private final Clock clock;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private volatile State state = new State(null, Instant.MIN, null);

    private EcsRamRoleCredentialsProvider(EcsMetadataClient metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    /** A builder with the defaults: role discovered, {@code http://100.100.100.200}, system UTC clock, own client. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The current credentials, fetching them first when there are none, they are due for renewal or expired.
     *
     * @throws CredentialsException when there are no valid credentials and the metadata service gave none
     */
    @Override
    public Credentials getCredentials() {
        Instant now = clock.instant();
        State current = state;
        if (current.isValid(now)) {
            if (now.isBefore(current.nextAttempt) || !refreshLock.tryLock()) {
                return current.credentials;
            }
            try {
                if (!now.isBefore(state.nextAttempt)) {
                    attempt(now);
                }
            } finally {
                refreshLock.unlock();
            }
            return state.credentials;
        }
        refreshLock.lock();
        try {
            now = clock.instant();
            current = state;
            // the back-off applies only after a failure: a first fetch, or credentials that simply ran out, go now
            if (!current.isValid(now) && (current.lastFailure == null || !now.isBefore(current.nextAttempt))) {
                attempt(now);
            }
            current = state;
            if (current.isValid(now)) {
                return current.credentials;
            }
            throw new CredentialsException("No valid ECS RAM role credentials (" + metadata + "); next attempt at "
                    + current.nextAttempt + ": " + current.lastFailure.getMessage(), current.lastFailure);
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * Fetches new credentials now, ignoring the refresh schedule, unless another thread renewed them while this
     * one waited. A failure does not throw: the old credentials stay, and {@link #getCredentials()} reports the
     * failure once they are no longer valid.
     */
    @Override
    public void refresh() {
        State before = state;
        refreshLock.lock();
        try {
            if (state == before || state.lastFailure != null) {
                attempt(clock.instant());
            }
        } finally {
            refreshLock.unlock();
        }
    }

    /** Called with the lock held. */
    private void attempt(Instant now) {
        State previous = state;
        try {
            Credentials fresh = metadata.fetch();
            Instant expiration = fresh.expiration();
            if (!now.isBefore(expiration)) {
                throw new CredentialsException("ECS metadata service returned credentials that expired at "
                        + expiration + " (local clock " + now + "): check the instance's clock");
            }
            Duration quarterLifetime = Duration.between(now, expiration).dividedBy(4);
            Duration margin = quarterLifetime.compareTo(MIN_REFRESH_MARGIN) > 0 ? quarterLifetime : MIN_REFRESH_MARGIN;
            Instant renewAt = expiration.minus(margin);
            Instant earliest = now.plus(RETRY_DELAY);
            state = new State(fresh, renewAt.isBefore(earliest) ? earliest : renewAt, null);
        } catch (CredentialsException e) {
            state = new State(previous.credentials, now.plus(RETRY_DELAY), e);
        }
    }

    @Override
    public String toString() {
        Credentials credentials = state.credentials;
        return "EcsRamRoleCredentialsProvider{" + metadata + ", credentials="
                + (credentials == null ? "none" : credentials) + '}';
    }

    /** Immutable snapshot, so readers see credentials and schedule consistently without locking. */
    private static final class State {
        final Credentials credentials;
        final Instant nextAttempt;
        final CredentialsException lastFailure;

        State(Credentials credentials, Instant nextAttempt, CredentialsException lastFailure) {
            this.credentials = credentials;
            this.nextAttempt = nextAttempt;
            this.lastFailure = lastFailure;
        }

        boolean isValid(Instant now) {
            return credentials != null && now.isBefore(credentials.expiration());
        }
    }

    /** Configures an {@link EcsRamRoleCredentialsProvider}. Not thread-safe; use it on one thread. */
    public static final class Builder {
        private String roleName;
        private String metadataBaseUrl = "http://100.100.100.200";
        private Clock clock = Clock.systemUTC();
        private OkHttpClient httpClient;
        private boolean hardenedOnly;

        private Builder() {
        }

        /** The instance's RAM role; when not set it is asked from the metadata service on each refresh. */
        public Builder roleName(String roleName) {
            if (roleName == null || roleName.trim().isEmpty()) {
                throw new IllegalArgumentException("roleName must not be blank: give the RAM role attached to the"
                        + " instance, or do not set it to discover the role");
            }
            this.roleName = roleName.trim();
            return this;
        }

        /** The metadata service, default {@code http://100.100.100.200}; checked by {@link #build()}. */
        public Builder metadataBaseUrl(String metadataBaseUrl) {
            this.metadataBaseUrl = Objects.requireNonNull(metadataBaseUrl, "metadataBaseUrl");
            return this;
        }

        /** The clock that decides when credentials are due for renewal. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The client for metadata requests. Give a dedicated client with short timeouts and no proxy, never the
         * pipeline's OSS client: a metadata call must fail fast, and must not share its dispatcher or proxy.
         * The default is a small own client (1 s connect/read, 2 s per call, no proxy).
         */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** When true, a failed hardened-mode token request is an error instead of a fall-back to normal mode. */
        public Builder hardenedOnly(boolean hardenedOnly) {
            this.hardenedOnly = hardenedOnly;
            return this;
        }

        /**
         * Builds the provider without contacting the metadata service.
         *
         * @throws IllegalArgumentException when {@code metadataBaseUrl} is not an http(s) URL
         */
        public EcsRamRoleCredentialsProvider build() {
            HttpUrl baseUrl = HttpUrl.parse(metadataBaseUrl);
            if (baseUrl == null) {
                throw new IllegalArgumentException("metadataBaseUrl '" + metadataBaseUrl + "' is not an http(s) URL:"
                        + " use e.g. http://100.100.100.200");
            }
            OkHttpClient client = httpClient != null ? httpClient : defaultClient();
            return new EcsRamRoleCredentialsProvider(new EcsMetadataClient(baseUrl, client, roleName, hardenedOnly),
                    clock);
        }

        private static OkHttpClient defaultClient() {
            return new OkHttpClient.Builder()
                    .proxy(Proxy.NO_PROXY)
                    .connectTimeout(1, TimeUnit.SECONDS)
                    .readTimeout(1, TimeUnit.SECONDS)
                    .writeTimeout(1, TimeUnit.SECONDS)
                    .callTimeout(2, TimeUnit.SECONDS)
                    .build();
        }
    }
}
