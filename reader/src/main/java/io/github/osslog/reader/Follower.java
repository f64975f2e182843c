package io.github.osslog.reader;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Follows a pattern's objects as the writers append: each poll learns the objects' lengths (one ListObjects, or
 * HEAD per watched key when listing is refused), reads only the new bytes with ranged GETs, and moves on to new
 * objects (next {@code %i}, next time bucket, a roll after a foreign writer) in write order. Only complete lines and
 * gzip members of a writer's newest object are delivered; an older object is read to its very end. Every line is
 * delivered once; transient errors are retried for as long as it follows. {@link #stop()} may be called from any
 * thread; the rest is for one thread.
 */
public final class Follower {
    private static final Duration START_WINDOW = Duration.ofHours(24);
    private static final Duration CHECKPOINT_SEARCH = Duration.ofDays(31);
    private static final String APPENDABLE = "Appendable";
    /** The first window {@code tail -n} reads at a plain object's end: some hundred lines. */
    private static final long TAIL_WINDOW = 64 << 10;

    private final LogReader reader;
    private final ReaderPattern pattern;
    private final FollowStart start;
    private final Duration pollInterval;
    private final Discovery discovery;
    private final ObjectReader objects;
    private final Map<String, Long> offsets = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Object wake = new Object();
    private volatile boolean stopped;
    private boolean started;
    private Instant watchFrom;

    Follower(LogReader reader, FollowStart start, Duration pollInterval) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, was " + pollInterval);
        }
        this.reader = reader;
        this.pattern = reader.pattern();
        this.start = start;
        this.pollInterval = pollInterval;
        Retrier retrier = new Retrier(null, this::pause, reader.notes());
        DiscoveryMode decided = reader.discoveryMode();
        this.discovery = new Discovery(reader.client(), pattern, decided, retrier, reader.notes());
        this.objects = new ObjectReader(reader.client(), retrier, reader.decodeGzip());
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** The discovery mode in use. */
    public DiscoveryMode discoveryMode() {
        return discovery.mode();
    }

    /**
     * One poll: the first delivers the start (the last lines, or nothing at a checkpoint); each later one delivers
     * what landed since the previous poll.
     *
     * @throws InterruptedIOException when stopped while waiting to retry
     */
    public void poll(Consumer<LogLine> lines) throws IOException {
        LineSplitter splitter = new LineSplitter(lines, reader.decodeGzip());
        if (!started) {
            begin(lines);
            started = true;
            if (start.checkpoint == null) {
                return;
            }
            splitter.skip(start.checkpoint.key(), start.checkpoint.lines());
        }
        Instant now = reader.clock().instant();
        List<TimeBucket> buckets = pattern.buckets(watchFrom, now.isBefore(watchFrom) ? watchFrom : now);
        List<LogObject> found = discovery.mode() == DiscoveryMode.PROBING ? probeWatched(buckets)
                : discovery.find(buckets);
        Map<String, LogObject> newest = new HashMap<>();
        for (LogObject o : found) {
            newest.put(o.identity(), o);
        }
        for (LogObject o : found) {
            if (finished.contains(o.key())) {
                continue;
            }
            long offset = offsets.getOrDefault(o.key(), 0L);
            String before = types.put(o.key(), o.type());
            if (APPENDABLE.equals(before) && !APPENDABLE.equals(o.type()) || o.size() < offset) {
                reader.notes().accept("object " + o.key() + " was replaced (now " + o.type() + ", " + o.size()
                        + " bytes) by another writer; its new content is not printed, following goes on");
                finished.add(o.key());
                continue;
            }
            boolean isNewest = newest.get(o.identity()) == o;
            if (!isNewest) {
                // its writer has moved on, so it grows no more: read it to its real end, which may lie past the
                // size found before the newer object was (probing HEADs one key after the other), then let it go,
                // since the poll that follows may no longer watch its time bucket
                read(o, offset, false, splitter);
                finished.add(o.key());
            } else if (o.size() > offset) {
                read(o, offset, true, splitter);
            }
            if (o.bucketStart().isAfter(watchFrom)) {
                watchFrom = o.bucketStart();
            }
        }
    }

    /**
     * Reads {@code o} from {@code offset}: complete units only when it is its writer's newest object. Bytes that
     * cannot be decoded end the object (noted), not the following.
     */
    private void read(LogObject o, long offset, boolean newest, LineSplitter splitter) throws IOException {
        try {
            long end = objects.read(o, offset, newest, splitter);
            offsets.put(o.key(), end);
            if (!newest) {
                splitter.endObject(Checkpoint.of(o.key(), end));
            }
        } catch (CorruptObjectException e) {
            reader.notes().accept("skipped the rest of " + o.key() + ": " + e.getMessage());
            finished.add(o.key());
        }
    }

    /** Polls until {@link #stop()}, waiting the poll interval in between; delivers lines on this thread. */
    public void run(Consumer<LogLine> lines) throws IOException {
        try {
            while (!stopped) {
                poll(lines);
                pause(pollInterval.toMillis());
            }
        } catch (StoppedException e) {
            // stop() was called
        }
    }

    /** A blocking iterator over the followed lines, read on a background thread; close it to stop following. */
    public Iterator<LogLine> iterator() {
        return new LineQueue("osslog-follower", this::run, this::stop);
    }

    /** Ends {@link #run} and any wait of a poll, from any thread. */
    public void stop() {
        stopped = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void pause(long millis) throws InterruptedIOException {
        synchronized (wake) {
            long deadline = System.nanoTime() + millis * 1_000_000;
            long left = millis;
            while (!stopped && left > 0) {
                try {
                    wake.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoppedException();
                }
                left = (deadline - System.nanoTime()) / 1_000_000;
            }
        }
        if (stopped) {
            throw new StoppedException();
        }
    }

    private void begin(Consumer<LogLine> lines) throws IOException {
        Instant now = reader.clock().instant();
        if (start.checkpoint != null) {
            beginAt(start.checkpoint, now);
            return;
        }
        List<LogObject> found = newestObjects(now);
        if (found.isEmpty()) {
            watchFrom = pattern.bucketAt(now).start();
            reader.notes().accept("following: no object yet, waiting for the first one");
            return;
        }
        watchFrom = found.get(found.size() - 1).bucketStart();
        List<LogObject> newestBucket = new ArrayList<>();
        for (LogObject o : found) {
            if (o.bucketStart().equals(watchFrom)) {
                newestBucket.add(o);
                offsets.put(o.key(), o.size());
                types.put(o.key(), o.type());
            }
        }
        Deque<List<LogLine>> tails = new ArrayDeque<>();
        int have = 0;
        for (int i = newestBucket.size() - 1; i >= 0 && have < start.lastLines; i--) {
            List<LogLine> objectLines = lastLines(newestBucket.get(i), start.lastLines - have);
            tails.addFirst(objectLines);
            have += objectLines.size();
        }
        reader.notes().accept("following: from the newest bucket's " + newestBucket.size() + " object(s), the"
                + " last " + newestBucket.get(newestBucket.size() - 1).key());
        List<LogLine> all = new ArrayList<>();
        tails.forEach(all::addAll);
        all.subList(Math.max(0, all.size() - start.lastLines), all.size()).forEach(lines);
    }

    /**
     * At least {@code wanted} of {@code o}'s last lines, or all it has, and its offset after them. A plain object is
     * read from a window at its end that grows fourfold until it holds enough whole lines (its first line may have
     * begun before it); a gzip object from its start, since a member boundary cannot be found from the end without
     * inflating what follows it.
     */
    private List<LogLine> lastLines(LogObject o, int wanted) throws IOException {
        boolean members = o.isGzip() && reader.decodeGzip();
        for (long window = TAIL_WINDOW; ; window *= 4) {
            long from = members ? 0 : Math.max(0, o.size() - window);
            List<LogLine> lines = new ArrayList<>();
            LineSplitter collect = new LineSplitter(lines::add, reader.decodeGzip());
            long end = objects.read(o, from, false, collect);
            collect.endObject(Checkpoint.of(o.key(), end));
            offsets.put(o.key(), end);
            List<LogLine> whole = from == 0 ? lines : lines.subList(Math.min(1, lines.size()), lines.size());
            if (from == 0 || whole.size() >= wanted) {
                return whole;
            }
        }
    }

    /**
     * The objects of the start window, or at least of its newest bucket that has any. Probing walks the buckets
     * newest first and stops at the first with objects (a minute pattern has 1,440 buckets a day); listing lists
     * them all at once.
     */
    private List<LogObject> newestObjects(Instant now) throws IOException {
        List<TimeBucket> buckets = pattern.buckets(now.minus(START_WINDOW), now);
        List<LogObject> newest = discovery.find(buckets.subList(buckets.size() - 1, buckets.size()));
        if (!newest.isEmpty()) {
            return newest;
        }
        if (discovery.mode() != DiscoveryMode.PROBING) {
            return discovery.find(buckets);
        }
        for (int i = buckets.size() - 2; i >= 0 && newest.isEmpty(); i--) {
            newest = discovery.probe(buckets.get(i), 0);
        }
        return newest;
    }

    private void beginAt(Checkpoint cp, Instant now) throws IOException {
        List<TimeBucket> candidates = pattern.buckets(now.minus(CHECKPOINT_SEARCH), now);
        Collections.reverse(candidates);
        TimeBucket home = null;
        ReaderPattern.KeyMatch at = null;
        for (TimeBucket b : candidates) {
            at = ReaderPattern.match(b, cp.key());
            if (at != null) {
                home = b;
                break;
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("checkpoint key '" + cp.key() + "' is not one of pattern '"
                    + pattern.text() + "' in the last " + CHECKPOINT_SEARCH.toDays() + " days (time zone "
                    + pattern.zone() + ")");
        }
        watchFrom = home.start();
        LogObject mark = new LogObject(cp.key(), 0, APPENDABLE, null, home.start(), at.identity, at.index);
        for (LogObject o : discovery.find(pattern.buckets(watchFrom, now))) {
            int order = LogObject.WRITE_ORDER.compare(o, mark);
            if (order < 0) {
                offsets.put(o.key(), o.size());
            } else if (order == 0) {
                offsets.put(o.key(), cp.offset());
            }
            types.put(o.key(), o.type());
        }
        offsets.putIfAbsent(cp.key(), cp.offset());
        reader.notes().accept("following: from checkpoint " + cp);
    }

    /**
     * Probing mode: HEAD every watched key, then the next index of each bucket until absent. The buckets are probed
     * newest first: once a writer's object in a later bucket is seen, the earlier buckets it left are final, so
     * probing them afterwards finds every object they got. Probed oldest first, an object created in an earlier
     * bucket between that bucket's HEADs and the later bucket's could be missed for good, because the next poll no
     * longer watches the earlier bucket.
     */
    private List<LogObject> probeWatched(List<TimeBucket> buckets) throws IOException {
        List<LogObject> found = new ArrayList<>();
        for (int b = buckets.size() - 1; b >= 0; b--) {
            TimeBucket bucket = buckets.get(b);
            int next = 0;
            for (int i = 0; ; i++) {
                String key = pattern.key(bucket, i);
                if (!offsets.containsKey(key) && !finished.contains(key)) {
                    break;
                }
                next = i + 1;
                if (finished.contains(key)) {
                    continue; // read to its end already
                }
                LogObject known = new LogObject(key, 0, types.get(key), null, bucket.start(), "", i);
                LogObject now = discovery.stat(known);
                if (now != null) {
                    found.add(now);
                }
            }
            found.addAll(discovery.probe(bucket, next));
        }
        found.sort(LogObject.WRITE_ORDER);
        return found;
    }

    /** Thrown out of a wait when {@link #stop()} was called. */
    static final class StoppedException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super("following was stopped");
        }
    }
}
