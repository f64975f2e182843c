package io.github.osslog.testkit;

import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.oss.ObjectListing;
import io.github.osslog.core.oss.ObjectSummary;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.oss.OssException;
import io.github.osslog.core.sign.SignatureVersion;
import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.ObjectType;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oracle cases of {@link SdkOracleTest}, run through osslog's own {@link OssClient}. */
class OsslogClientOracleTest {
    private static final String BUCKET = "oracle";
    private static final List<String> AWKWARD_KEYS = Arrays.asList(
            "dir/with space.log", "unicode/日志-ünï.log", "plus+sign.log", "tilde~name.log", "eq=ual&amp.log");

    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b
            .credentials("AK", "SK")
            .stsCredentials("STS.AK", "STS-SK", "sts-token-1")
            .bucket(BUCKET));

    private OssClient client(SignatureVersion version, StaticCredentialsProvider credentials) {
        return OssClient.create(OssClientConfig.builder()
                .endpoint(oss.server().endpoint())
                .bucket(BUCKET)
                .region(oss.server().region())
                .credentials(credentials)
                .signatureVersion(version)
                .build());
    }

    private OssClient client(SignatureVersion version) {
        return client(version, StaticCredentialsProvider.of("AK", "SK"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void appendTwiceThenHeadAndGet(SignatureVersion version) throws IOException {
        try (OssClient client = client(version)) {
            Map<String, String> creation = new LinkedHashMap<>();
            creation.put("Content-Type", "text/plain");
            creation.put("x-oss-meta-author", "alice");
            byte[] first = utf8("first line\n");
            byte[] second = utf8("second line\n");
            AppendResult one = client.append("app.log", 0, first, 0, first.length, creation);
            AppendResult two = client.append("app.log", one.nextPosition(), second, 0, second.length,
                    Collections.emptyMap());

            byte[] whole = utf8("first line\nsecond line\n");
            assertEquals(whole.length, two.nextPosition());
            assertTrue(two.hasCrc64());
            assertEquals(Crc64.update(one.crc64(), second, 0, second.length), two.crc64());
            assertEquals(Crc64.compute(whole, 0, whole.length), two.crc64());

            ObjectInfo head = client.head("app.log");
            assertEquals(ObjectType.APPENDABLE, head.type());
            assertEquals(whole.length, head.length());
            assertEquals(whole.length, head.nextAppendPosition());
            assertEquals(two.crc64(), head.crc64());
            assertEquals("text/plain", head.contentType());
            assertEquals("alice", head.userMetadata().get("author"));

            assertArrayEquals(whole, client.get("app.log"));
            assertArrayEquals(utf8("line"), client.get("app.log", 6, 9));
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void putThenAppendIsObjectNotAppendable(SignatureVersion version) throws IOException {
        try (OssClient client = client(version)) {
            client.put("normal.txt", utf8("normal"), Collections.emptyMap());

            OssException e = assertThrows(OssException.class, () -> client.append("normal.txt", 6, utf8("more")));

            assertEquals("ObjectNotAppendable", e.code());
            assertEquals(ErrorKind.NOT_APPENDABLE, e.kind());
            assertEquals(ObjectType.NORMAL, client.head("normal.txt").type());
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void wrongPositionIsPositionNotEqualToLength(SignatureVersion version) throws IOException {
        try (OssClient client = client(version)) {
            client.append("position.log", 0, utf8("abc"));

            OssException e = assertThrows(OssException.class, () -> client.append("position.log", 1, utf8("x")));

            assertEquals("PositionNotEqualToLength", e.code());
            assertEquals(ErrorKind.POSITION_CONFLICT, e.kind());
            assertEquals(3, e.nextAppendPosition());
            assertEquals("0026-00000016", e.ec());
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void wrongSecretIsSignatureDoesNotMatch(SignatureVersion version) throws IOException {
        try (OssClient client = client(version, StaticCredentialsProvider.of("AK", "wrong"))) {
            OssException e = assertThrows(OssException.class, () -> client.append("denied.log", 0, utf8("x")));

            assertEquals("SignatureDoesNotMatch", e.code());
            assertEquals(ErrorKind.CONFIGURATION, e.kind());
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void stsCredentials(SignatureVersion version) throws IOException {
        try (OssClient sts = client(version, StaticCredentialsProvider.of("STS.AK", "STS-SK", "sts-token-1"));
             OssClient wrong = client(version, StaticCredentialsProvider.of("STS.AK", "STS-SK", "sts-token-2"))) {
            assertEquals(7, sts.append("sts.log", 0, utf8("via sts")).nextPosition());

            OssException e = assertThrows(OssException.class, () -> wrong.append("sts.log", 7, utf8("x")));

            assertEquals("InvalidSecurityToken", e.code());
            assertEquals(ErrorKind.CREDENTIALS, e.kind());
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void awkwardKeysRoundTrip(SignatureVersion version) throws IOException {
        try (OssClient client = client(version)) {
            for (String key : AWKWARD_KEYS) {
                byte[] data = utf8("content of " + key);
                assertEquals(data.length, client.append(key, 0, data).nextPosition(), key);
                assertArrayEquals(data, client.get(key), key);
                assertArrayEquals(data, oss.server().content(BUCKET, key).get(), key);
            }
            ObjectListing listing = client.list(null, null, null, 100);
            for (String key : AWKWARD_KEYS) {
                assertTrue(listing.objects().stream().map(ObjectSummary::key).anyMatch(key::equals), key);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void deleteThenHeadIsNull(SignatureVersion version) throws IOException {
        try (OssClient client = client(version)) {
            client.append("gone.log", 0, utf8("x"));

            client.delete("gone.log");

            assertNull(client.head("gone.log"));
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void clientAdoptsTheServerClockAfterRequestTimeTooSkewed(SignatureVersion version) throws IOException {
        oss.server().clockOffset(Duration.ofMinutes(30));
        try (OssClient client = client(version)) {
            assertEquals(1, client.append("skew.log", 0, utf8("x")).nextPosition());

            assertEquals("RequestTimeTooSkewed", oss.server().journal().entries().get(0).errorCode());
            assertTrue(client.clockOffsetMillis() > Duration.ofMinutes(29).toMillis());
        }
    }
}
