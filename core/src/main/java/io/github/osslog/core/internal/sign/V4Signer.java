package io.github.osslog.core.internal.sign;

import io.github.osslog.core.sign.SignatureVersion;
import io.github.osslog.core.auth.Credentials;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * OSS Signature V4 (OSS4-HMAC-SHA256). Immutable and thread-safe. The static functions are the pure steps of the
 * algorithm, shared by the client and by servers that verify signatures.
 */
public final class V4Signer implements RequestSigner {
    static final String ALGORITHM = "OSS4-HMAC-SHA256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String X_OSS_DATE = "x-oss-date";
    static final String X_OSS_CONTENT_SHA256 = "x-oss-content-sha256";
    static final String X_OSS_SECURITY_TOKEN = "x-oss-security-token";
    private static final DateTimeFormatter X_OSS_DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private final String region;
    private final SortedSet<String> additionalHeaders;

    /** A signer for {@code region}, the region id such as {@code cn-hangzhou} (not {@code oss-cn-hangzhou}). */
    public V4Signer(String region) {
        this(region, Collections.<String>emptySet());
    }

    /**
     * A signer that also signs the listed headers (e.g. {@code host}) whenever a request carries them; they are
     * named in the {@code AdditionalHeaders} part of the authorization.
     */
    public V4Signer(String region, Collection<String> additionalHeaders) {
        if (region == null || region.trim().isEmpty()) {
            throw new IllegalArgumentException("region is missing: set the OSS region id, e.g. 'cn-hangzhou'");
        }
        if (region.startsWith("oss-")) {
            throw new IllegalArgumentException("region '" + region + "' is invalid: use the region id without the"
                    + " 'oss-' prefix, e.g. '" + region.substring(4) + "'");
        }
        this.region = region;
        this.additionalHeaders = Collections.unmodifiableSortedSet(lowerCase(additionalHeaders));
    }

    @Override
    public SignatureVersion version() {
        return SignatureVersion.V4;
    }

    public String region() {
        return region;
    }

    @Override
    public void sign(SignableRequest request, Credentials credentials, Instant now) {
        String xOssDate = X_OSS_DATE_FORMAT.format(now);
        request.header(X_OSS_DATE, xOssDate);
        request.header(X_OSS_CONTENT_SHA256, UNSIGNED_PAYLOAD);
        if (credentials.securityToken() != null) {
            request.header(X_OSS_SECURITY_TOKEN, credentials.securityToken());
        }
        SortedSet<String> additional = new TreeSet<>();
        for (String name : additionalHeaders) {
            if (request.header(name) != null && !CanonicalHeaders.isDefaultSigned(name)) {
                additional.add(name);
            }
        }
        String stringToSign = stringToSign(xOssDate, region, canonicalRequest(request, additional));
        String signature = signature(credentials.accessKeySecret(), region, xOssDate, stringToSign);
        request.header("authorization",
                authorization(credentials.accessKeyId(), region, xOssDate, additional, signature));
    }

    /**
     * The canonical request: method, encoded {@code /<bucket>/<key>}, canonical query, canonical headers, the
     * additional header names and the payload hash, joined by {@code \n}.
     *
     * @param additionalHeaders lower-case names of signed headers beyond the default ones, as listed in the
     *     authorization's {@code AdditionalHeaders}
     */
    public static String canonicalRequest(SignableRequest r, SortedSet<String> additionalHeaders) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(r.method()).append('\n');
        sb.append(UriEncoding.encode(canonicalPath(r), true)).append('\n');
        appendCanonicalQuery(sb, r);
        sb.append('\n');
        CanonicalHeaders.append(sb, r.headers(), additionalHeaders, false);
        sb.append('\n');
        sb.append(String.join(";", additionalHeaders)).append('\n');
        String payloadHash = r.header(X_OSS_CONTENT_SHA256);
        sb.append(payloadHash == null ? UNSIGNED_PAYLOAD : payloadHash);
        return sb.toString();
    }

    /** {@code OSS4-HMAC-SHA256\n<x-oss-date>\n<scope>\n<hex sha256 of the canonical request>}. */
    public static String stringToSign(String xOssDate, String region, String canonicalRequest) {
        return ALGORITHM + '\n' + xOssDate + '\n' + scope(xOssDate, region) + '\n'
                + Digests.sha256Hex(canonicalRequest);
    }

    /** Lower-hex HMAC-SHA256 of {@code stringToSign} under the (cached) signing key for the secret, date and region. */
    public static String signature(String secret, String region, String xOssDate, String stringToSign) {
        byte[] key = SigningKeyCache.signingKey(secret, day(xOssDate), region);
        return Digests.hex(Digests.hmacSha256(key, stringToSign));
    }

    /** The {@code Authorization} header value. */
    public static String authorization(String accessKeyId, String region, String xOssDate,
            SortedSet<String> additionalHeaders, String signature) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(ALGORITHM).append(" Credential=").append(accessKeyId).append('/').append(scope(xOssDate, region));
        if (!additionalHeaders.isEmpty()) {
            sb.append(",AdditionalHeaders=").append(String.join(";", additionalHeaders));
        }
        return sb.append(",Signature=").append(signature).toString();
    }

    static String canonicalPath(SignableRequest r) {
        return r.bucket().isEmpty() ? "/" : "/" + r.bucket() + "/" + r.key();
    }

    private static void appendCanonicalQuery(StringBuilder sb, SignableRequest r) {
        // sorted by the ENCODED name: '+' and '|' sort differently once they become %2B and %7C
        Map<String, String> encoded = new TreeMap<>();
        for (Map.Entry<String, String> q : r.query().entrySet()) {
            String value = q.getValue();
            encoded.put(UriEncoding.encode(q.getKey(), false),
                    value == null || value.isEmpty() ? null : UriEncoding.encode(value, false));
        }
        String separator = "";
        for (Map.Entry<String, String> q : encoded.entrySet()) {
            sb.append(separator).append(q.getKey());
            if (q.getValue() != null) {
                sb.append('=').append(q.getValue());
            }
            separator = "&";
        }
    }

    private static String scope(String xOssDate, String region) {
        return day(xOssDate) + '/' + region + "/oss/aliyun_v4_request";
    }

    private static String day(String xOssDate) {
        Objects.requireNonNull(xOssDate, "x-oss-date must not be null");
        if (xOssDate.length() != 16 || xOssDate.charAt(8) != 'T' || xOssDate.charAt(15) != 'Z') {
            throw new IllegalArgumentException(
                    "x-oss-date '" + xOssDate + "' is invalid: expected yyyyMMdd'T'HHmmss'Z', e.g. 20231216T162057Z");
        }
        return xOssDate.substring(0, 8);
    }

    private static SortedSet<String> lowerCase(Collection<String> names) {
        SortedSet<String> out = new TreeSet<>();
        for (String name : Objects.requireNonNull(names, "additionalHeaders must not be null")) {
            out.add(name.trim().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    @Override
    public String toString() {
        return "V4Signer{region=" + region + ", additionalHeaders=" + additionalHeaders + '}';
    }
}
