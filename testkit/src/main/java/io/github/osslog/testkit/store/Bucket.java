package io.github.osslog.testkit.store;

import io.github.osslog.core.store.ObjectType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects of one bucket. Thread-safe: every change to a key is atomic for that key, so of two appends racing
 * at the same position exactly one wins.
 */
public final class Bucket {
    private final String name;
    private final Persistence persistence;
    private final ConcurrentHashMap<String, StoredObject> objects = new ConcurrentHashMap<>();

    Bucket(String name, Persistence persistence) {
        this.name = name;
        this.persistence = persistence;
    }

    public String name() {
        return name;
    }

    /** The current version of {@code key}, or {@code null}. */
    public StoredObject get(String key) {
        return objects.get(key);
    }

    /**
     * Appends {@code body} (whose CRC-64 is {@code bodyCrc}) at {@code position}, creating an appendable object
     * with {@code creationHeaders} when the key is free and {@code position} is 0.
     */
    public AppendOutcome append(String key, long position, byte[] body, long bodyCrc,
            Map<String, String> creationHeaders, long nowMillis, long maxObjectSize) {
        AppendOutcome[] outcome = new AppendOutcome[1];
        change(key, current -> {
            if (current != null && current.type() != ObjectType.APPENDABLE) {
                outcome[0] = new AppendOutcome(AppendOutcome.Status.NOT_APPENDABLE, current);
                return current;
            }
            long length = current == null ? 0 : current.length();
            if (position != length) {
                outcome[0] = new AppendOutcome(AppendOutcome.Status.POSITION_MISMATCH, current);
                return current;
            }
            if (length + body.length > maxObjectSize) {
                outcome[0] = new AppendOutcome(AppendOutcome.Status.TOO_LARGE, current);
                return current;
            }
            StoredObject next = current == null
                    ? StoredObject.create(ObjectType.APPENDABLE, body, bodyCrc, creationHeaders, null, nowMillis)
                    : current.plus(body, bodyCrc, nowMillis);
            persist(() -> persistence.saved(name, key, next, current == null ? null : body));
            outcome[0] = new AppendOutcome(AppendOutcome.Status.APPENDED, next);
            return next;
        });
        return outcome[0];
    }

    /** Stores {@code object} under {@code key}, replacing whatever was there. */
    public void put(String key, StoredObject object) {
        change(key, current -> {
            persist(() -> persistence.saved(name, key, object, null));
            return object;
        });
    }

    /** Stores {@code object} only when {@code key} is free; returns whether it did. */
    public boolean putIfAbsent(String key, StoredObject object) {
        boolean[] stored = new boolean[1];
        change(key, current -> {
            if (current != null) {
                return current;
            }
            persist(() -> persistence.saved(name, key, object, null));
            stored[0] = true;
            return object;
        });
        return stored[0];
    }

    /** Removes {@code key}; returns whether there was an object. */
    public boolean delete(String key) {
        boolean[] existed = new boolean[1];
        change(key, current -> {
            if (current != null) {
                persist(() -> persistence.deleted(name, key));
                existed[0] = true;
            }
            return null;
        });
        return existed[0];
    }

    /** A sorted snapshot of the keys starting with {@code prefix}. */
    public NavigableMap<String, StoredObject> list(String prefix) {
        NavigableMap<String, StoredObject> sorted = new TreeMap<>();
        objects.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                sorted.put(k, v);
            }
        });
        return sorted;
    }

    /** Loads an object at start-up without persisting it again. */
    void restore(String key, StoredObject object) {
        objects.put(key, object);
    }

    private interface Change {
        StoredObject apply(StoredObject current);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    // ConcurrentHashMap.compute runs the function once, under the key's lock: this is the per-object CAS.
    private void change(String key, Change change) {
        objects.compute(key, (k, current) -> change.apply(current));
    }

    private static void persist(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
