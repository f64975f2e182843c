package io.github.osslog.reader;

import io.github.osslog.core.oss.ObjectListing;
import io.github.osslog.core.oss.ObjectSummary;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Finds a pattern's objects in a set of time buckets: by ListObjects on the buckets' common prefix, or, when listing
 * is refused (403) or not implemented (501), by HEAD of index 0, 1, 2, ... until absent in each bucket. The first
 * refusal switches to probing for good. Not thread-safe.
 */
final class Discovery {
    private static final int PAGE = 1000;

    private final OssClient oss;
    private final ReaderPattern pattern;
    private final Retrier retrier;
    private final Consumer<String> notes;
    private DiscoveryMode mode;

    Discovery(OssClient oss, ReaderPattern pattern, DiscoveryMode mode, Retrier retrier, Consumer<String> notes) {
        this.oss = oss;
        this.pattern = pattern;
        this.retrier = retrier;
        this.notes = notes;
        this.mode = mode;
        if (mode == DiscoveryMode.PROBING) {
            requireProbeable("probing was asked for");
        }
    }

    /** The mode in use: {@link DiscoveryMode#AUTO} until the first discovery has decided. */
    DiscoveryMode mode() {
        return mode;
    }

    /** The objects of {@code buckets}, in write order. */
    List<LogObject> find(List<TimeBucket> buckets) throws IOException {
        if (mode != DiscoveryMode.PROBING) {
            try {
                List<LogObject> found = list(buckets);
                if (mode == DiscoveryMode.AUTO) {
                    mode = DiscoveryMode.LISTING;
                    notes.accept("discovery: ListObjects on prefix '" + commonPrefix(buckets) + "'");
                }
                return found;
            } catch (StoreException e) {
                if (mode != DiscoveryMode.AUTO || !listingRefused(e)) {
                    throw e;
                }
                requireProbeable("listing was refused (" + e.status() + " " + e.code() + ")");
                mode = DiscoveryMode.PROBING;
                notes.accept("discovery: listing refused (" + e.status() + " " + e.code() + "), probing keys with"
                        + " HEAD: index 0, 1, 2, ... until absent, per time bucket");
            }
        }
        return probe(buckets);
    }

    /**
     * A refusal of listing itself: 403 AccessDenied (no {@code oss:ListObjects}) or 501. Other 403s (a wrong key or
     * signature, an expired token) would refuse HEAD as well and are reported as they are.
     */
    private static boolean listingRefused(StoreException e) {
        return e.status() == 501 || e.status() == 403 && "AccessDenied".equals(e.code());
    }

    /** Stat of one known key (HEAD), or {@code null} when it is gone. */
    LogObject stat(LogObject known) throws IOException {
        ObjectSummary s = retrier.call("HEAD " + known.key(), () -> oss.stat(known.key()));
        return s == null ? null : known.withSize(s.size(), s.type(), s.lastModified());
    }

    private void requireProbeable(String why) {
        if (!pattern.isFullyGiven()) {
            throw new IllegalArgumentException(why + " and the pattern leaves " + pattern.wildcards() + " open, so"
                    + " its keys cannot be derived: give their values (--host, --pid, --value name=value) or grant"
                    + " oss:ListObjects on the bucket");
        }
    }

    private List<LogObject> list(List<TimeBucket> buckets) throws IOException {
        String prefix = commonPrefix(buckets);
        TreeMap<String, List<TimeBucket>> byPrefix = new TreeMap<>();
        for (TimeBucket b : buckets) {
            byPrefix.computeIfAbsent(b.prefix(), p -> new ArrayList<>()).add(b);
        }
        List<LogObject> found = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ObjectListing page = retrier.call("ListObjects " + prefix,
                    () -> oss.list(prefix, null, continuation, PAGE));
            for (ObjectSummary s : page.objects()) {
                LogObject object = match(byPrefix, s.key(), s.size(), s.type(), s.lastModified());
                if (object != null) {
                    found.add(object);
                }
            }
            token = page.nextContinuationToken();
        } while (token != null);
        found.sort(LogObject.WRITE_ORDER);
        return found;
    }

    private static LogObject match(TreeMap<String, List<TimeBucket>> byPrefix, String key, long size, String type,
            Instant modified) {
        Map.Entry<String, List<TimeBucket>> floor = byPrefix.floorEntry(key);
        Iterable<Map.Entry<String, List<TimeBucket>>> candidates = floor != null && key.startsWith(floor.getKey())
                ? List.of(floor) : byPrefix.entrySet();
        for (Map.Entry<String, List<TimeBucket>> entry : candidates) {
            if (!key.startsWith(entry.getKey())) {
                continue;
            }
            for (TimeBucket bucket : entry.getValue()) {
                ReaderPattern.KeyMatch m = ReaderPattern.match(bucket, key);
                if (m != null) {
                    return new LogObject(key, size, type, modified, bucket.start(), m.identity, m.index);
                }
            }
        }
        return null;
    }

    private List<LogObject> probe(List<TimeBucket> buckets) throws IOException {
        List<LogObject> found = new ArrayList<>();
        for (TimeBucket bucket : buckets) {
            found.addAll(probe(bucket, 0));
        }
        return found;
    }

    /** The objects of {@code bucket} from index {@code from} on, by HEAD until the first absent key. */
    List<LogObject> probe(TimeBucket bucket, int from) throws IOException {
        List<LogObject> found = new ArrayList<>();
        for (int i = from; ; i++) {
            String key = pattern.key(bucket, i);
            ObjectSummary s = retrier.call("HEAD " + key, () -> oss.stat(key));
            if (s == null) {
                return found;
            }
            found.add(new LogObject(key, s.size(), s.type(), s.lastModified(), bucket.start(), "", i));
        }
    }

    static String commonPrefix(List<TimeBucket> buckets) {
        String common = buckets.get(0).prefix();
        for (TimeBucket b : buckets) {
            int n = 0;
            while (n < common.length() && n < b.prefix().length() && common.charAt(n) == b.prefix().charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return common;
    }
}
