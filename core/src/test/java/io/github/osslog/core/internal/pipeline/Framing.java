package io.github.osslog.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.osslog.core.internal.crc.Crc64;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Self-checking binary test events: [int length][int thread][int seq][random bytes][long CRC-64 of all before],
 * so a reader can verify every byte of an object of concatenated events and recover the order per thread.
 */
final class Framing {
    interface Visitor {
        void event(int thread, int seq);
    }

    private Framing() {
    }

    static byte[] event(int thread, int seq, Random random) {
        byte[] payload = new byte[random.nextInt(300)];
        random.nextBytes(payload);
        int length = 4 + 4 + 4 + payload.length + 8;
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(length).putInt(thread).putInt(seq).put(payload);
        b.putLong(Crc64.compute(b.array(), 0, length - 8));
        return b.array();
    }

    static void parse(byte[] object, Visitor visitor) {
        ByteBuffer b = ByteBuffer.wrap(object);
        while (b.hasRemaining()) {
            int start = b.position();
            int length = b.getInt();
            int thread = b.getInt();
            int seq = b.getInt();
            b.position(start + length - 8);
            assertEquals(Crc64.compute(object, start, length - 8), b.getLong(), "event bytes at " + start);
            visitor.event(thread, seq);
        }
    }
}
