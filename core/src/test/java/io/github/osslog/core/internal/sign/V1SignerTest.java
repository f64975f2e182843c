package io.github.osslog.core.internal.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.Credentials;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class V1SignerTest {
    private static final String VECTOR_DATE = "Wed, 28 Dec 2022 10:27:41 GMT";

    @Test
    void officialVector() {
        SignableRequest r = new SignableRequest("PUT", "examplebucket", "nelson")
                .header("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw==")
                .header("Content-Type", "text/html")
                .header("Date", VECTOR_DATE)
                .header("x-oss-date", VECTOR_DATE)
                .header("x-oss-meta-magic", "abracadabra")
                .header("X-OSS-Meta-Author", "alice")
                .header("Host", "examplebucket.oss-cn-hangzhou.aliyuncs.com");
        String stringToSign = V1Signer.stringToSign(r);
        assertEquals("PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\n" + VECTOR_DATE + "\nx-oss-date:" + VECTOR_DATE
                + "\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson", stringToSign);
        assertEquals("kSHKmLxlyEAKtZPkJhG9bZb5k7M=", V1Signer.signature("sk", stringToSign));
    }

    @Test
    void signAddsATwoDigitDayRfc1123DateAndTheAuthorization() {
        SignableRequest r = new SignableRequest("POST", "examplebucket", "logs/app.log")
                .query("append", null).query("position", "0");
        new V1Signer().sign(r, Credentials.of("ak", "sk"), Instant.parse("2022-12-07T09:05:03Z"));
        assertEquals("Wed, 07 Dec 2022 09:05:03 GMT", r.header("date"));
        assertNull(r.header("x-oss-date"));
        assertNull(r.header("x-oss-security-token"));
        String stringToSign = V1Signer.stringToSign(r);
        assertEquals("POST\n\n\nWed, 07 Dec 2022 09:05:03 GMT\n/examplebucket/logs/app.log?append&position=0",
                stringToSign);
        assertEquals("OSS ak:" + V1Signer.signature("sk", stringToSign), r.header("Authorization"));
    }

    @Test
    void onlySubResourcesEnterTheCanonicalResource() {
        SignableRequest r = new SignableRequest("GET", "b", "")
                .query("list-type", "2").query("prefix", "logs/").query("max-keys", "100")
                .query("continuation-token", "tok").query("acl", null);
        assertTrue(V1Signer.stringToSign(r).endsWith("\n/b/?acl&continuation-token=tok"), V1Signer.stringToSign(r));
        r.query("acl", "");
        assertTrue(V1Signer.stringToSign(r).endsWith("\n/b/?acl=&continuation-token=tok"), V1Signer.stringToSign(r));

        SignableRequest get = new SignableRequest("GET", "b", "k")
                .query("response-content-type", "text/plain").query("versionId", "v1").query("foo", "bar");
        assertTrue(V1Signer.stringToSign(get).endsWith("\n/b/k?response-content-type=text/plain&versionId=v1"));
    }

    @Test
    void canonicalResourceUsesTheRawKey() {
        SignableRequest r = new SignableRequest("GET", "b", "日志/a b+c~d=e%f.log");
        assertTrue(V1Signer.stringToSign(r).endsWith("\n/b/日志/a b+c~d=e%f.log"));
        assertTrue(V1Signer.stringToSign(new SignableRequest("GET", "", "")).endsWith("\n/"));
    }

    @Test
    void securityTokenIsSentAndSigned() {
        SignableRequest r = new SignableRequest("POST", "b", "k").query("append", null).query("position", "7");
        new V1Signer().sign(r, Credentials.of("ak", "sk", "sts-token", null), Instant.parse("2022-12-28T10:27:41Z"));
        assertEquals("sts-token", r.header("x-oss-security-token"));
        assertEquals("POST\n\n\n" + VECTOR_DATE + "\nx-oss-security-token:sts-token\n/b/k?append&position=7",
                V1Signer.stringToSign(r));
    }
}
