package io.github.osslog.core.internal.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyun.oss.HttpMethod;
import com.aliyun.oss.common.auth.DefaultCredentials;
import com.aliyun.oss.common.comm.RequestMessage;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.internal.signer.OSSSignerBase;
import com.aliyun.oss.internal.signer.OSSSignerParams;
import io.github.osslog.core.auth.Credentials;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Signs random requests with both the official Java SDK and our signers and expects identical headers. */
class OfficialSdkCrossCheckTest {
    private static final String[] KEY_PARTS = {"logs", "日志", "a b", "x+y", "t~", "e=f", "p%20", "app.log", "/"};
    private static final String[] QUERY_NAMES = {"append", "position", "prefix", "max-keys", "acl", "uploadId",
        "response-content-type", "continuation-token", "list-type", "versionId"};
    private static final DateTimeFormatter X_OSS_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Random random = new Random(42);

    @Test
    void v4MatchesTheSdk() {
        for (int i = 0; i < 50; i++) {
            Case c = randomCase(i % 3 == 0 ? "sts-token-" + i : null);
            RequestMessage sdk = c.sdkRequest();
            OSSSignerBase.createRequestSigner(SignVersion.V4, c.sdkParams()).sign(sdk);
            String xOssDate = sdk.getHeaders().get("x-oss-date");

            SignableRequest ours = c.ourRequest();
            new V4Signer("cn-hangzhou").sign(ours, c.credentials, Instant.from(X_OSS_DATE.parse(xOssDate)));
            assertEquals(sdk.getHeaders().get("Authorization"), ours.header("authorization"), c.toString());
            assertEquals(c.credentials.securityToken(), ours.header("x-oss-security-token"));
        }
    }

    @Test
    void v1MatchesTheSdk() {
        for (int i = 0; i < 50; i++) {
            Case c = randomCase(i % 3 == 0 ? "sts-token-" + i : null);
            RequestMessage sdk = c.sdkRequest();
            OSSSignerBase.createRequestSigner(SignVersion.V1, c.sdkParams()).sign(sdk);
            Instant date = Instant.from(RFC_1123.parse(sdk.getHeaders().get("Date")));

            SignableRequest ours = c.ourRequest();
            new V1Signer().sign(ours, c.credentials, date);
            assertEquals(sdk.getHeaders().get("Date"), ours.header("date"));
            assertEquals(sdk.getHeaders().get("Authorization"), ours.header("authorization"), c.toString());
        }
    }

    private Case randomCase(String token) {
        StringBuilder key = new StringBuilder();
        int parts = random.nextInt(4);
        for (int p = 0; p < parts; p++) {
            key.append(KEY_PARTS[random.nextInt(KEY_PARTS.length)]);
        }
        Case c = new Case(random.nextBoolean() ? "POST" : "GET", "bucket-" + random.nextInt(10), key.toString(),
                Credentials.of("ak" + random.nextInt(100), "sk" + random.nextInt(100), token, null));
        int params = random.nextInt(4);
        for (int p = 0; p < params; p++) {
            String name = QUERY_NAMES[random.nextInt(QUERY_NAMES.length)];
            int kind = random.nextInt(3);
            c.query.put(name, kind == 0 ? null : kind == 1 ? "" : "v " + random.nextInt(1000) + "/日");
        }
        c.headers.put("Content-Type", "application/octet-stream");
        if (random.nextBoolean()) {
            c.headers.put("x-oss-meta-host", "h" + random.nextInt(9));
        }
        if (random.nextBoolean()) {
            c.headers.put("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw==");
        }
        c.headers.put("Content-Length", "12");
        return c;
    }

    private static final class Case {
        final String method;
        final String bucket;
        final String key;
        final Credentials credentials;
        final Map<String, String> query = new TreeMap<>();
        final Map<String, String> headers = new TreeMap<>();

        Case(String method, String bucket, String key, Credentials credentials) {
            this.method = method;
            this.bucket = bucket;
            this.key = key;
            this.credentials = credentials;
        }

        RequestMessage sdkRequest() {
            RequestMessage m = new RequestMessage(bucket, key);
            m.setMethod(HttpMethod.valueOf(method));
            m.setHeaders(new TreeMap<>(headers));
            m.setParameters(new LinkedHashMap<>(query));
            return m;
        }

        OSSSignerParams sdkParams() {
            OSSSignerParams params = new OSSSignerParams("/" + bucket + "/" + key, credentials.securityToken() == null
                    ? new DefaultCredentials(credentials.accessKeyId(), credentials.accessKeySecret())
                    : new DefaultCredentials(credentials.accessKeyId(), credentials.accessKeySecret(),
                            credentials.securityToken()));
            params.setProduct("oss");
            params.setRegion("cn-hangzhou");
            return params;
        }

        SignableRequest ourRequest() {
            SignableRequest r = new SignableRequest(method, bucket, key);
            query.forEach(r::query);
            headers.forEach(r::header);
            return r;
        }

        @Override
        public String toString() {
            return method + " /" + bucket + "/" + key + " " + query + " " + headers.keySet();
        }
    }
}
