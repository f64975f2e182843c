package io.github.osslog.testkit;

import io.github.osslog.core.internal.sign.SignableRequest;
import io.github.osslog.core.internal.sign.V1Signer;
import io.github.osslog.core.internal.sign.V4Signer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Verifies V4 ({@code OSS4-HMAC-SHA256}) and V1 ({@code OSS ak:sig}) Authorization headers as OSS does, by
 * signing what was received with core's signers and comparing. Thread-safe.
 */
final class Authenticator {
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter V4_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final String V4_PREFIX = "OSS4-HMAC-SHA256 ";

    private final CredentialRegistry credentials;
    private final String region;

    Authenticator(CredentialRegistry credentials, String region) {
        this.credentials = credentials;
        this.region = region;
    }

    /** Returns normally when the request is authentic; throws the OSS error otherwise. */
    void verify(OssRequest request, Instant now) {
        String authorization = request.http.header("authorization");
        if (authorization == null) {
            throw OssException.accessDenied("You have no right to access this object because of bucket acl.");
        }
        if (authorization.startsWith(V4_PREFIX)) {
            verifyV4(request, authorization.substring(V4_PREFIX.length()), now);
        } else if (authorization.startsWith("OSS ")) {
            verifyV1(request, authorization.substring(4), now);
        } else {
            throw invalidAuthorization();
        }
    }

    private void verifyV4(OssRequest request, String fields, Instant now) {
        String credential = null;
        String additional = "";
        String signature = null;
        for (String field : fields.split(",")) {
            String f = field.trim();
            if (f.startsWith("Credential=")) {
                credential = f.substring("Credential=".length());
            } else if (f.startsWith("AdditionalHeaders=")) {
                additional = f.substring("AdditionalHeaders=".length());
            } else if (f.startsWith("Signature=")) {
                signature = f.substring("Signature=".length());
            } else {
                throw invalidAuthorization();
            }
        }
        String[] scope = credential == null ? new String[0] : credential.split("/", -1);
        if (signature == null || scope.length != 5 || !scope[3].equals("oss")
                || !scope[4].equals("aliyun_v4_request")) {
            throw invalidAuthorization();
        }
        String accessKeyId = scope[0];
        CredentialRegistry.Entry key = knownKey(accessKeyId);
        String xOssDate = request.http.header("x-oss-date");
        if (xOssDate == null) {
            throw OssException.accessDenied("V4 signed requests must carry an x-oss-date header.");
        }
        Instant requestTime;
        try {
            requestTime = LocalDateTime.parse(xOssDate, V4_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw OssException.accessDenied("The x-oss-date header '" + xOssDate + "' is not yyyyMMdd'T'HHmmss'Z'.");
        }
        checkSkew(requestTime, now);
        if (!scope[1].equals(xOssDate.substring(0, 8))) {
            throw OssException.invalidArgument("Invalid signing date in Authorization header.", "0002-00000221",
                    "Credential", credential);
        }
        if (!scope[2].equals(region)) {
            throw OssException.invalidArgument("Invalid signing region in Authorization header: this server's "
                    + "region is " + region + ".", "0002-00000222", "Credential", credential);
        }
        checkToken(request, key);
        SortedSet<String> additionalHeaders = new TreeSet<>();
        for (String name : additional.split(";")) {
            if (!name.trim().isEmpty()) {
                additionalHeaders.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        String canonical = V4Signer.canonicalRequest(signable(request), additionalHeaders);
        String stringToSign = V4Signer.stringToSign(xOssDate, region, canonical);
        String expected = V4Signer.signature(key.secret, region, xOssDate, stringToSign);
        if (!constantTimeEquals(expected, signature)) {
            throw OssException.signatureDoesNotMatch("0002-00000201", accessKeyId, stringToSign)
                    .detail("CanonicalRequest", canonical)
                    .detail("SignatureProvided", signature);
        }
    }

    private void verifyV1(OssRequest request, String credential, Instant now) {
        int colon = credential.lastIndexOf(':');
        if (colon <= 0) {
            throw invalidAuthorization();
        }
        String accessKeyId = credential.substring(0, colon);
        String signature = credential.substring(colon + 1);
        CredentialRegistry.Entry key = knownKey(accessKeyId);
        String date = request.http.header("x-oss-date") != null ? request.http.header("x-oss-date")
                : request.http.header("date");
        if (date == null) {
            throw OssException.accessDenied("V1 signed requests must carry a Date header.");
        }
        Instant requestTime;
        try {
            requestTime = Instant.from(ServerClock.RFC_1123.parse(date));
        } catch (DateTimeParseException e) {
            throw OssException.accessDenied("The Date header '" + date + "' is not an RFC 1123 GMT date.");
        }
        checkSkew(requestTime, now);
        checkToken(request, key);
        String stringToSign = V1Signer.stringToSign(signable(request));
        String expected = V1Signer.signature(key.secret, stringToSign);
        if (!constantTimeEquals(expected, signature)) {
            throw OssException.signatureDoesNotMatch("0002-00000040", accessKeyId, stringToSign)
                    .detail("SignatureProvided", signature);
        }
    }

    private CredentialRegistry.Entry knownKey(String accessKeyId) {
        CredentialRegistry.Entry key = credentials.get(accessKeyId);
        if (key == null) {
            throw OssException.invalidAccessKeyId(accessKeyId);
        }
        return key;
    }

    private static void checkSkew(Instant requestTime, Instant now) {
        if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new OssException(403, "RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large.", "0002-00000504")
                    .detail("RequestTime", ServerClock.ISO_MILLIS.format(requestTime))
                    .detail("ServerTime", ServerClock.ISO_MILLIS.format(now))
                    .detail("MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW.toMillis()));
        }
    }

    private static void checkToken(OssRequest request, CredentialRegistry.Entry key) {
        String token = request.http.header("x-oss-security-token");
        if (key.securityToken == null && token == null) {
            return;
        }
        if (token == null || key.securityToken == null || !constantTimeEquals(key.securityToken, token)) {
            throw OssException.invalidSecurityToken();
        }
        if (key.tokenExpired) {
            throw OssException.securityTokenExpired();
        }
    }

    /** The request as received: decoded bucket and key, decoded query, every received header. */
    private static SignableRequest signable(OssRequest request) {
        SignableRequest signable = new SignableRequest(request.http.method(), request.bucket, request.key);
        for (Map.Entry<String, String> parameter : request.query.entrySet()) {
            signable.query(parameter.getKey(), parameter.getValue());
        }
        for (Map.Entry<String, String> header : request.http.headers().entrySet()) {
            signable.header(header.getKey(), header.getValue());
        }
        return signable;
    }

    private static OssException invalidAuthorization() {
        return OssException.invalidArgument("Authorization header is invalid.", "0002-00000012", "Authorization",
                "");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
