package io.github.osslog.core.store;

/** The kind of object a key holds. Only {@link #APPENDABLE} objects accept appends. */
public enum ObjectType {
    APPENDABLE, NORMAL, MULTIPART, SYMLINK, UNKNOWN;

    /** Parses OSS's {@code x-oss-object-type} header value; unknown or missing values give {@link #UNKNOWN}. */
    public static ObjectType fromHeader(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "appendable": return APPENDABLE;
            case "normal": return NORMAL;
            case "multipart": return MULTIPART;
            case "symlink": return SYMLINK;
            default: return UNKNOWN;
        }
    }
}
