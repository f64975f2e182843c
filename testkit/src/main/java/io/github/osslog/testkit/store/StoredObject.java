package io.github.osslog.testkit.store;

import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.store.ObjectType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One version of an object: type, bytes, whole-object CRC-64, and the headers that describe it. Immutable;
 * an append returns a new version that shares the old one's bytes.
 */
public final class StoredObject {
    private final ObjectType type;
    private final ChunkList data;
    private final long crc64;
    private final Map<String, String> headers;
    private final String etag;
    private final long lastModifiedMillis;

    private StoredObject(ObjectType type, ChunkList data, long crc64, Map<String, String> headers, String etag,
            long lastModifiedMillis) {
        this.type = type;
        this.data = data;
        this.crc64 = crc64;
        this.headers = headers;
        this.etag = etag;
        this.lastModifiedMillis = lastModifiedMillis;
    }

    /**
     * A new object holding {@code body} (kept, not copied).
     *
     * @param headers the headers stored with the object and returned by HEAD/GET (content type, metadata, ...)
     * @param etag the ETag without quotes, or {@code null} to derive one from the CRC
     */
    public static StoredObject create(ObjectType type, byte[] body, long bodyCrc, Map<String, String> headers,
            String etag, long nowMillis) {
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), v));
        return new StoredObject(type, ChunkList.of(body), bodyCrc, Collections.unmodifiableMap(copy),
                etag != null ? etag : crcEtag(bodyCrc, body.length), nowMillis);
    }

    /** This object followed by {@code chunk}, whose own CRC is {@code chunkCrc}. */
    public StoredObject plus(byte[] chunk, long chunkCrc, long nowMillis) {
        long crc = Crc64.combine(crc64, chunkCrc, chunk.length);
        ChunkList more = data.plus(chunk);
        return new StoredObject(type, more, crc, headers, crcEtag(crc, more.length()), nowMillis);
    }

    // OSS ETags of appendable objects are opaque and change with every append; the CRC and length do the same.
    private static String crcEtag(long crc, long length) {
        return String.format(Locale.ROOT, "%016X%016X", crc, length);
    }

    public ObjectType type() {
        return type;
    }

    public long length() {
        return data.length();
    }

    /** The CRC-64 (crc64ecma) of the whole object. */
    public long crc64() {
        return crc64;
    }

    /** Stored headers by lower-case name. */
    public Map<String, String> headers() {
        return headers;
    }

    public String etag() {
        return etag;
    }

    public long lastModifiedMillis() {
        return lastModifiedMillis;
    }

    /** Writes bytes {@code [from, to)} to {@code out} without copying the object. */
    public void writeTo(OutputStream out, long from, long to) throws IOException {
        data.writeTo(out, from, to);
    }

    /** The whole content as one array; for tests and small objects. */
    public byte[] bytes() {
        if (length() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("object of " + length() + " bytes does not fit in an array");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) length());
        try {
            writeTo(out, 0, length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
