package io.github.osslog.core.store;

import io.github.osslog.core.internal.crc.Crc64;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link AppendableStore} in memory that behaves like OSS (position checks, whole-object CRC-64, Normal objects
 * that refuse appends) and injects faults on request, for tests of code that ships through a store. Faults are
 * queued and each append call takes the next one. Thread-safe.
 */
public final class InMemoryStore implements AppendableStore {
    private enum Fault { ERROR, RESET_BEFORE_COMMIT, DROP_RESPONSE_AFTER_COMMIT, CORRUPT_CRC }

    private static final class Planned {
        final Fault fault;
        final StoreException error;

        Planned(Fault fault, StoreException error) {
            this.fault = fault;
            this.error = error;
        }
    }

    private static final class Entry {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ObjectType type = ObjectType.APPENDABLE;
        long crc;
        long appends;
        Map<String, String> headers = Collections.emptyMap();
    }

    private final StoreLimits limits;
    private final Map<String, Entry> objects = new HashMap<>();
    private final Deque<Planned> appendFaults = new ArrayDeque<>();
    private int headFailures;
    private boolean down;
    private int appendCalls;
    private int headCalls;

    /** A store with OSS's limits. */
    public InMemoryStore() {
        this(StoreLimits.OSS);
    }

    public InMemoryStore(StoreLimits limits) {
        this.limits = limits;
    }

    @Override
    public synchronized AppendResult append(String key, long position, byte[] data, int off, int len,
            Map<String, String> creationHeaders) throws IOException {
        appendCalls++;
        if (down) {
            throw new SocketTimeoutException("in-memory store outage");
        }
        Planned planned = appendFaults.poll();
        if (planned != null && planned.fault == Fault.ERROR) {
            throw planned.error;
        }
        if (planned != null && planned.fault == Fault.RESET_BEFORE_COMMIT) {
            throw new IOException("connection reset before the append was committed (injected)");
        }
        Entry entry = objects.get(key);
        long length = entry == null ? 0 : entry.bytes.size();
        if (entry != null && entry.type != ObjectType.APPENDABLE) {
            throw error(ErrorKind.NOT_APPENDABLE, 409, "ObjectNotAppendable", "The object is not appendable", -1);
        }
        if (position != length) {
            throw error(ErrorKind.POSITION_CONFLICT, 409, "PositionNotEqualToLength",
                    "Position is not equal to file length", length);
        }
        if (length + len > limits.maxObjectSize()) {
            throw error(ErrorKind.BAD_REQUEST, 400, "InvalidArgument", "The object would exceed its maximum size", -1);
        }
        if (entry != null && entry.appends >= limits.maxAppendsPerObject()) {
            throw error(ErrorKind.BAD_REQUEST, 400, "InvalidArgument", "The object takes no more appends", -1);
        }
        if (entry == null) {
            entry = new Entry();
            entry.headers = Collections.unmodifiableMap(new TreeMap<>(creationHeaders));
            objects.put(key, entry);
        }
        entry.bytes.write(data, off, len);
        entry.crc = Crc64.update(entry.crc, data, off, len);
        entry.appends++;
        if (planned != null && planned.fault == Fault.DROP_RESPONSE_AFTER_COMMIT) {
            throw new SocketTimeoutException("response lost after the append was committed (injected)");
        }
        long crc = planned != null && planned.fault == Fault.CORRUPT_CRC ? entry.crc ^ 0x5A5AL : entry.crc;
        return new AppendResult(entry.bytes.size(), crc, true, "mem-" + appendCalls);
    }

    @Override
    public synchronized ObjectInfo head(String key) throws IOException {
        headCalls++;
        if (down) {
            throw new SocketTimeoutException("in-memory store outage");
        }
        if (headFailures > 0) {
            headFailures--;
            throw new IOException("connection reset during HEAD (injected)");
        }
        Entry entry = objects.get(key);
        if (entry == null) {
            return null;
        }
        long size = entry.bytes.size();
        boolean appendable = entry.type == ObjectType.APPENDABLE;
        return new ObjectInfo(entry.type, size, appendable ? size : StoreException.NO_POSITION, entry.crc, true,
                "\"etag\"", entry.headers.get("Content-Type"), Collections.<String, String>emptyMap(), "mem-head");
    }

