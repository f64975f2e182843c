package io.github.osslog.core.internal.sign;

import io.github.osslog.core.sign.SignatureVersion;
import io.github.osslog.core.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Legacy OSS Signature V1 (HMAC-SHA1 over the canonical string). Immutable and thread-safe. The static functions are
 * the pure steps, shared by the client and by servers that verify signatures.
 */
public final class V1Signer implements RequestSigner {
    // Two-digit day: RFC_1123_DATE_TIME would print "Wed, 3 Dec ...", which OSS and the SDK do not send.
    private static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** Query parameters OSS treats as sub-resources, i.e. signs in V1 (the official Java SDK's list). */
    private static final Set<String> SUB_RESOURCES = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append",
            "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position",
            "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires", "img", "style", "styleName",
            "replication", "replicationProgress", "replicationLocation", "cname", "bucketInfo", "comp", "qos", "live",
            "status", "vod", "startTime", "endTime", "x-oss-process", "processConfiguration", "symlink", "stat",
            "udf", "udfName", "udfImage", "udfImageDesc", "udfApplication", "udfApplicationLog", "restore",
            "versions", "versioning", "versionId", "encryption", "policy", "requestPayment", "x-oss-traffic-limit",
            "qosInfo", "asyncFetch", "sequential", "x-oss-request-payer", "vpcip", "vip", "inventory", "inventoryId",
            "continuation-token", "worm", "wormId", "wormExtend", "callback", "callback-var", "x-oss-dir",
            "x-oss-rename", "x-oss-delete", "transferAcceleration", "x-oss-ac-source-ip", "x-oss-ac-subnet-mask",
            "x-oss-ac-vpc-id", "x-oss-ac-forward-allow", "metaQuery", "resourceGroup", "regionList",
            "x-oss-async-process", "x-oss-write-get-object-response", "bucketArchiveDirectRead", "httpsConfig",
            "publicAccessBlock", "policyStatus", "redundancyTransition", "x-oss-target-redundancy-type",
            "x-oss-redundancy-transition-taskid", "accessPoint", "accessPointPolicy", "seal")));

    @Override
    public SignatureVersion version() {
        return SignatureVersion.V1;
    }

    @Override
    public void sign(SignableRequest request, Credentials credentials, Instant now) {
        request.header("date", DATE_FORMAT.format(now));
        if (credentials.securityToken() != null) {
            request.header(V4Signer.X_OSS_SECURITY_TOKEN, credentials.securityToken());
        }
        String signature = signature(credentials.accessKeySecret(), stringToSign(request));
        request.header("authorization", "OSS " + credentials.accessKeyId() + ':' + signature);
    }

    /**
     * {@code VERB\nContent-MD5\nContent-Type\nDate\n}, then {@code name:value\n} for each {@code x-oss-*} header
     * sorted by name, then the canonical resource {@code /<bucket>/<raw key>[?sub-resources]}, where each
     * sub-resource is {@code k} when its value is {@code null} and {@code k=v} otherwise (also for an empty value).
     */
    public static String stringToSign(SignableRequest r) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(r.method()).append('\n');
        sb.append(valueOrEmpty(r, CanonicalHeaders.CONTENT_MD5)).append('\n');
        sb.append(valueOrEmpty(r, CanonicalHeaders.CONTENT_TYPE)).append('\n');
        sb.append(valueOrEmpty(r, "date")).append('\n');
        CanonicalHeaders.append(sb, r.headers(), Collections.<String>emptySet(), true);
        sb.append(V4Signer.canonicalPath(r));
        char separator = '?';
        for (Map.Entry<String, String> q : r.query().entrySet()) {
            if (SUB_RESOURCES.contains(q.getKey())) {
                sb.append(separator).append(q.getKey());
                // the SDK (and so OSS) signs "k=" for an empty value and bare "k" only for a value-less parameter
                if (q.getValue() != null) {
                    sb.append('=').append(q.getValue());
                }
                separator = '&';
            }
        }
        return sb.toString();
    }

    /** Base64 HMAC-SHA1 of {@code stringToSign} under {@code secret}. */
    public static String signature(String secret, String stringToSign) {
        byte[] mac = Digests.hmacSha1(secret.getBytes(StandardCharsets.UTF_8), stringToSign);
        return Base64.getEncoder().encodeToString(mac);
    }

    private static String valueOrEmpty(SignableRequest r, String name) {
        String value = r.header(name);
        return value == null ? "" : value.trim();
    }

    @Override
    public String toString() {
        return "V1Signer";
    }
}
