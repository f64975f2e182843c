package io.github.osslog.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The setups the benchmarks compare; each opens a fresh {@link LogTarget} (osslog: on the shared local OSS). */
public enum Variant {
    LOGBACK_FILE, LOGBACK_ASYNC, LOGBACK_OSS, LOGBACK_OSS_GZIP,
    LOG4J2_FILE, LOG4J2_ASYNC, LOG4J2_OSS, LOG4J2_OSS_GZIP;

    /**
     * Opens this setup; {@code oss} gives the osslog settings (its gzip flag is replaced by the variant's). File
     * baselines write a new temporary file that {@link LogTarget#close()} deletes.
     */
    LogTarget open(OssOptions oss) {
        switch (this) {
            case LOGBACK_FILE: return LogbackTarget.file(tempFile(), false);
            case LOGBACK_ASYNC: return LogbackTarget.file(tempFile(), true);
            case LOGBACK_OSS: return LogbackTarget.oss(LocalOss.shared(), oss.gzip(false));
            case LOGBACK_OSS_GZIP: return LogbackTarget.oss(LocalOss.shared(), oss.gzip(true));
            case LOG4J2_FILE: return Log4j2Target.file(tempFile(), false);
            case LOG4J2_ASYNC: return Log4j2Target.file(tempFile(), true);
            case LOG4J2_OSS: return Log4j2Target.oss(LocalOss.shared(), oss.gzip(false));
            default: return Log4j2Target.oss(LocalOss.shared(), oss.gzip(true));
        }
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("osslog-bench-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
