package io.github.osslog.core.internal.buffer;

import io.github.osslog.core.LogLevel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * How a record sits in the ring: an 8-byte header {@code [byte state][byte type][2 unused][int length]} then the
 * payload, padded to a multiple of 8. {@code state} is published last with release semantics, so a consumer that
 * reads it with acquire semantics then sees type, length and payload with plain reads; 0 means "not committed
 * yet" (freed space is zeroed). {@code type} is a {@link LogLevel} ordinal or {@link #PADDING}; {@code length}
 * counts header plus payload. Stateless.
 */
final class RecordLayout {
    static final int HEADER = 8;
    static final int ALIGNMENT = 8;
    static final int PADDING = -1;
    private static final byte COMMITTED = 1;

    // The commit flag is a byte element, not an int view: since JDK 22 (JDK-8318966) byte[] view VarHandles support
    // only plain get/set, as a byte[]'s elements have no guaranteed alignment; byte elements support every mode.
    private static final VarHandle STATE = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private RecordLayout() {
    }

    /** Bytes a record with this payload occupies, header and alignment included. */
    static int span(int payloadLength) {
        return align(payloadLength + HEADER);
    }

    static int align(int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    static void commit(byte[] buffer, int index, int payloadLength, int type) {
        buffer[index + 1] = (byte) type;
        INT.set(buffer, index + 4, payloadLength + HEADER);
        STATE.setRelease(buffer, index, COMMITTED);
    }

    /** Turns {@code span} claimed bytes at {@code index} into a record the consumer skips. */
    static void commitPadding(byte[] buffer, int index, int span) {
        commit(buffer, index, span - HEADER, PADDING);
    }

    /** The committed record length (header included) at {@code index}, or 0 when none is committed there yet. */
    static int committedLength(byte[] buffer, int index) {
        if ((byte) STATE.getAcquire(buffer, index) != COMMITTED) {
            return 0;
        }
        return (int) INT.get(buffer, index + 4);
    }

    /** The type of the record at {@code index}; call only after {@link #committedLength} returned non-zero. */
    static int type(byte[] buffer, int index) {
        return buffer[index + 1];
    }
}
