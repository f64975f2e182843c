package io.github.osslog.core.config;

import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.internal.pipeline.PipelineConfig;
import java.util.Collections;
import java.util.List;

/**
 * A checked configuration, made by {@link Settings#validate}: the OSS client's and the pipeline's configs, and the
 * warnings to give when a pipeline starts from it ({@link PipelineFactory}). Immutable and thread-safe.
 */
public final class OsslogConfig {
    private final OssClientConfig oss;
    private final PipelineConfig pipeline;
    private final List<String> warnings;

    OsslogConfig(OssClientConfig oss, PipelineConfig pipeline, List<String> warnings) {
        this.oss = oss;
        this.pipeline = pipeline;
        this.warnings = Collections.unmodifiableList(warnings);
    }

    public OssClientConfig oss() {
        return oss;
    }

    public PipelineConfig pipeline() {
        return pipeline;
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
