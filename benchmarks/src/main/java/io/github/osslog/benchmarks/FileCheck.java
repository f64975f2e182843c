package io.github.osslog.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a baseline's log file holds. Stateless. */
final class FileCheck {
    private FileCheck() {
    }

    /** The file's size as a {@link Landed}. */
    static Landed landed(Path file) {
        try {
            long size = Files.size(file);
            return new Landed(size, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events in the file: lines that start with the timestamp (stack trace lines do not). */
    static long events(Path file) {
        long events = 0;
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            boolean lineStart = true;
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                for (int i = 0; i < n; i++) {
                    if (lineStart && chunk[i] == '2') {
                        events++;
                    }
                    lineStart = chunk[i] == '\n';
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }
}
