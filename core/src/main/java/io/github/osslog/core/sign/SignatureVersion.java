package io.github.osslog.core.sign;

/** The OSS request signature versions this library speaks. */
public enum SignatureVersion {
    /** Legacy HMAC-SHA1 signature ({@code Authorization: OSS <ak>:<sig>}). */
    V1,
    /** HMAC-SHA256 signature with a region-scoped signing key; the default. */
    V4
}
