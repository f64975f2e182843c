package io.github.osslog.benchmarks;

import io.github.osslog.testkit.OssTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;

/** The embedded testkit server a benchmark ships to over loopback, with no request journal. Thread-safe. */
final class LocalOss implements AutoCloseable {
    static final String BUCKET = "bench";
    static final String ACCESS_KEY_ID = "AK";
    static final String ACCESS_KEY_SECRET = "SK";

    final OssTestServer server;

    private LocalOss(OssTestServer server) {
        this.server = server;
    }

    static LocalOss start() {
        try {
            return new LocalOss(OssTestServer.builder().credentials(ACCESS_KEY_ID, ACCESS_KEY_SECRET).bucket(BUCKET)
                    .journalCapacity(0).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The total size of the objects {@code keyPattern} (with {@code %i}) names, index 0 upwards. */
    long storedBytes(String keyPattern) {
        long total = 0;
        for (int i = 0; ; i++) {
            OptionalLong length = server.length(BUCKET, keyPattern.replace("%i", Integer.toString(i)));
            if (!length.isPresent()) {
                return total;
            }
            total += length.getAsLong();
        }
    }

    /** The concatenated bytes of those objects (for checks on small runs). */
    byte[] content(String keyPattern) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; ; i++) {
            Optional<byte[]> content = server.content(BUCKET, keyPattern.replace("%i", Integer.toString(i)));
            if (!content.isPresent()) {
                return all.toByteArray();
            }
            all.writeBytes(content.get());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
