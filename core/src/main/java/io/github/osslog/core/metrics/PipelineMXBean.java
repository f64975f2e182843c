package io.github.osslog.core.metrics;

import java.util.Map;

/**
 * The counters of one pipeline as JMX shows them, under {@code io.github.osslog:type=Pipeline,name=<name>}. All
 * counts are cumulative since the pipeline was created.
 */
public interface PipelineMXBean {
    /** Events the buffer took (including truncated ones). */
    long getEventsAccepted();

    /** Events that exceeded the maximum event size and were shipped truncated. */
    long getEventsTruncated();

    /** Events dropped, all reasons together. */
    long getEventsDropped();

    /**
     * Events dropped by reason: buffer full, oldest discarded, block timeout, level discard, spool full, rejected by
     * the store, corrupt spool record, and the pipeline's own (pipeline stopped, logged by the shipper thread).
     */
    Map<String, Long> getEventsDroppedByReason();

    /**
     * Events in batches the store rejected for good (counted by error code in {@link #getFailuresByCode()}); they are
     * also dropped events, under the reason {@code rejected by the store}.
     */
    long getEventsFailed();

    /** Encoded bytes the buffer took. */
    long getBytesEncoded();

    /** Events confirmed stored. */
    long getEventsShipped();

    /** Bytes confirmed stored (after compression). */
    long getBytesShipped();

    /** Appends that landed. */
    long getAppends();

    /** Store calls repeated after a failure. */
    long getRetries();

    /** Appends whose response was lost but which reconciliation proved had landed. */
    long getReconciledLostResponses();

    /** Moves to a new object key (time, size, not appendable, foreign writer). */
    long getRollovers();

    /** Appends or objects whose CRC-64 differed from the one computed locally. */
    long getCrcMismatches();

    /** Failed store calls by error code ({@code IOException} for ambiguous ones). */
    Map<String, Long> getFailuresByCode();

    /**
     * Bytes of the ring buffer in use: records waiting to be drained (with their small frame headers). It does not
     * include the batch the shipper has drained and is sending, nor the spool: see {@link #getBytesInFlight()}.
     */
    long getBufferBytesInUse();

    /**
     * Events accepted and not yet landed or resolved for good: in the ring, in the batch being sent, or in the spool
     * (including events an earlier run spooled). 0 means every accepted event has landed or was dropped for a
     * counted reason.
     */
    long getEventsInFlight();

    /** Bytes in flight: ring bytes in use, plus the batch being sent (before compression), plus spool files. */
    long getBytesInFlight();

    /** Batches written to the local spool because they could not be shipped in time. */
    long getSpooledBatches();

    /** Events in batches written to the local spool; they are durable on disk from then on. */
    long getEventsSpooled();

    /**
     * Events shipped from the spool, also those an earlier run spooled; they count in {@link #getEventsShipped()}
     * too, so events shipped straight from the buffer are the difference.
     */
    long getEventsReplayed();

    /** Bytes of batches written to the local spool (as they will be appended, after compression). */
    long getSpooledBytes();

    /** Spooled batches replayed: shipped, found already landed, or rejected for good. */
    long getReplayedBatches();

    /** Torn or corrupt spool records detected and skipped, never shipped. */
    long getCorruptSpoolRecords();

    /** Bytes of spool segment files on disk. */
    long getSpoolBytesInUse();

    /** Events waiting in the spool, including those an earlier run left. */
    long getSpoolEventsInUse();

    /** The object key appends currently go to, or empty before the first append. */
    String getCurrentObjectKey();

    /** The last error, with its time, or empty. */
    String getLastError();
}
