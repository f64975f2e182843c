package io.github.osslog.core.internal.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.Credentials;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class V4SignerTest {
    private static final Instant VECTOR_TIME = Instant.parse("2023-12-16T16:20:57Z");
    private static final SortedSet<String> NONE = Collections.unmodifiableSortedSet(new TreeSet<>());

    /** The request of the official GOV2 SDK V4 test vector. */
    private static SignableRequest vectorRequest() {
        return new SignableRequest("PUT", "bucket", "1234+-/123/1.txt")
                .header("x-oss-head1", "value")
                .header("Content-Type", "text/plain")
                .header("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
                .query("+param1", "value3")
                .query("|param1", "value4")
                .query("param1", "value1")
                .query("+param2", null)
                .query("|param2", null)
                .query("param2", null);
    }

    @Test
    void officialVectorThroughThePureFunctions() {
        SignableRequest r = vectorRequest().header("x-oss-date", "20231216T162057Z");
        String canonical = V4Signer.canonicalRequest(r, NONE);
        assertEquals("PUT\n/bucket/1234%2B-/123/1.txt\n"
                + "%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n"
                + "content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\n"
                + "x-oss-date:20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD", canonical);
        String sts = V4Signer.stringToSign("20231216T162057Z", "cn-hangzhou", canonical);
        assertTrue(sts.startsWith("OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/aliyun_v4_request\n"));
        assertEquals("e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe",
                V4Signer.signature("sk", "cn-hangzhou", "20231216T162057Z", sts));
    }

    @Test
    void officialVectorThroughSign() {
        SignableRequest r = vectorRequest();
        new V4Signer("cn-hangzhou").sign(r, Credentials.of("ak", "sk"), VECTOR_TIME);
        assertEquals("20231216T162057Z", r.header("x-oss-date"));
        assertEquals("UNSIGNED-PAYLOAD", r.header("X-OSS-Content-Sha256"));
        assertNull(r.header("x-oss-security-token"));
        assertEquals("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                + "Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe",
                r.header("Authorization"));
    }

    @Test
    void securityTokenIsSentAndSigned() {
        Credentials sts = Credentials.of("ak", "sk", "token-123", null);
        SignableRequest withToken = vectorRequest();
        new V4Signer("cn-hangzhou").sign(withToken, sts, VECTOR_TIME);
        assertEquals("token-123", withToken.header("x-oss-security-token"));
        assertTrue(V4Signer.canonicalRequest(withToken, NONE).contains("\nx-oss-security-token:token-123\n"));

        SignableRequest tampered = vectorRequest();
        new V4Signer("cn-hangzhou").sign(tampered, sts, VECTOR_TIME);
        tampered.header("x-oss-security-token", "token-456");
        assertFalse(signatureOf(withToken).equals(recompute(tampered, "sk", NONE)),
                "changing the token must change the signature");
        assertEquals(signatureOf(withToken), recompute(withToken, "sk", NONE));
    }

    @Test
    void additionalHeadersAreSignedAndListed() {
        V4Signer signer = new V4Signer("cn-hangzhou", Arrays.asList("Host", "x-oss-meta-a", "range"));
        SignableRequest r = new SignableRequest("POST", "examplebucket", "logs/app.log")
                .query("append", null).query("position", "0")
                .header("Host", "examplebucket.oss-cn-hangzhou.aliyuncs.com")
                .header("Content-Type", "application/octet-stream")
                .header("x-oss-meta-a", "1");
        signer.sign(r, Credentials.of("ak", "sk"), VECTOR_TIME);

        // range is absent and x-oss-meta-a is signed anyway, so only host is an additional header
        SortedSet<String> host = new TreeSet<>(Collections.singleton("host"));
        String canonical = V4Signer.canonicalRequest(r, host);
        assertEquals("POST\n/examplebucket/logs/app.log\nappend&position=0\n"
                + "content-type:application/octet-stream\n"
                + "host:examplebucket.oss-cn-hangzhou.aliyuncs.com\n"
                + "x-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\nx-oss-meta-a:1\n"
                + "\nhost\nUNSIGNED-PAYLOAD", canonical);
        String signature = recompute(r, "sk", host);
        assertEquals("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                + "AdditionalHeaders=host,Signature=" + signature, r.header("authorization"));
        assertFalse(signature.equals(recompute(r, "sk", NONE)));
    }

    @Test
    void canonicalUriAlwaysHoldsTheBucket() {
        assertEquals("/b/", uriLine(new SignableRequest("GET", "b", "")));
        assertEquals("/", uriLine(new SignableRequest("GET", "", "")));
        assertEquals("/b/a%20b/c%2Bd~e%3Df%25g", uriLine(new SignableRequest("GET", "b", "a b/c+d~e=f%g")));
        assertEquals("/b/%E6%97%A5%E5%BF%97/app.log", uriLine(new SignableRequest("GET", "b", "日志/app.log")));
        assertEquals("/b/x//y/z/", uriLine(new SignableRequest("GET", "b", "x//y/z/")));
    }

    @Test
    void queryValuesAreEncodedAndEmptyValuesAreBare() {
        SignableRequest r = new SignableRequest("GET", "b", "")
                .query("prefix", "logs/日 志").query("max-keys", "").query("list-type", "2");
        String queryLine = V4Signer.canonicalRequest(r, NONE).split("\n")[2];
        assertEquals("list-type=2&max-keys&prefix=logs%2F%E6%97%A5%20%E5%BF%97", queryLine);
    }

    @Test
    void headerValuesAreTrimmedAndUnsignedHeadersIgnored() {
        SignableRequest r = new SignableRequest("GET", "b", "k")
                .header("x-oss-meta-x", "  padded \t").header("Content-MD5", " md5== ").header("Range", "bytes=0-1");
        String canonical = V4Signer.canonicalRequest(r, NONE);
        assertTrue(canonical.contains("\ncontent-md5:md5==\nx-oss-meta-x:padded\n\n"), canonical);
        assertFalse(canonical.contains("range"));
    }

    @Test
    void rejectsBadRegionsWithAClearMessage() {
        IllegalArgumentException prefixed =
                assertThrows(IllegalArgumentException.class, () -> new V4Signer("oss-cn-hangzhou"));
        assertTrue(prefixed.getMessage().contains("'cn-hangzhou'"), prefixed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new V4Signer(" "));
        assertThrows(IllegalArgumentException.class, () -> new V4Signer(null));
        assertThrows(IllegalArgumentException.class,
                () -> V4Signer.stringToSign("2023-12-16", "cn-hangzhou", "x"));
    }

    @Test
    void nothingPrintsTheSecretOrToken() {
        String secret = "very-secret-SK";
        Credentials credentials = Credentials.of("LTAI5tExampleKey", secret, "sts-token-value", null);
        V4Signer signer = new V4Signer("cn-hangzhou");
        SignableRequest r = vectorRequest();
        signer.sign(r, credentials, VECTOR_TIME);
        new V1Signer().sign(r, credentials, VECTOR_TIME);
        for (String s : Arrays.asList(signer.toString(), new V1Signer().toString(), r.toString(),
                credentials.toString())) {
            assertFalse(s.contains(secret), s);
            assertFalse(s.contains("sts-token-value"), s);
        }
    }

    private static String uriLine(SignableRequest r) {
        return V4Signer.canonicalRequest(r, NONE).split("\n")[1];
    }

    private static String signatureOf(SignableRequest r) {
        String auth = r.header("authorization");
        return auth.substring(auth.indexOf("Signature=") + "Signature=".length());
    }

    private static String recompute(SignableRequest r, String secret, SortedSet<String> additional) {
        String date = r.header("x-oss-date");
        return V4Signer.signature(secret, "cn-hangzhou", date,
                V4Signer.stringToSign(date, "cn-hangzhou", V4Signer.canonicalRequest(r, additional)));
    }
}
