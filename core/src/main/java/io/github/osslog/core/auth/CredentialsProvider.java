package io.github.osslog.core.auth;

/**
 * Supplies the credentials used to sign each request. Implementations must be thread-safe and cheap to call:
 * the client calls {@link #getCredentials()} once per request.
 */
public interface CredentialsProvider {

    /**
     * Returns the current credentials.
     *
     * @throws CredentialsException when no credentials can be had; its message names the setting to fix and
     *     never contains a secret
     */
    Credentials getCredentials();

    /**
     * Called after OSS rejected a request with an expired or invalid security token: providers of temporary
     * credentials fetch new ones now (keeping the old ones if that fails). The default does nothing.
     */
    default void refresh() {
    }
}
