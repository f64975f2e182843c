package io.github.osslog.core.oss;

/** How the bucket is put into request URLs. */
public enum UrlStyle {
    /**
     * Path style for IP-literal and {@code localhost} endpoints, virtual-hosted style for Alibaba Cloud domains
     * ({@code *.aliyuncs.com}, {@code *.aliyun-inc.com}, {@code *.aliyun.com}), and {@link #CNAME} for any other
     * domain, which is taken to be a custom domain bound to the bucket.
     */
    AUTO,
    /** {@code https://<bucket>.<endpoint-host>/<key>}: what real OSS requires. */
    VIRTUAL_HOSTED,
    /** {@code http://<endpoint-host>:<port>/<bucket>/<key>}: for local OSS-compatible servers. */
    PATH,
    /** {@code https://<custom-domain>/<key>}: a custom domain already bound to the bucket. */
    CNAME
}
