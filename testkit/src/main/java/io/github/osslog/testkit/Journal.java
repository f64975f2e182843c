package io.github.osslog.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's record of recent requests, for assertions. Bounded: beyond its capacity the oldest entries are
 * evicted (and counted), so long benchmarks do not fill memory. Thread-safe.
 */
public final class Journal {
    private final int capacity;
    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
    private long evicted;

    Journal(int capacity) {
        this.capacity = capacity;
    }

    /** A snapshot of the retained entries, oldest first. */
    public synchronized List<JournalEntry> entries() {
        return new ArrayList<>(entries);
    }

    /** The retained entries for {@code operation}, oldest first. */
    public synchronized List<JournalEntry> entries(Operation operation) {
        List<JournalEntry> matching = new ArrayList<>();
        for (JournalEntry entry : entries) {
            if (entry.operation() == operation) {
                matching.add(entry);
            }
        }
        return matching;
    }

    /** How many entries were evicted because the journal was full. */
    public synchronized long evicted() {
        return evicted;
    }

    public synchronized void clear() {
        entries.clear();
        evicted = 0;
    }

    synchronized void record(JournalEntry entry) {
        if (capacity == 0) {
            evicted++;
            return;
        }
        if (entries.size() == capacity) {
            entries.removeFirst();
            evicted++;
        }
        entries.addLast(entry);
    }
}
