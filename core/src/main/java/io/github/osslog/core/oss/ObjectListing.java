package io.github.osslog.core.oss;

import java.util.Collections;
import java.util.List;

/** One page of a ListObjects (V2) answer. Immutable. */
public final class ObjectListing {
    private final List<ObjectSummary> objects;
    private final List<String> commonPrefixes;
    private final String nextContinuationToken;

    ObjectListing(List<ObjectSummary> objects, List<String> commonPrefixes, String nextContinuationToken) {
        this.objects = Collections.unmodifiableList(objects);
        this.commonPrefixes = Collections.unmodifiableList(commonPrefixes);
        this.nextContinuationToken = nextContinuationToken;
    }

    public List<ObjectSummary> objects() {
        return objects;
    }

    /** The prefixes rolled up by a delimiter, empty when no delimiter was given. */
    public List<String> commonPrefixes() {
        return commonPrefixes;
    }

    /** Whether more pages follow; pass {@link #nextContinuationToken()} to get the next one. */
    public boolean isTruncated() {
        return nextContinuationToken != null;
    }

    /** The token for the next page, or {@code null} on the last page. */
    public String nextContinuationToken() {
        return nextContinuationToken;
    }
}
