package io.github.osslog.core.oss;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A slice of a byte array sent as a request body. Immutable view; the caller must not change the bytes. */
final class Body {
    final byte[] data;
    final int off;
    final int len;

    Body(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off + len > data.length) {
            throw new IndexOutOfBoundsException("body slice [" + off + ", " + (off + len) + ") of " + data.length
                    + " bytes");
        }
        this.data = data;
        this.off = off;
        this.len = len;
    }

    String md5Base64() {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(data, off, len);
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
