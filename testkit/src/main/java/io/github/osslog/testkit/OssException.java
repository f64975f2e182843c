package io.github.osslog.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OSS error answer: status, code, message, EC, extra XML elements and headers. Thrown inside request handling
 * and turned into the XML error body (or the {@code x-oss-err} header for HEAD). Not thread-safe while being built.
 *
 * <p>EC values come from Alibaba Cloud's published error pages where one exists for the case; the others follow
 * the same numbering scheme and are marked "testkit" in {@code docs/testkit.md}.
 */
final class OssException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String ec;
    private final transient Map<String, String> details = new LinkedHashMap<>();
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    OssException(int status, String code, String message, String ec) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.ec = ec;
    }

    static OssException accessDenied(String message) {
        return new OssException(403, "AccessDenied", message, "0003-00000001");
    }

    static OssException invalidAccessKeyId(String accessKeyId) {
        return new OssException(403, "InvalidAccessKeyId",
                "The OSS Access Key Id you provided does not exist in our records.", "0002-00000902")
                .detail("OSSAccessKeyId", accessKeyId);
    }

    static OssException signatureDoesNotMatch(String ec, String accessKeyId, String stringToSign) {
        return new OssException(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. "
                        + "Check your key and signing method.", ec)
                .detail("OSSAccessKeyId", accessKeyId)
                .detail("StringToSign", stringToSign);
    }

    static OssException invalidSecurityToken() {
        return new OssException(403, "InvalidSecurityToken", "The security token you provided is invalid.",
                "0002-00000017");
    }

    static OssException securityTokenExpired() {
        return new OssException(403, "SecurityTokenExpired", "The security token you provided has expired.",
                "0002-00000018");
    }

    static OssException noSuchBucket(String bucket) {
        return new OssException(404, "NoSuchBucket", "The specified bucket does not exist.", "0015-00000101")
                .detail("BucketName", bucket);
    }

    static OssException noSuchKey(String key) {
        return new OssException(404, "NoSuchKey", "The specified key does not exist.", "0026-00000001")
                .detail("Key", key);
    }

    static OssException invalidArgument(String message, String ec, String name, String value) {
        OssException e = new OssException(400, "InvalidArgument", message, ec);
        return name == null ? e : e.detail("ArgumentName", name).detail("ArgumentValue", value);
    }

    static OssException invalidObjectName(String message) {
        return new OssException(400, "InvalidObjectName", message, "0016-00000005");
    }

    static OssException invalidBucketName(String bucket) {
        return new OssException(400, "InvalidBucketName", "The specified bucket is not valid.", "0015-00000001")
                .detail("BucketName", bucket);
    }

    static OssException missingContentLength() {
        return new OssException(411, "MissingContentLength", "You must provide the Content-Length HTTP header.",
                "0016-00000110");
    }

    static OssException entityTooLarge(String message) {
        return new OssException(400, "EntityTooLarge", message, "0026-00000024");
    }

    static OssException notImplemented(String message) {
        return new OssException(501, "NotImplemented", message, "0000-00000002");
    }

    static OssException methodNotAllowed(String method) {
        return new OssException(405, "MethodNotAllowed", "The specified method is not allowed against this resource.",
                "0000-00000003").detail("Method", method);
    }

    static OssException internalError(String message) {
        return new OssException(500, "InternalError", message, "0000-00000001");
    }

    /** Adds an element to the XML body after the standard ones. */
    OssException detail(String name, String value) {
        details.put(name, value);
        return this;
    }

    /** Adds a response header. */
    OssException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String ec() {
        return ec;
    }

    Map<String, String> details() {
        return details;
    }

    Map<String, String> headers() {
        return headers;
    }
}
