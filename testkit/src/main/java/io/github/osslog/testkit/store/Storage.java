package io.github.osslog.testkit.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** All buckets of one server, in memory and optionally mirrored to a directory. Thread-safe. */
public final class Storage {
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Persistence persistence;

    private Storage(Persistence persistence) {
        this.persistence = persistence;
    }

    public static Storage inMemory() {
        return new Storage(Persistence.NONE);
    }

    /** Storage mirrored to {@code dir}, loaded with whatever an earlier server left there. */
    public static Storage inDirectory(Path dir) throws IOException {
        DiskPersistence disk = new DiskPersistence(dir);
        Storage storage = new Storage(disk);
        disk.loadInto(storage);
        return storage;
    }

    /** The bucket, or {@code null} when it does not exist. */
    public Bucket bucket(String name) {
        return buckets.get(name);
    }

    /** Creates the bucket when it does not exist yet; returns it. */
    public Bucket createBucket(String name) {
        return buckets.computeIfAbsent(name, n -> {
            try {
                persistence.bucketCreated(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Bucket(n, persistence);
        });
    }
}
