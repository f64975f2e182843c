package io.github.osslog.core.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.sign.SignatureVersion;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Endpoints, names and settings are checked when the config is built, with messages naming the fix. */
class OssClientConfigTest {

    private static OssClientConfig.Builder valid() {
        return OssClientConfig.builder()
                .endpoint("oss-cn-hangzhou.aliyuncs.com")
                .bucket("my-logs")
                .credentials(StaticCredentialsProvider.of("AKIDEXAMPLE1234", "very-secret"));
    }

    private static String failure(OssClientConfig.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @ParameterizedTest
    @CsvSource({
        "oss-cn-hangzhou.aliyuncs.com, https, oss-cn-hangzhou.aliyuncs.com, -1, cn-hangzhou, VIRTUAL_HOSTED",
        "https://oss-cn-hangzhou.aliyuncs.com, https, oss-cn-hangzhou.aliyuncs.com, -1, cn-hangzhou, VIRTUAL_HOSTED",
        "https://oss-cn-hangzhou.aliyuncs.com/, https, oss-cn-hangzhou.aliyuncs.com, -1, cn-hangzhou, VIRTUAL_HOSTED",
        "oss-ap-southeast-1-internal.aliyuncs.com, https, oss-ap-southeast-1-internal.aliyuncs.com, -1, ap-southeast-1, VIRTUAL_HOSTED",
        "http://127.0.0.1:9000, http, 127.0.0.1, 9000, , PATH",
        "http://localhost:9000, http, localhost, 9000, , PATH",
        "http://[::1]:9000, http, [::1], 9000, , PATH",
        "logs.example.com, https, logs.example.com, -1, , CNAME",
        "HTTPS://OSS-CN-SHANGHAI.ALIYUNCS.COM:443, https, oss-cn-shanghai.aliyuncs.com, 443, cn-shanghai, VIRTUAL_HOSTED",
        "oss-accelerate.aliyuncs.com, https, oss-accelerate.aliyuncs.com, -1, , VIRTUAL_HOSTED",
    })
    void endpointsParse(String text, String scheme, String host, int port, String region, UrlStyle style) {
        OssEndpoint endpoint = OssEndpoint.parse(text);
        assertEquals(scheme, endpoint.scheme());
        assertEquals(host, endpoint.host());
        assertEquals(port, endpoint.port());
        assertEquals(region, endpoint.derivedRegion());
        assertEquals(style, endpoint.resolve(UrlStyle.AUTO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://oss-cn-hangzhou.aliyuncs.com", "http://", "https://host/path",
        "https://host?x=1", "https://user@host", "oss cn.aliyuncs.com", "http://bad_host:9000", "://x"})
    void malformedEndpointsAreRejectedWithTheExpectedForms(String endpoint) {
        String message = failure(valid().endpoint(endpoint));
        assertTrue(message.startsWith("endpoint '" + endpoint.trim() + "' is malformed"), message);
        assertTrue(message.contains("oss-cn-hangzhou.aliyuncs.com"), message);
    }

    @Test
    void missingSettingsNameTheSetting() {
        assertTrue(failure(valid().endpoint(null)).startsWith("endpoint is missing"));
        assertTrue(failure(valid().bucket(null)).startsWith("bucket is missing"));
        assertTrue(failure(OssClientConfig.builder().endpoint("oss-cn-hangzhou.aliyuncs.com").bucket("my-logs"))
                .startsWith("credentials are missing"));
    }

    @Test
    void regionIsDerivedOrRequiredForV4() {
        assertEquals("cn-hangzhou", valid().build().region());
        assertEquals("eu-central-1", valid().region("eu-central-1").build().region());
        String message = failure(valid().endpoint("http://127.0.0.1:9000"));
        assertTrue(message.startsWith("region is missing"), message);
        assertTrue(message.contains("set region (e.g. cn-hangzhou)"), message);
        assertNull(valid().endpoint("http://127.0.0.1:9000").signatureVersion(SignatureVersion.V1).build().region());
        assertTrue(failure(valid().region("oss-cn-hangzhou")).contains("rather than oss-cn-hangzhou"));
        assertTrue(failure(valid().region("cn hangzhou")).contains("is malformed"));
    }

    @Test
    void urlStyleCanBeForced() {
        assertEquals(UrlStyle.PATH, valid().urlStyle(UrlStyle.PATH).build().urlStyle());
        assertEquals(UrlStyle.VIRTUAL_HOSTED,
                valid().endpoint("http://localhost:9000").region("cn-hangzhou").urlStyle(UrlStyle.VIRTUAL_HOSTED)
                        .build().urlStyle());
        assertEquals(UrlStyle.VIRTUAL_HOSTED,
                valid().endpoint("logs.example.com").region("cn-hangzhou").urlStyle(UrlStyle.VIRTUAL_HOSTED)
                        .build().urlStyle());
        assertTrue(failure(valid().endpoint("http://127.0.0.1:9000").region("cn-hangzhou")
                .urlStyle(UrlStyle.VIRTUAL_HOSTED)).contains("use PATH"));
    }

    @Test
    void urlsPutTheBucketWhereTheStyleSays() {
        OssEndpoint dns = OssEndpoint.parse("oss-cn-hangzhou.aliyuncs.com");
        assertEquals("https://my-logs.oss-cn-hangzhou.aliyuncs.com/a/b.log?append&position=0",
                dns.url(UrlStyle.VIRTUAL_HOSTED, "my-logs", "a/b.log", "append&position=0").toString());
        assertEquals("http://127.0.0.1:9000/my-logs/a/b.log",
                OssEndpoint.parse("http://127.0.0.1:9000").url(UrlStyle.PATH, "my-logs", "a/b.log", null).toString());
        assertEquals("https://logs.example.com/a/b.log",
                OssEndpoint.parse("logs.example.com").url(UrlStyle.CNAME, "my-logs", "a/b.log", "").toString());
    }

    @Test
    void timeoutsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().callTimeout(java.time.Duration.ZERO));
        assertTrue(e.getMessage().startsWith("callTimeout must be positive"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "-logs", "logs-", "Logs", "my_logs", "my.logs",
        "a234567890123456789012345678901234567890123456789012345678901234"})
    void invalidBucketNamesAreRejectedWithTheRule(String bucket) {
        String message = failure(valid().bucket(bucket));
        assertTrue(message.startsWith("bucket '" + bucket + "'"), message);
        assertTrue(message.contains("3 to 63 lower-case letters, digits or hyphens"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-logs-2026", "a23456789012345678901234567890123456789012345678901234567890123"})
    void validBucketNamesPass(String bucket) {
        assertEquals(bucket, valid().bucket(bucket).build().bucket());
    }

    @Test
    void invalidKeysAreRejectedWithTheRule() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OssNames.checkKey("")).getMessage()
                .contains("1 to 1023 bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OssNames.checkKey("/a")).getMessage()
                .contains("must not start with '/' or '\\'"));
        assertThrows(IllegalArgumentException.class, () -> OssNames.checkKey("\\a"));
        assertThrows(IllegalArgumentException.class, () -> OssNames.checkKey("a/../b"));
        assertThrows(IllegalArgumentException.class, () -> OssNames.checkKey("a\uD800b"));
        char[] longKey = new char[342];
        Arrays.fill(longKey, '日');
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OssNames.checkKey(new String(longKey)))
                .getMessage().contains("1026 bytes"));
        assertEquals("日志/app 1+~=%.log", OssNames.checkKey("日志/app 1+~=%.log"));
        char[] maxKey = new char[1023];
        Arrays.fill(maxKey, 'k');
        assertEquals(1023, OssNames.checkKey(new String(maxKey)).length());
    }

    @Test
    void toStringShowsNoSecret() {
        OssClientConfig config = valid().build();
        assertFalse(config.toString().contains("very-secret"));
        assertFalse(config.toString().contains("AKIDEXAMPLE1234"));
        assertFalse(Credentials.of("AKIDEXAMPLE1234", "very-secret", "tok", null).toString().contains("tok,"));
    }
}
