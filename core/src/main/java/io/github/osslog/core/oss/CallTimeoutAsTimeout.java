package io.github.osslog.core.oss;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A GetObject body that reports the end of its {@code callTimeout} as the timeout it is. OkHttp ends a call that
 * outlived its call timeout with a bare {@link InterruptedIOException} ("timeout"), the type that also means "this
 * thread was interrupted"; a reader that resumes a download after a timeout but stops when interrupted needs to
 * tell them apart, so the call timeout becomes a {@link SocketTimeoutException} naming the key and the bytes read.
 * Not thread-safe.
 */
final class CallTimeoutAsTimeout extends FilterInputStream {
    private final String key;
    private final Duration callTimeout;
    private long read;

    CallTimeoutAsTimeout(InputStream body, String key, Duration callTimeout) {
        super(body);
        this.key = key;
        this.callTimeout = callTimeout;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        } catch (InterruptedIOException e) {
            throw translated(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = in.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        } catch (InterruptedIOException e) {
            throw translated(e);
        }
    }

    private InterruptedIOException translated(InterruptedIOException e) {
        if (e instanceof SocketTimeoutException || !"timeout".equals(e.getMessage())) {
            return e;
        }
        SocketTimeoutException timeout = new SocketTimeoutException("GetObject of '" + key + "' ended by callTimeout ("
                + callTimeout + ") after " + read + " bytes of the body; a ranged GET continues it");
        timeout.initCause(e);
        return timeout;
    }
}
