package io.github.osslog.core.internal.http;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads response bodies a server controls with a cap, so a broken or hostile server (a 100 MB error page, an
 * endless chunked body) costs at most the cap in memory. Stateless.
 */
public final class BoundedReads {
    /** The cap for error bodies and metadata-service answers: real ones are well under 1 KiB. */
    public static final int SMALL_BODY = 64 << 10;

    private BoundedReads() {
    }

    /**
     * The first {@code limit} bytes of {@code response}'s body (all of it when shorter). When more follows, the
     * rest is not read: {@code call} is cancelled, which closes the connection instead of draining it for reuse.
     * The caller still closes {@code response}.
     */
    public static byte[] head(Call call, Response response, int limit) throws IOException {
        BufferedSource source = response.body().source();
        Buffer buffer = new Buffer();
        long wanted = limit;
        while (wanted > 0) {
            long read = source.read(buffer, wanted);
            if (read == -1) {
                return buffer.readByteArray();
            }
            wanted -= read;
        }
        if (!source.exhausted()) {
            call.cancel();
        }
        return buffer.readByteArray();
    }

    /**
     * The whole body of {@code response}, which must not exceed {@code limit} bytes.
     *
     * @throws IOException naming {@code what} when the body is longer (the call is cancelled, as by {@link #head})
     */
    public static byte[] whole(Call call, Response response, int limit, String what) throws IOException {
        byte[] bytes = head(call, response, limit);
        if (call.isCanceled()) {
            throw new IOException(what + " is longer than " + limit + " bytes; the rest was not read");
        }
        return bytes;
    }
}
