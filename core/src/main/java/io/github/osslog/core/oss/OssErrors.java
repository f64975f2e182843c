package io.github.osslog.core.oss;

import io.github.osslog.core.Redactor;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.StoreException;
import java.util.Base64;
import java.util.Map;
import okhttp3.Response;

/**
 * Turns OSS error responses (an XML body, or the {@code x-oss-err} header of a HEAD) into {@link OssException}s.
 * Every text taken from the server is shortened, stripped of control characters and redacted.
 */
final class OssErrors {
    private OssErrors() {
    }

    /**
     * Builds the exception for an error response whose body (possibly empty, at most
     * {@link io.github.osslog.core.internal.http.BoundedReads#SMALL_BODY} bytes) has been read.
     */
    static OssException fromResponse(Response response, byte[] body, Redactor redactor) {
        byte[] xml = body;
        if (xml.length == 0) {
            String encoded = response.header("x-oss-err");
            if (encoded != null) {
                try {
                    xml = Base64.getDecoder().decode(encoded.trim());
                } catch (IllegalArgumentException notBase64) {
                    xml = new byte[0];
                }
            }
        }
        Map<String, String> fields = Xml.flatFields(xml);
        int status = response.code();
        String code = fields.getOrDefault("Code", "");
        String ec = fields.getOrDefault("EC", response.header("x-oss-ec"));
        String requestId = fields.getOrDefault("RequestId", response.header("x-oss-request-id"));
        long next = ServerValues.lengthOrMinusOne(response.header("x-oss-next-append-position"));
        return new OssException(classify(status, code), status, text(code, redactor), text(fields.get("Message"),
                redactor), text(requestId, redactor), text(ec, redactor), text(fields.get("HostId"), redactor),
                next < 0 ? StoreException.NO_POSITION : next);
    }

    private static String text(String serverText, Redactor redactor) {
        return redactor.redact(ServerValues.printable(serverText, ServerValues.MAX_TEXT));
    }

    /** Classifies an error by its OSS code first, then by its HTTP status. */
    static ErrorKind classify(int status, String code) {
        switch (code) {
            case "PositionNotEqualToLength":
                return ErrorKind.POSITION_CONFLICT;
            case "ObjectNotAppendable":
            case "FileImmutable":
                return ErrorKind.NOT_APPENDABLE;
            case "RequestTimeTooSkewed":
                return ErrorKind.CLOCK_SKEW;
            case "SecurityTokenExpired":
            case "InvalidSecurityToken":
                return ErrorKind.CREDENTIALS;
            case "SlowDown":
            case "ServiceUnavailable":
            case "TooManyRequests":
                return ErrorKind.THROTTLED;
            case "InternalError":
            case "RequestTimeout":
                return ErrorKind.RETRYABLE;
            default:
                break;
        }
        if (status == 429 || status == 503) {
            return ErrorKind.THROTTLED;
        }
        if (status >= 500 || status == 408) {
            return ErrorKind.RETRYABLE;
        }
        if (status == 401 || status == 403 || status == 404 || status >= 300 && status < 400) {
            return ErrorKind.CONFIGURATION;
        }
        if (status == 409) {
            return ErrorKind.POSITION_CONFLICT;
        }
        return ErrorKind.BAD_REQUEST;
    }
}
