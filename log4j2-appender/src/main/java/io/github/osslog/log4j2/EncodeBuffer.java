package io.github.osslog.log4j2;

import java.nio.ByteBuffer;
import org.apache.logging.log4j.core.layout.ByteBufferDestination;
import org.apache.logging.log4j.core.layout.ByteBufferDestinationHelper;

/**
 * A reusable, growing heap buffer a layout encodes one event into ({@code Layout.encode}), so that layouts with a
 * garbage-free encode path (PatternLayout) allocate nothing per event; the bytes are then copied into the osslog
 * buffer. Not thread-safe: one per appending thread.
 */
final class EncodeBuffer implements ByteBufferDestination {
    private static final int INITIAL = 8 << 10;
    /** A buffer grown past this for a large event is given back, so an idle thread keeps little. */
    private static final int RETAINED = 64 << 10;

    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL);

    /** Empties the buffer for the next event. */
    void clear() {
        if (buffer.capacity() > RETAINED) {
            buffer = ByteBuffer.allocate(INITIAL);
        } else {
            buffer.clear();
        }
    }

    byte[] array() {
        return buffer.array();
    }

    /** Bytes encoded since {@link #clear()}. */
    int length() {
        return buffer.position();
    }

    @Override
    public ByteBuffer getByteBuffer() {
        return buffer;
    }

    /** Called by the layout when {@code full} has no room left: grows instead of writing anything out. */
    @Override
    public ByteBuffer drain(ByteBuffer full) {
        ByteBuffer larger = ByteBuffer.allocate(full.capacity() * 2);
        full.flip();
        larger.put(full);
        buffer = larger;
        return larger;
    }

    @Override
    public void writeBytes(ByteBuffer data) {
        ByteBufferDestinationHelper.writeToUnsynchronized(data, this);
    }

    @Override
    public void writeBytes(byte[] data, int offset, int length) {
        ByteBufferDestinationHelper.writeToUnsynchronized(data, offset, length, this);
    }
}
