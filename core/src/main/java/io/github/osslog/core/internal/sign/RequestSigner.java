package io.github.osslog.core.internal.sign;

import io.github.osslog.core.sign.SignatureVersion;
import io.github.osslog.core.auth.Credentials;
import java.time.Instant;

/** Signs OSS requests with one signature version. Implementations are immutable and thread-safe. */
public interface RequestSigner {
    /** The signature version this signer produces. */
    SignatureVersion version();

    /**
     * Adds the date header(s), {@code x-oss-content-sha256} (V4), {@code x-oss-security-token} (when the credentials
     * have one) and {@code authorization} to the request.
     */
    void sign(SignableRequest request, Credentials credentials, Instant now);
}
