package io.github.osslog.reader;

/** How the objects of a pattern are found. */
public enum DiscoveryMode {
    /** ListObjects on the pattern's prefix, falling back to {@link #PROBING} when listing is refused. */
    AUTO,
    /** ListObjects (needs {@code oss:ListObjects}). */
    LISTING,
    /** HEAD of the derived keys, index 0, 1, 2, ... until absent, per time bucket (needs {@code oss:GetObject}). */
    PROBING
}
