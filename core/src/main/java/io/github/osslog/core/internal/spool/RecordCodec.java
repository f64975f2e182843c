package io.github.osslog.core.internal.spool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one record (docs/spool.md): a 16-byte header (magic, payload length, event count, CRC-32C of
 * length, count and payload) and the payload (flags, cut time, optional anchor, batch bytes). Stateless.
 */
final class RecordCodec {
    static final int HEADER = 16;
    private static final int MAGIC = 0x4F53504C; // "OSPL"
    private static final int FLAG_ANCHOR = 1;
    private static final int FLAG_ANCHOR_CRC = 2;
    private static final int MIN_PAYLOAD = 1 + 8;

    private RecordCodec() {
    }

    static byte[] encode(SpoolRecord r) {
        SpoolAnchor a = r.anchor();
        byte[] key = a == null ? new byte[0] : a.key().getBytes(StandardCharsets.UTF_8);
        int payload = MIN_PAYLOAD + (a == null ? 0 : 2 + key.length + 16) + r.data().length;
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload);
        b.putInt(MAGIC).putInt(payload).putInt(r.events()).putInt(0);
        b.put((byte) (a == null ? 0 : FLAG_ANCHOR | (a.crcKnown() ? FLAG_ANCHOR_CRC : 0)));
        b.putLong(r.cutTime().toEpochMilli());
        if (a != null) {
            b.putShort((short) key.length).put(key).putLong(a.position()).putLong(a.crc());
        }
        b.put(r.data());
        byte[] frame = b.array();
        b.putInt(12, checksum(frame, payload));
        return frame;
    }

    /** The payload length the header announces, or -1 when it is not a record header. */
    static int payloadLength(ByteBuffer header) {
        int length = header.getInt(4);
        return header.getInt(0) == MAGIC && length >= MIN_PAYLOAD ? length : -1;
    }

    static int events(ByteBuffer header) {
        return header.getInt(8);
    }

    /**
     * Decodes a frame read whole; {@code null} when its checksum or structure is wrong, never an exception: a
     * record crafted with a valid checksum but impossible fields (a negative event count, a cut time out of range,
     * an anchor running past the end) is corrupt too.
     */
    static SpoolRecord decode(byte[] frame) {
        try {
            return decodeChecked(frame);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static SpoolRecord decodeChecked(byte[] frame) {
        int payload = frame.length - HEADER;
        ByteBuffer b = ByteBuffer.wrap(frame);
        if (b.getInt(12) != checksum(frame, payload)) {
            return null;
        }
        int events = b.getInt(8);
        if (events < 0) {
            return null;
        }
        b.position(HEADER);
        int flags = b.get();
        Instant cutTime = Instant.ofEpochMilli(b.getLong());
        SpoolAnchor anchor = null;
        if ((flags & FLAG_ANCHOR) != 0) {
            int keyLen = b.getShort() & 0xFFFF;
            if (b.remaining() < keyLen + 16) {
                return null;
            }
            byte[] key = new byte[keyLen];
            b.get(key);
            anchor = new SpoolAnchor(new String(key, StandardCharsets.UTF_8), b.getLong(), b.getLong(),
                    (flags & FLAG_ANCHOR_CRC) != 0);
        }
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return new SpoolRecord(data, events, cutTime, anchor);
    }

    private static int checksum(byte[] frame, int payload) {
        CRC32C crc = new CRC32C();
        crc.update(frame, 4, 8);
        crc.update(frame, HEADER, payload);
        return (int) crc.getValue();
    }
}
