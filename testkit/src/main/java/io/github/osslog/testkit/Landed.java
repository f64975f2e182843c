package io.github.osslog.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.osslog.core.store.ObjectType;
import io.github.osslog.testkit.store.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What landed under a key prefix, read from {@link OssTestServer#landed(String, String)}: every object whose key
 * starts with the prefix, in the order a pattern's counter numbers them ({@code app/2.log} before {@code app/10.log}),
 * as they were at that call. Immutable.
 *
 * <pre>{@code
 * List<String> lines = server.landed("logs", "app/").lines();        // app/0.log, app/1.log, ... line by line
 * String text = server.landed("logs", "app/").gunzipped().text();   // gzip objects, decompressed and joined
 * }</pre>
 */
public final class Landed {
    /** Digit runs compare as numbers, the rest as text; equal-looking keys ({@code 01}, {@code 1}) by their text. */
    private static final Comparator<String> NUMBERED = ((Comparator<String>) Landed::compareNumbered)
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, byte[]> objects;
    private final Map<String, Boolean> appendable;

    private Landed(Map<String, byte[]> objects, Map<String, Boolean> appendable) {
        this.objects = objects;
        this.appendable = appendable;
    }

    static Landed of(Map<String, StoredObject> stored) {
        List<String> keys = new ArrayList<>(stored.keySet());
        keys.sort(NUMBERED);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        Map<String, Boolean> appendable = new LinkedHashMap<>();
        for (String key : keys) {
            StoredObject object = stored.get(key);
            objects.put(key, object.bytes());
            appendable.put(key, object.type() == ObjectType.APPENDABLE);
        }
        return new Landed(objects, appendable);
    }

    /** The keys, in counter order. */
    public List<String> keys() {
        return Collections.unmodifiableList(new ArrayList<>(objects.keySet()));
    }

    /** Whether no object landed under the prefix. */
    public boolean isEmpty() {
        return objects.isEmpty();
    }

    /** The bytes of every object, one after the other in counter order. */
    public byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        objects.values().forEach(all::writeBytes);
        return all.toByteArray();
    }

    /**
     * The bytes of one of {@link #keys()}.
     *
     * @throws IllegalArgumentException when {@code key} is not one of them
     */
    public byte[] bytes(String key) {
        byte[] object = objects.get(key);
        if (object == null) {
            throw new IllegalArgumentException("nothing landed at '" + key + "'; landed: " + keys());
        }
        return object.clone();
    }

    /** {@link #bytes()} as UTF-8. */
    public String text() {
        return new String(bytes(), UTF_8);
    }

    /** Each object's bytes as UTF-8, in counter order. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>();
        objects.values().forEach(o -> texts.add(new String(o, UTF_8)));
        return texts;
    }

    /**
     * The lines of every object in counter order, without their {@code \n}; an object's text after its last
     * {@code \n} (a line cut short) counts as a line of its own.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String text : texts()) {
            int from = 0;
            for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', from)) {
                lines.add(text.substring(from, end));
                from = end + 1;
            }
            if (from < text.length()) {
                lines.add(text.substring(from));
            }
        }
        return lines;
    }

    /**
     * Whether one of {@link #keys()} is an appendable object (as osslog writes them), not a Normal one (as a
     * PutObject leaves).
     *
     * @throws IllegalArgumentException when {@code key} is not one of them
     */
    public boolean appendable(String key) {
        Boolean value = appendable.get(key);
        if (value == null) {
            throw new IllegalArgumentException("nothing landed at '" + key + "'; landed: " + keys());
        }
        return value;
    }

    /**
     * The same objects, each decompressed as gzip (one or more members one after the other, as osslog's gzip
     * compression writes them). As with {@link GZIPInputStream}, bytes after the last member that do not start
     * another member are ignored.
     *
     * @throws UncheckedIOException naming the key when an object is not a complete gzip stream
     */
    public Landed gunzipped() {
        Map<String, byte[]> plain = new LinkedHashMap<>();
        objects.forEach((key, gzip) -> plain.put(key, gunzip(key, gzip)));
        return new Landed(plain, appendable);
    }

    private static byte[] gunzip(String key, byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("'" + key + "' is not a complete gzip stream", e);
        }
    }

    private static int compareNumbered(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            if (isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                String x = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
                String y = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
                int order = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
                if (order != 0) {
                    return order;
                }
                i = endA;
                j = endB;
            } else {
                if (a.charAt(i) != b.charAt(j)) {
                    return Character.compare(a.charAt(i), b.charAt(j));
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** The keys and their sizes, for assertion messages. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Landed[");
        objects.forEach((key, bytes) -> sb.append(sb.length() > 7 ? ", " : "").append(key).append(' ')
                .append(bytes.length).append(" B"));
        return sb.append(']').toString();
    }
}
