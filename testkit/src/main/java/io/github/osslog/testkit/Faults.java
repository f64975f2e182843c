package io.github.osslog.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * The server's fault schedule: rules that attach {@link Fault}s to matching requests. Every request is checked
 * against the rules in the order they were added and gets at most one fault of each {@link Fault.Kind}: a rule
 * whose kind the request already got neither fires nor counts, so {@code failNext(1, ...)} twice fails two
 * requests. Thread-safe.
 */
public final class Faults {

    private interface Rule {
        /** The fault for this request, or {@code null}; {@code taken} holds the kinds it already got. */
        Fault fire(Operation op, String bucket, String key, long nowNanos, Set<Fault.Kind> taken);

        boolean exhausted(long nowNanos);
    }

    private final Ticker ticker;
    private final List<Rule> rules = new ArrayList<>();

    Faults(Ticker ticker) {
        this.ticker = ticker;
    }

    /** Applies {@code fault} to the next {@code times} requests that {@code when} matches. */
    public Faults inject(Fault fault, RequestMatcher when, int times) {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(when, "when");
        if (times < 1) {
            throw new IllegalArgumentException("times " + times + " is invalid: use 1 or more");
        }
        int[] left = {times};
        return add(new Rule() {
            @Override
            public Fault fire(Operation op, String bucket, String key, long nowNanos, Set<Fault.Kind> taken) {
                if (left[0] > 0 && !taken.contains(fault.kind()) && when.matches(op, bucket, key)) {
                    left[0]--;
                    return fault;
                }
                return null;
            }

            @Override
            public boolean exhausted(long nowNanos) {
                return left[0] == 0;
            }
        });
    }

    /** Applies {@code fault} to every request that {@code when} matches, until {@link #clear()}. */
    public Faults always(Fault fault, RequestMatcher when) {
        return inject(fault, when, Integer.MAX_VALUE);
    }

    /** Answers the next {@code n} requests with {@code status} and OSS error {@code code}. */
    public Faults failNext(int n, int status, String code) {
        return inject(Fault.error(status, code), RequestMatcher.any(), n);
    }

    /** Answers the next {@code n} requests that {@code when} matches with {@code status} and {@code code}. */
    public Faults failNext(int n, int status, String code, RequestMatcher when) {
        return inject(Fault.error(status, code), when, n);
    }

    /** Throttles the next {@code n} requests with 503 ServiceUnavailable or 429 TooManyRequests. */
    public Faults throttleNext(int n, int status) {
        return inject(Fault.throttle(status), RequestMatcher.any(), n);
    }

    /** Answers every request with 503 ServiceUnavailable for {@code duration} of the server's ticker, from now. */
    public Faults outage(Duration duration) {
        return during(duration, Fault.error(503, "ServiceUnavailable"), RequestMatcher.any());
    }

    /** Applies {@code fault} to every request {@code when} matches during {@code duration} from now. */
    public Faults during(Duration duration, Fault fault, RequestMatcher when) {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(when, "when");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("fault window " + duration + " is invalid: use a positive duration");
        }
        long start = ticker.read();
        long length = duration.toNanos();
        return add(new Rule() {
            @Override
            public Fault fire(Operation op, String bucket, String key, long nowNanos, Set<Fault.Kind> taken) {
                return nowNanos - start < length && !taken.contains(fault.kind()) && when.matches(op, bucket, key)
                        ? fault : null;
            }

            @Override
            public boolean exhausted(long nowNanos) {
                return nowNanos - start >= length;
            }
        });
    }

    /**
     * A seeded random schedule: each request {@code when} matches gets each fault with its probability, drawn in
     * the map's iteration order, so the same seed and request sequence give the same faults. Pass an ordered map
     * ({@code LinkedHashMap}); {@code Map.of} iterates in a different order on every JVM run.
     */
    public Faults random(long seed, Map<Fault, Double> probabilities, RequestMatcher when) {
        Objects.requireNonNull(when, "when");
        Map<Fault, Double> copy = new LinkedHashMap<>(probabilities);
        copy.forEach((fault, p) -> {
            if (p == null || !(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability " + p + " of " + fault + " is invalid: use 0..1");
            }
        });
        Random random = new Random(seed);
        for (Map.Entry<Fault, Double> entry : copy.entrySet()) {
            add(new Rule() {
                @Override
                public Fault fire(Operation op, String bucket, String key, long nowNanos, Set<Fault.Kind> taken) {
                    return when.matches(op, bucket, key) && random.nextDouble() < entry.getValue()
                            && !taken.contains(entry.getKey().kind()) ? entry.getKey() : null;
                }

                @Override
                public boolean exhausted(long nowNanos) {
                    return false;
                }
            });
        }
        return this;
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    private synchronized Faults add(Rule rule) {
        rules.add(rule);
        return this;
    }

    /** The faults for one request, consuming counted rules. */
    synchronized List<Fault> plan(Operation op, String bucket, String key) {
        if (rules.isEmpty()) {
            return Collections.emptyList();
        }
        long now = ticker.read();
        List<Fault> faults = new ArrayList<>(2);
        Set<Fault.Kind> taken = EnumSet.noneOf(Fault.Kind.class);
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            Fault fault = rule.fire(op, bucket, key, now, taken);
            if (fault != null) {
                faults.add(fault);
                taken.add(fault.kind());
            }
            if (rule.exhausted(now)) {
                it.remove();
            }
        }
        return faults;
    }
}
