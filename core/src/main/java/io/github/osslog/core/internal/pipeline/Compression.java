package io.github.osslog.core.internal.pipeline;

/** How batches are encoded before they are appended. */
public enum Compression {
    /** Bytes go to the object as encoded. */
    NONE,
    /** Each append is one or two complete gzip members, so the whole object is one valid multi-member gzip stream. */
    GZIP
}
