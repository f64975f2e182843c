package io.github.osslog.core.oss;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * An open GetObject response from a byte offset to the object's end, read as a stream so large objects are never
 * held in memory. Not thread-safe; {@link #close()} releases the connection.
 */
public final class ObjectStream implements Closeable {
    private final InputStream body;
    private final long first;
    private final long objectLength;
    private final String objectType;
    private final Closeable response;

    ObjectStream(InputStream body, long first, long objectLength, String objectType, Closeable response) {
        this.body = body;
        this.first = first;
        this.objectLength = objectLength;
        this.objectType = objectType;
        this.response = response;
    }

    /** The bytes from {@link #first()} on. */
    public InputStream body() {
        return body;
    }

    /** The offset of the body's first byte in the object. */
    public long first() {
        return first;
    }

    /** The whole object's length when the response was sent. */
    public long objectLength() {
        return objectLength;
    }

    /** OSS's object type ({@code Appendable}, {@code Normal}, ...), or {@code null} if it did not say. */
    public String objectType() {
        return objectType;
    }

    @Override
    public void close() {
        try {
            response.close();
        } catch (IOException e) {
            // closing a response releases its connection; there is nothing to report
        }
    }
}
