package io.github.osslog.core.oss;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/** A slice of a byte array sent as a request body. Immutable view; the caller must not change the bytes. */
final class Body {
    /**
     * How much of the body goes to the sink per write. Okio copies a write into its buffer whole before it sends
     * any of it, in 8 KiB segments that its pool (64 KiB) can mostly not take back: one 4 MiB write allocated
     * 4 MiB. Written 32 KiB at a time, each chunk is sent before the next is copied, and the next reuses the sent
     * chunk's pooled segments.
     */
    static final int CHUNK = 32 << 10;

    final byte[] data;
    final int off;
    final int len;

    Body(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off + len > data.length) {
            throw new IndexOutOfBoundsException("body slice [" + off + ", " + (off + len) + ") of " + data.length
                    + " bytes");
        }
        this.data = data;
        this.off = off;
        this.len = len;
    }

    /** The body for OkHttp; it writes the slice in {@link #CHUNK}-byte pieces and can be written again (retries). */
    RequestBody requestBody(MediaType contentType) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return contentType;
            }

            @Override
            public long contentLength() {
                return len;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                for (int at = off, end = off + len; at < end; at += CHUNK) {
                    sink.write(data, at, Math.min(CHUNK, end - at));
                }
            }
        };
    }

    String md5Base64() {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(data, off, len);
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
