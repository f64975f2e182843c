package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.InternalLogger;
import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.internal.metrics.PipelineMetrics;
import io.github.osslog.core.internal.objects.ObjectState;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Counts and reports what happens to deliveries, once per episode rather than once per retry: the first failure of a
 * streak is a warning, a configuration error is one error until appends succeed again. Not thread-safe: confined
 * to the shipper thread.
 */
final class DeliveryReporter {
    private final PipelineMetrics metrics;
    private final InternalLogger logger;
    private final Duration slowRetry;
    private boolean failing;
    private boolean configErrorReported;
    private boolean unexpectedReported;

    DeliveryReporter(PipelineMetrics metrics, InternalLogger logger, Duration slowRetry) {
        this.metrics = metrics;
        this.logger = logger;
        this.slowRetry = slowRetry;
    }

    void failed(IOException e, ObjectState state) {
        String code = e instanceof StoreException ? codeOf((StoreException) e) : "IOException";
        String where = state == null ? "" : " (object '" + state.key() + "' at " + state.position() + ")";
        metrics.failure(code, describe(e) + where);
        ErrorKind kind = e instanceof StoreException ? ((StoreException) e).kind() : null;
        // a token or key still refused after the store refreshed it is a configuration error too (issue 19)
        boolean refused = kind == ErrorKind.CREDENTIALS;
        boolean configuration = kind == ErrorKind.CONFIGURATION || refused;
        // an untrusted certificate or a host name it does not cover fails every retry until the setup changes
        boolean untrusted = e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException;
        if (refused && !configErrorReported) {
            configErrorReported = true;
            logger.error("The store keeps refusing the credentials after refreshing them: " + describe(e) + ". Check"
                    + " the access key id, secret and security token (OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET,"
                    + " OSS_SESSION_TOKEN, or the instance's RAM role); osslog keeps buffering and retries about every "
                    + slowRetry, e);
        } else if (configuration && !configErrorReported) {
            configErrorReported = true;
            logger.error("The store refused access: " + describe(e) + ". Check the bucket, endpoint, region,"
                    + " credentials and permissions; osslog keeps buffering and retries about every " + slowRetry, e);
        } else if (untrusted && !configErrorReported) {
            configErrorReported = true;
            logger.error("TLS with the store failed: " + describe(e) + ". Check the endpoint's host name; for a"
                    + " private CA or a self-signed certificate set trustedCertificates to a PEM file of it."
                    + " osslog keeps buffering and retries", e);
        } else if (!configuration && !untrusted && !failing) {
            failing = true;
            logger.warn("Store call failed" + where + ": " + describe(e) + "; retrying", e);
        }
    }

    /** A batch landed (counted as shipped), after {@code failures} failed attempts. */
    void landed(ObjectState state, int events, int len, int failures) {
        metrics.batchShipped(events, len);
        if (failing) {
            failing = false;
            logger.info("Appends to '" + state.key() + "' succeed again after " + failures + " failed attempts");
        }
        if (configErrorReported || unexpectedReported) {
            configErrorReported = false;
            unexpectedReported = false;
            logger.info("The store accepts appends again");
        }
    }

    /** The credentials provider had none to give (e.g. the metadata service failed): nothing was sent. */
    void credentialsUnavailable(RuntimeException e) {
        metrics.failure("CredentialsUnavailable", describe(e));
        if (!failing) {
            failing = true;
            logger.warn("No credentials to sign with: " + describe(e) + "; osslog keeps the batch and retries", e);
        }
    }

    /**
     * Something other than a store's answer failed a store call or its handling: a response that cannot be parsed,
     * an error of the signing path, a bug, an {@link Error}. It proves nothing about the batch, which is kept.
     */
    void unexpected(Throwable e, ObjectState state) {
        String where = state == null ? "" : " (object '" + state.key() + "' at " + state.position() + ")";
        metrics.failure(e.getClass().getSimpleName(), describe(e) + where);
        if (!unexpectedReported) {
            unexpectedReported = true;
            logger.error("A store call failed unexpectedly" + where + ": " + describe(e) + "; osslog keeps the batch"
                    + " and retries with backoff (reported once until appends succeed again)", e);
        }
    }

    /** The shipper loop itself failed and is restarted; its batch stays in memory. */
    void loopFailed(Throwable e) {
        metrics.failure(e.getClass().getSimpleName(), "shipper loop: " + describe(e));
        if (!unexpectedReported) {
            unexpectedReported = true;
            logger.error("The osslog shipper loop failed: " + describe(e) + "; it restarts with backoff, keeping its"
                    + " batch, and the buffer keeps accepting events within its budget", e);
        }
    }

    /** A permanent condition for one batch: the caller counts it as {@code DropReason.REJECTED}. */
    void rejected(StoreException e, int events, int len) {
        logger.error("The store rejected a batch of " + events + " events (" + len + " bytes) for good: "
                + describe(e) + "; the batch is dropped, counted (reason 'rejected by the store') and noted in the"
                + " object", e);
        metrics.eventsFailed(events);
    }

    void notAppendable(ObjectState state, StoreException e) {
        logger.warn("Object '" + state.key() + "' does not accept appends (" + e.code() + "): rolling to a new object");
    }

    void mismatch(ObjectState state, AppendResult result, long expectedCrc, int len) {
        metrics.crcMismatch();
        metrics.failure("CrcMismatch", "append to '" + state.key() + "' at " + state.position());
        logger.error("Append to '" + state.key() + "' at position " + state.position() + " answered next position "
                + result.nextPosition() + " and CRC-64 " + (result.hasCrc64() ? Crc64.toUnsigned(result.crc64())
                : "none") + ", expected " + (state.position() + len) + " and " + Crc64.toUnsigned(expectedCrc)
                + " (request id " + result.requestId() + "): checking the object");
    }

    /** A HEAD proved that a batch landed after a doubt about its append. */
    void reconciled(ObjectState state, boolean afterMismatch) {
        if (afterMismatch) {
            logger.warn("Object '" + state.key() + "' holds exactly the bytes sent: only the append's response was"
                    + " wrong");
        } else {
            metrics.append();
            metrics.reconciledLostResponse();
        }
    }

    /** A HEAD proved that the object is not what this pipeline wrote. */
    void foreign(ObjectState state, boolean afterMismatch) {
        if (afterMismatch) {
            logger.error("Object '" + state.key() + "' does not hold the bytes sent (corrupted or written by someone"
                    + " else): shipping the batch again to a new object; it may appear damaged in the old one");
        } else {
            logger.warn("Another writer changed object '" + state.key() + "' (expected length " + state.position()
                    + " or that plus this batch): rolling to a new object; osslog never interleaves with a"
                    + " foreign writer");
        }
    }

    private static String codeOf(StoreException e) {
        return e.code().isEmpty() ? "HTTP " + e.status() : e.code();
    }

    /** The one place a failure becomes text for a status or {@code lastError}. */
    private static String describe(Throwable e) {
        if (e instanceof StoreException) {
            StoreException s = (StoreException) e;
            return "HTTP " + s.status() + " " + s.code() + " '" + s.getMessage() + "' (request id " + s.requestId()
                    + ")";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
