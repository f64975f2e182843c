package io.github.osslog.testkit.store;

/** The result of {@link Bucket#append}. Immutable. */
public final class AppendOutcome {

    /** What happened to the append. */
    public enum Status { APPENDED, NOT_APPENDABLE, POSITION_MISMATCH, TOO_LARGE }

    private final Status status;
    private final StoredObject object;

    AppendOutcome(Status status, StoredObject object) {
        this.status = status;
        this.object = object;
    }

    public Status status() {
        return status;
    }

    /** The object after the append, or as it stands when the append was refused ({@code null} if none). */
    public StoredObject object() {
        return object;
    }

    /** The object's current length (0 when there is no object). */
    public long length() {
        return object == null ? 0 : object.length();
    }
}