    @Override
    public StoreLimits limits() {
        return limits;
    }

    /** The next {@code count} appends fail with an error of {@code kind} (typical status and code for it). */
    public synchronized void failNextAppends(int count, ErrorKind kind) {
        for (int i = 0; i < count; i++) {
            appendFaults.add(new Planned(Fault.ERROR, typical(kind)));
        }
    }

    /** The next {@code count} appends fail with a connection reset before they are applied. */
    public synchronized void resetNextAppendsBeforeCommit(int count) {
        addFaults(count, Fault.RESET_BEFORE_COMMIT);
    }

    /** The next {@code count} appends are applied, then their response is lost (the caller gets an IOException). */
    public synchronized void dropNextResponsesAfterCommit(int count) {
        addFaults(count, Fault.DROP_RESPONSE_AFTER_COMMIT);
    }

    /** The next {@code count} appends are applied correctly but answer a wrong whole-object CRC-64. */
    public synchronized void corruptNextCrcHeaders(int count) {
        addFaults(count, Fault.CORRUPT_CRC);
    }

    /** The next {@code count} HEAD requests fail with a connection reset. */
    public synchronized void failNextHeads(int count) {
        headFailures += count;
    }

    /** While down, every call fails with a timeout and changes nothing. */
    public synchronized void outage(boolean isDown) {
        this.down = isDown;
    }

    /** Another writer appends {@code data} to {@code key} (creating it when absent). */
    public synchronized void foreignAppend(String key, byte[] data) {
        Entry entry = objects.computeIfAbsent(key, k -> new Entry());
        entry.bytes.write(data, 0, data.length);
        entry.crc = Crc64.update(entry.crc, data, 0, data.length);
        entry.appends++;
    }

    /** Another writer replaces {@code key} with a Normal object holding {@code data} (a PutObject). */
    public synchronized void foreignPut(String key, byte[] data) {
        Entry entry = new Entry();
        entry.type = ObjectType.NORMAL;
        entry.bytes.write(data, 0, data.length);
        entry.crc = Crc64.compute(data, 0, data.length);
        objects.put(key, entry);
    }

    /** The bytes of {@code key}, or {@code null} when absent. */
    public synchronized byte[] content(String key) {
        Entry entry = objects.get(key);
        return entry == null ? null : entry.bytes.toByteArray();
    }

    /** The creation headers {@code key} was created with (empty when absent or written by another writer). */
    public synchronized Map<String, String> creationHeaders(String key) {
        Entry entry = objects.get(key);
        return entry == null ? Collections.<String, String>emptyMap() : entry.headers;
    }

    /** All keys, sorted. */
    public synchronized List<String> keys() {
        List<String> keys = new ArrayList<>(objects.keySet());
        Collections.sort(keys);
        return keys;
    }

    /** How many appends were attempted, including failed ones. */
    public synchronized int appendCalls() {
        return appendCalls;
    }

    /** How many HEAD requests were made. */
    public synchronized int headCalls() {
        return headCalls;
    }

    private void addFaults(int count, Fault fault) {
        for (int i = 0; i < count; i++) {
            appendFaults.add(new Planned(fault, null));
        }
    }

    private static StoreException typical(ErrorKind kind) {
        switch (kind) {
            case RETRYABLE: return error(kind, 500, "InternalError", "We encountered an internal error", -1);
            case THROTTLED: return error(kind, 503, "ServiceUnavailable", "Please reduce your request rate", -1);
            case POSITION_CONFLICT: return error(kind, 409, "PositionNotEqualToLength", "Position mismatch", -1);
            case NOT_APPENDABLE: return error(kind, 409, "FileImmutable", "The object is immutable", -1);
            case CREDENTIALS: return error(kind, 403, "SecurityTokenExpired", "The security token expired", -1);
            case CLOCK_SKEW: return error(kind, 403, "RequestTimeTooSkewed", "The request time is too skewed", -1);
            case CONFIGURATION: return error(kind, 403, "AccessDenied", "Access denied", -1);
            default: return error(kind, 400, "InvalidArgument", "Invalid argument", -1);
        }
    }

    private static StoreException error(ErrorKind kind, int status, String code, String message, long next) {
        return new StoreException(kind, status, code, message, "mem-error", next);
    }
}
