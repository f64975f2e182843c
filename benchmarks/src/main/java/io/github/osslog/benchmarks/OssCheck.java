package io.github.osslog.benchmarks;

import io.github.osslog.core.metrics.PipelineMXBean;

/** Turns an osslog flush into a {@link Landed}, after checking that the local OSS holds what osslog shipped. */
final class OssCheck {
    private OssCheck() {
    }

    static Landed landed(boolean flushed, PipelineMXBean metrics, LocalOss server, String keyPattern) {
        if (!flushed) {
            throw new IllegalStateException("osslog did not ship everything within the flush timeout: " + metrics);
        }
        long stored = server.storedBytes(keyPattern);
        if (stored != metrics.getBytesShipped()) {
            throw new IllegalStateException("the local OSS holds " + stored + " bytes but osslog shipped "
                    + metrics.getBytesShipped() + ": " + metrics);
        }
        return new Landed(metrics.getBytesEncoded(), stored);
    }
}
