package io.github.osslog.core.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * How a record sits in the ring: an 8-byte header {@code [int length][int type]} then the payload, padded to a
 * multiple of 8. {@code length} counts header plus payload and is published last with release semantics, so a
 * consumer that reads it with acquire semantics sees the type and payload; 0 means "not committed yet" (freed
 * space is zeroed). {@code type} is a {@link LogLevel} ordinal or {@link #PADDING}. Stateless.
 */
final class RecordLayout {
    static final int HEADER = 8;
    static final int ALIGNMENT = 8;
    static final int PADDING = -1;

    // Int (not long) atomics: a byte[] element base is always 4-byte aligned, not always 8-byte aligned.
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
        INT.set(buffer, index + 4, type);
        INT.setRelease(buffer, index, payloadLength + HEADER);
    }

    /** Turns {@code span} claimed bytes at {@code index} into a record the consumer skips. */
    static void commitPadding(byte[] buffer, int index, int span) {
        commit(buffer, index, span - HEADER, PADDING);
    }

    /** The committed record length (header included) at {@code index}, or 0 when none is committed there yet. */
    static int committedLength(byte[] buffer, int index) {
        return (int) INT.getAcquire(buffer, index);
    }

    /** The type of the record at {@code index}; call only after {@link #committedLength} returned non-zero. */
    static int type(byte[] buffer, int index) {
        return (int) INT.get(buffer, index + 4);
    }
}
