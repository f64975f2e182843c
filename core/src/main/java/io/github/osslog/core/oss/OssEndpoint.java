package io.github.osslog.core.oss;

import io.github.osslog.core.internal.sign.UriEncoding;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * A parsed OSS endpoint: scheme, host and port, plus the facts derived from them (region, URL style). Immutable
 * and thread-safe.
 */
public final class OssEndpoint {
    private static final Pattern STANDARD_HOST =
            Pattern.compile("oss-([a-z0-9-]+?)(-internal)?\\.aliyuncs\\.com");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String[] ALIBABA_DOMAINS = {".aliyuncs.com", ".aliyun-inc.com", ".aliyun.com"};

    private final String scheme;
    private final String host;
    private final int port;

    private OssEndpoint(String scheme, String host, int port) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
    }

    /**
     * Parses {@code oss-cn-hangzhou.aliyuncs.com}, {@code https://oss-cn-hangzhou.aliyuncs.com},
     * {@code http://127.0.0.1:9000} or a custom domain. Without a scheme, HTTPS is used.
     *
     * @throws IllegalArgumentException naming the endpoint and the expected forms
     */
    public static OssEndpoint parse(String endpoint) {
        if (endpoint == null || endpoint.trim().isEmpty()) {
            throw new IllegalArgumentException("endpoint is missing: set endpoint to your region's OSS endpoint,"
                    + " e.g. oss-cn-hangzhou.aliyuncs.com, or to http://127.0.0.1:9000 for a local server");
        }
        String text = endpoint.trim();
        String withScheme = text.contains("://") ? text : "https://" + text;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw malformed(text, e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw malformed(text, "the scheme must be http or https");
        }
        if (uri.getHost() == null) {
            throw malformed(text, "no valid host name");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw malformed(text, "an endpoint is only a scheme, a host and a port, without a path or query");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return new OssEndpoint(scheme, host, uri.getPort());
    }

    private static IllegalArgumentException malformed(String endpoint, String reason) {
        return new IllegalArgumentException("endpoint '" + endpoint + "' is malformed (" + reason + "): use a host"
                + " such as oss-cn-hangzhou.aliyuncs.com or a URL such as https://oss-cn-hangzhou.aliyuncs.com"
                + " or http://127.0.0.1:9000");
    }

    public String scheme() {
        return scheme;
    }

    /** The host, lower-case; IPv6 literals keep their brackets. */
    public String host() {
        return host;
    }

    /** The explicit port, or -1 for the scheme's default. */
    public int port() {
        return port;
    }

    /** The region of a standard {@code oss-<region>[-internal].aliyuncs.com} endpoint, or {@code null}. */
    public String derivedRegion() {
        Matcher m = STANDARD_HOST.matcher(host);
        if (!m.matches() || m.group(1).startsWith("accelerate")) {
            return null;
        }
        return m.group(1);
    }

    /** True for IP literals and {@code localhost}, which cannot carry a bucket sub-domain. */
    public boolean isLocal() {
        return host.equals("localhost") || host.startsWith("[") || IPV4.matcher(host).matches();
    }

    /**
     * True for {@code localhost}, 127.0.0.0/8 and {@code ::1}: the only hosts where plain HTTP keeps logs and
     * credentials on the machine. Decided from the text alone, without resolving a name.
     */
    public boolean isLoopback() {
        if (host.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(host).matches()) {
            return host.startsWith("127.");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                // an IPv6 literal: parsed, never looked up
                return InetAddress.getByName(host.substring(1, host.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException notALiteral) {
                return false;
            }
        }
        return false;
    }

    /** Resolves {@link UrlStyle#AUTO} for this endpoint; other styles are returned as they are. */
    public UrlStyle resolve(UrlStyle style) {
        if (style != UrlStyle.AUTO) {
            return style;
        }
        if (isLocal()) {
            return UrlStyle.PATH;
        }
        for (String domain : ALIBABA_DOMAINS) {
            if (host.endsWith(domain)) {
                return UrlStyle.VIRTUAL_HOSTED;
            }
        }
        return UrlStyle.CNAME;
    }

    /**
     * The URL of {@code key} (empty for bucket-level requests) in {@code bucket}.
     *
     * @param style a resolved style (not AUTO)
     * @param encodedQuery the already encoded query without {@code ?}, or {@code null}
     */
    HttpUrl url(UrlStyle style, String bucket, String key, String encodedQuery) {
        StringBuilder url = new StringBuilder(128).append(scheme).append("://");
        if (style == UrlStyle.VIRTUAL_HOSTED) {
            url.append(bucket).append('.');
        }
        url.append(host);
        if (port != -1) {
            url.append(':').append(port);
        }
        url.append('/');
        if (style == UrlStyle.PATH) {
            url.append(bucket).append('/');
        }
        url.append(UriEncoding.encode(key, true));
        if (encodedQuery != null && !encodedQuery.isEmpty()) {
            url.append('?').append(encodedQuery);
        }
        return HttpUrl.get(url.toString());
    }

    @Override
    public String toString() {
        return scheme + "://" + host + (port == -1 ? "" : ":" + port);
    }
}
