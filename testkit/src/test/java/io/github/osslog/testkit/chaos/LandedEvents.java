package io.github.osslog.testkit.chaos;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.osslog.testkit.Landed;
import io.github.osslog.testkit.OssTestServer;

/**
 * What landed under a key prefix ({@link OssTestServer#landed}): objects in index order, each line checked to be either the next event of its producer, a foreign writer's line or a
 * foreign PutObject's content. Fails fast on a duplicate, a gap, a reordering or a line nobody wrote. Not
 * thread-safe.
 */
final class LandedEvents {
    private final int[] next;
    private long eventLines;
    private long foreignLines;
    private int appendableObjects;
    private int normalObjects;

    private LandedEvents(int producers) {
        this.next = new int[producers];
    }

    /** Reads every object in {@code bucket} under {@code prefix} ({@code prefix + index + suffix} keys). */
    static LandedEvents read(OssTestServer server, String bucket, String prefix, String suffix, int producers) {
        Landed objects = server.landed(bucket, prefix);
        LandedEvents landed = new LandedEvents(producers);
        long previous = -1;
        for (String key : objects.keys()) {
            long index = index(key, prefix, suffix);
            if (index <= previous) {
                throw new AssertionError("objects out of index order at " + key);
            }
            previous = index;
            landed.add(key, objects.appendable(key), new String(objects.bytes(key), UTF_8));
        }
        return landed;
    }

    private static long index(String key, String prefix, String suffix) {
        if (!key.startsWith(prefix) || !key.endsWith(suffix)) {
            throw new AssertionError("unexpected key " + key);
        }
        return Long.parseLong(key.substring(prefix.length(), key.length() - suffix.length()));
    }

    private void add(String key, boolean appendable, String text) {
        if (!appendable) {
            if (!text.equals(ChaosSchedule.FOREIGN_PUT_TEXT)) {
                throw new AssertionError(key + " is a Normal object the test did not put: " + text);
            }
            normalObjects++;
            return;
        }
        appendableObjects++;
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError(key + " ends inside a line");
        }
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            line(key, text.substring(from, end + 1));
            from = end + 1;
        }
    }

    private void line(String key, String line) {
        if (line.equals(ChaosSchedule.FOREIGN_APPEND_LINE)) {
            foreignLines++;
            return;
        }
        ChaosEvent event = ChaosEvent.parse(line);
        if (event == null || event.producer() >= next.length) {
            throw new AssertionError("a line nobody wrote in " + key + ": " + line);
        }
        if (event.seq() != next[event.producer()]) {
            throw new AssertionError("producer " + event.producer() + " in " + key + ": expected seq "
                    + next[event.producer()] + " but found " + event.seq()
                    + (event.seq() < next[event.producer()] ? " (duplicate or reordered)" : " (gap)"));
        }
        next[event.producer()]++;
        eventLines++;
    }

    /** How many events of {@code producer} landed: they are its first ones, each once, in order. */
    int eventsOf(int producer) {
        return next[producer];
    }

    long eventLines() {
        return eventLines;
    }

    long foreignLines() {
        return foreignLines;
    }

    int appendableObjects() {
        return appendableObjects;
    }

    int normalObjects() {
        return normalObjects;
    }
}
