package io.github.osslog.log4j2;

import io.github.osslog.core.setup.EventBytes;

/**
 * One appending thread's reused buffers: the text a UTF-8 {@code PatternLayout} renders into and its bytes
 * ({@link EventBytes}, whose last length is also the estimate for the thread's next event), and, made on first
 * use, the byte destination another string layout encodes into. Not thread-safe: one per thread.
 */
final class AppendBuffers {
    final EventBytes text = new EventBytes();
    private EncodeBuffer destination;

    /** The emptied destination for a string layout's {@code encode}. */
    EncodeBuffer destination() {
        if (destination == null) {
            destination = new EncodeBuffer();
        } else {
            destination.clear();
        }
        return destination;
    }
}
