package io.github.osslog.core.config;

import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.internal.pipeline.PipelineConfig;

/**
 * What the {@link Setting}s write while {@link Settings#validate} turns their values into an {@link OsslogConfig}:
 * the two core builders, and the values that are only read in combination. Not thread-safe; lives for one
 * validation.
 */
final class ConfigDraft {
    final OssClientConfig.Builder oss = OssClientConfig.builder();
    final PipelineConfig.Builder pipeline = PipelineConfig.builder();
    String accessKeyId;
    String accessKeySecret;
    String securityToken;
    String ecsRoleName;
}
