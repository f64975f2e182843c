package io.github.osslog.core.internal.objects;

import io.github.osslog.core.store.ObjectInfo;

/**
 * What the pipeline knows about one appendable object: where the next append goes, the whole-object CRC-64 before
 * it, and how many appends it has taken. Not thread-safe: confined to the shipper thread.
 */
public final class ObjectState {
    private final String key;
    private long position;
    private long crc;
    private boolean crcKnown;
    private long appends;

    private ObjectState(String key, long position, long crc, boolean crcKnown) {
        this.key = key;
        this.position = position;
        this.crc = crc;
        this.crcKnown = crcKnown;
    }

    /** A key with no object yet: the first append creates it at position 0 (CRC of nothing is 0). */
    public static ObjectState fresh(String key) {
        return new ObjectState(key, 0, 0, true);
    }

    /** Continues an existing appendable object at its length, adopting its CRC when the store reported one. */
    public static ObjectState existing(String key, ObjectInfo info) {
        return new ObjectState(key, info.nextAppendPosition() >= 0 ? info.nextAppendPosition() : info.length(),
                info.crc64(), info.hasCrc64());
    }

    /** The state an earlier append was made against (a spooled batch's anchor), to check whether it landed. */
    public static ObjectState at(String key, long position, long crc, boolean crcKnown) {
        return new ObjectState(key, position, crc, crcKnown);
    }

    public String key() {
        return key;
    }

    /** Where the next append must land: the object's length. */
    public long position() {
        return position;
    }

    /** The whole-object CRC-64 at {@link #position()}; meaningful only when {@link #crcKnown()}. */
    public long crc() {
        return crc;
    }

    /** False when the store never reported a CRC for this object, so appends cannot be verified. */
    public boolean crcKnown() {
        return crcKnown;
    }

    /** Appends this pipeline made to the object since it learned its state. */
    public long appends() {
        return appends;
    }

    /** Records a landed append: the object is now {@code newPosition} long with whole-object CRC {@code newCrc}. */
    public void advance(long newPosition, long newCrc, boolean newCrcKnown) {
        this.position = newPosition;
        this.crc = newCrc;
        this.crcKnown = newCrcKnown;
        this.appends++;
    }

    @Override
    public String toString() {
        return "ObjectState{key=" + key + ", position=" + position + ", crc="
                + (crcKnown ? Long.toUnsignedString(crc) : "unknown") + ", appends=" + appends + '}';
    }
}
