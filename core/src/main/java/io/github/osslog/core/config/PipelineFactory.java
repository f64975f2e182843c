package io.github.osslog.core.config;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.internal.pipeline.Pipeline;
import io.github.osslog.core.sink.LogSink;

/**
 * The one place that makes the running parts (the OSS client with its HTTP client, the pipeline with its buffer and
 * shipper thread) from a checked {@link OsslogConfig}; both adapters come here. Stateless.
 */
public final class PipelineFactory {
    private PipelineFactory() {
    }

    /**
     * Creates a stopped pipeline and its client, after warning about what validation settled. Nothing is sent and
     * no thread runs until {@link LogSink#start()}.
     */
    public static LogSink create(OsslogConfig config, InternalLogger logger) {
        OssClient client = OssClient.create(config.oss());
        try {
            // everything the pipeline says or counts passes the client's redactor, which knows the credentials in use
            InternalLogger redacting = client.redactor().wrap(logger);
            config.warnings().forEach(redacting::warn);
            Pipeline pipeline = Pipeline.create(config.pipeline(), client, redacting);
            pipeline.metrics().redactWith(client.redactor());
            return new LogSink(pipeline, client, redacting);
        } catch (RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }
}
