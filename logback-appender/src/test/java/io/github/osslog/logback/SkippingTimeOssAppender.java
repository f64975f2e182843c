package io.github.osslog.logback;

import io.github.osslog.testkit.pipeline.SkippingTicker;

/**
 * The appender on a pipeline clock that skips retry waits ({@link SkippingTicker}), for tests of the stop budget
 * that would otherwise wait it out; a {@code logback.xml} names it as it names {@link OssAppender}.
 */
public class SkippingTimeOssAppender extends OssAppender {
    final SkippingTicker ticker = new SkippingTicker();

    public SkippingTimeOssAppender() {
        settings.ticker(ticker);
    }
}
