package io.github.osslog.testkit.store;

import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.store.ObjectType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Keeps objects in a directory: {@code <dir>/<bucket>/<sha256(key)>.data} with the bytes and a {@code .meta}
 * properties file written atomically after them, so a crash leaves at most unreferenced trailing bytes.
 * Thread-safe across keys; callers serialise the changes of one key.
 */
final class DiskPersistence implements Persistence {
    private static final int LOAD_CHUNK = 64 * 1024 * 1024;
    private static final String HEADER = "header.";

    private final Path dir;

    DiskPersistence(Path dir) {
        this.dir = dir;
    }

    @Override
    public void bucketCreated(String bucket) throws IOException {
        Files.createDirectories(dir.resolve(bucket));
    }

    @Override
    public void saved(String bucket, String key, StoredObject object, byte[] appended) throws IOException {
        Path data = file(bucket, key, ".data");
        if (appended == null) {
            try (OutputStream out = Files.newOutputStream(data)) {
                object.writeTo(out, 0, object.length());
            }
        } else {
            try (OutputStream out = Files.newOutputStream(data, StandardOpenOption.APPEND)) {
                out.write(appended);
            }
        }
        Properties meta = new Properties();
        meta.setProperty("key", key);
        meta.setProperty("type", object.type().name());
        meta.setProperty("length", Long.toString(object.length()));
        meta.setProperty("etag", object.etag());
        meta.setProperty("lastModified", Long.toString(object.lastModifiedMillis()));
        object.headers().forEach((name, value) -> meta.setProperty(HEADER + name, value));
        Path tmp = file(bucket, key, ".meta.tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            meta.store(out, null);
        }
        Files.move(tmp, file(bucket, key, ".meta"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void deleted(String bucket, String key) throws IOException {
        Files.deleteIfExists(file(bucket, key, ".meta"));
        Files.deleteIfExists(file(bucket, key, ".data"));
    }

    /** Loads every bucket and object found in the directory into {@code storage}. */
    void loadInto(Storage storage) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> buckets = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path bucketDir : buckets) {
                Bucket bucket = storage.createBucket(bucketDir.getFileName().toString());
                try (DirectoryStream<Path> metas = Files.newDirectoryStream(bucketDir, "*.meta")) {
                    for (Path meta : metas) {
                        load(bucket, meta);
                    }
                }
            }
        }
    }

    private static void load(Bucket bucket, Path metaFile) throws IOException {
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(metaFile, StandardCharsets.UTF_8)) {
            meta.load(in);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : meta.stringPropertyNames()) {
            if (name.startsWith(HEADER)) {
                headers.put(name.substring(HEADER.length()), meta.getProperty(name));
            }
        }
        ObjectType type = ObjectType.valueOf(meta.getProperty("type"));
        long length = Long.parseLong(meta.getProperty("length"));
        long modified = Long.parseLong(meta.getProperty("lastModified"));
        String name = metaFile.getFileName().toString();
        Path data = metaFile.resolveSibling(name.substring(0, name.length() - ".meta".length()) + ".data");
        StoredObject object = null;
        try (InputStream in = Files.newInputStream(data)) {
            long left = length;
            do {
                byte[] chunk = in.readNBytes((int) Math.min(LOAD_CHUNK, left));
                if (chunk.length < Math.min(LOAD_CHUNK, left)) {
                    throw new IOException(data + " is shorter than its metadata says (" + length + " bytes)");
                }
                long crc = Crc64.compute(chunk, 0, chunk.length);
                object = object == null
                        ? StoredObject.create(type, chunk, crc, headers, meta.getProperty("etag"), modified)
                        : object.plus(chunk, crc, modified);
                left -= chunk.length;
            } while (left > 0);
        }
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
            channel.truncate(length); // drops bytes of an append whose metadata never got written
        }
        bucket.restore(meta.getProperty("key"), object);
    }

    private Path file(String bucket, String key, String suffix) {
        return dir.resolve(bucket).resolve(sha256(key) + suffix);
    }

    private static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
