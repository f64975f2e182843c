package io.github.osslog.testkit.chaos;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.osslog.core.oss.ObjectListing;
import io.github.osslog.core.oss.ObjectSummary;
import io.github.osslog.core.oss.OssClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What landed under a key prefix, read back through {@link OssClient#list} and {@link OssClient#get}: objects in
 * index order, each line checked to be either the next event of its producer, a foreign writer's line or a
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

    /** Reads every object under {@code prefix} ({@code prefix + index + suffix} keys) in index order. */
    static LandedEvents read(OssClient client, String prefix, String suffix, int producers) throws IOException {
        List<ObjectSummary> objects = new ArrayList<>();
        String token = null;
        do {
            ObjectListing page = client.list(prefix, null, token, 1000);
            objects.addAll(page.objects());
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        objects.sort(Comparator.comparingLong(o -> index(o.key(), prefix, suffix)));
        LandedEvents landed = new LandedEvents(producers);
        for (ObjectSummary object : objects) {
            landed.add(object, new String(client.get(object.key()), UTF_8));
        }
        return landed;
    }

    private static long index(String key, String prefix, String suffix) {
        if (!key.startsWith(prefix) || !key.endsWith(suffix)) {
            throw new AssertionError("unexpected key " + key);
        }
        return Long.parseLong(key.substring(prefix.length(), key.length() - suffix.length()));
    }

    private void add(ObjectSummary object, String text) {
        if ("Normal".equals(object.type())) {
            if (!text.equals(ChaosSchedule.FOREIGN_PUT_TEXT)) {
                throw new AssertionError(object.key() + " is a Normal object the test did not put: " + text);
            }
            normalObjects++;
            return;
        }
        appendableObjects++;
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError(object.key() + " ends inside a line");
        }
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            line(object.key(), text.substring(from, end + 1));
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
