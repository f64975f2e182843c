package io.github.osslog.core.config;

import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.pipeline.PipelineConfig;
import java.util.Collections;
import java.util.List;

/**
 * A checked configuration, made by {@link Settings#validate}: the OSS client's and the pipeline's configs and what
 * the adapters read themselves. {@link PipelineFactory} starts a pipeline from it. Immutable and thread-safe.
 */
public final class OsslogConfig {
    private final OssClientConfig oss;
    private final PipelineConfig pipeline;
    private final boolean strictConfiguration;
    private final List<String> warnings;

    OsslogConfig(OssClientConfig oss, PipelineConfig pipeline, boolean strictConfiguration, List<String> warnings) {
        this.oss = oss;
        this.pipeline = pipeline;
        this.strictConfiguration = strictConfiguration;
        this.warnings = Collections.unmodifiableList(warnings);
    }

    public OssClientConfig oss() {
        return oss;
    }

    public PipelineConfig pipeline() {
        return pipeline;
    }

    /** See {@link Settings#strictConfiguration()}. */
    public boolean strictConfiguration() {
        return strictConfiguration;
    }

    /**
     * What validation settled or found risky but accepted (a contradiction corrected, plain HTTP to a remote host),
     * one text each, warned about when a pipeline starts from this config.
     */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "OsslogConfig{" + oss + ", " + pipeline + '}';
    }
}
