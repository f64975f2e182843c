package io.github.osslog.testkit;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import io.github.osslog.core.internal.crc.Crc64;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Alibaba Cloud SDK as an oracle: what it sends, the testkit must accept; what the testkit answers,
 * it must parse, and its CRC check verifies the testkit's CRC-64. Every case runs with V1 and V4 signatures.
 */
class SdkOracleTest {
    private static final String BUCKET = "oracle";
    private static final List<String> AWKWARD_KEYS = Arrays.asList(
            "dir/with space.log", "unicode/日志-ünï.log", "plus+sign.log", "tilde~name.log", "eq=ual&amp.log");

    @RegisterExtension
    static final OssTestServerExtension OSS = OssTestServerExtension.configure(b -> b
            .credentials("AK", "SK")
            .stsCredentials("STS.AK", "STS-SK", "sts-token-1")
            .bucket(BUCKET));

    enum Version { V1, V4 }

    private static OSS client(Version version, String accessKeyId, String secret, String token) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setCrcCheckEnabled(true);
        conf.setMaxErrorRetry(0);
        conf.setSignatureVersion(version == Version.V4 ? SignVersion.V4 : SignVersion.V1);
        DefaultCredentialProvider credentials = token == null
                ? new DefaultCredentialProvider(accessKeyId, secret)
                : new DefaultCredentialProvider(accessKeyId, secret, token);
        return OSSClientBuilder.create().endpoint(OSS.server().endpoint()).credentialsProvider(credentials)
                .clientConfiguration(conf).region(OSS.server().region()).build();
    }

    private static void with(Version version, Consumer<OSS> body) {
        OSS oss = client(version, "AK", "SK", null);
        try {
            body.accept(oss);
        } finally {
            oss.shutdown();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static AppendObjectResult append(OSS oss, String key, long position, byte[] data, Long initCrc,
            boolean knownLength) {
        ObjectMetadata meta = new ObjectMetadata();
        if (knownLength) {
            meta.setContentLength(data.length);
        }
        if (position == 0) {
            meta.setContentType("text/plain");
            meta.addUserMetadata("author", "alice");
        }
        AppendObjectRequest request = new AppendObjectRequest(BUCKET, key, new ByteArrayInputStream(data), meta);
        request.setPosition(position);
        request.setInitCRC(initCrc);
        return oss.appendObject(request);
    }

    private static byte[] read(OSSObject object) {
        try (InputStream in = object.getObjectContent()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void appendTwiceWithCrcCheckThenHeadAndGet(Version version) {
        with(version, oss -> {
            String key = version + "/app.log";
            AppendObjectResult first = append(oss, key, 0, utf8("first line\n"), 0L, true);
            // unknown length: the SDK streams the body with Transfer-Encoding: chunked
            AppendObjectResult second = append(oss, key, first.getNextPosition(), utf8("second line\n"),
                    first.getClientCRC(), false);

            byte[] whole = utf8("first line\nsecond line\n");
            assertEquals(whole.length, second.getNextPosition().longValue());
            assertEquals(Crc64.compute(whole, 0, whole.length), second.getServerCRC().longValue());
            assertEquals(second.getClientCRC(), second.getServerCRC());

            ObjectMetadata head = oss.getObjectMetadata(BUCKET, key);
            assertEquals("Appendable", head.getObjectType());
            assertEquals(whole.length, head.getContentLength());
            assertEquals("text/plain", head.getContentType());
            assertEquals("alice", head.getUserMetadata().get("author"));
            assertEquals(Long.toUnsignedString(Crc64.compute(whole, 0, whole.length)),
                    head.getServerCRC().toString());

            assertArrayEquals(whole, read(oss.getObject(BUCKET, key)));
            GetObjectRequest range = new GetObjectRequest(BUCKET, key);
            range.setRange(6, 9);
            assertArrayEquals(utf8("line"), read(oss.getObject(range)));
        });
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void putThenAppendIsObjectNotAppendable(Version version) {
        with(version, oss -> {
            String key = version + "/normal.txt";
            oss.putObject(BUCKET, key, new ByteArrayInputStream(utf8("normal")));

            OSSException e = assertThrows(OSSException.class,
                    () -> append(oss, key, 6, utf8("more"), null, true));

            assertEquals("ObjectNotAppendable", e.getErrorCode());
            assertEquals("Normal", oss.getObjectMetadata(BUCKET, key).getObjectType());
        });
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void wrongPositionIsPositionNotEqualToLength(Version version) {
        with(version, oss -> {
            String key = version + "/position.log";
            append(oss, key, 0, utf8("abc"), 0L, true);

            OSSException e = assertThrows(OSSException.class, () -> append(oss, key, 1, utf8("x"), null, true));

            assertEquals("PositionNotEqualToLength", e.getErrorCode());
            assertTrue(e.getRequestId().matches("[0-9A-F]{24}"), e.getRequestId());
        });
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void wrongSecretIsSignatureDoesNotMatch(Version version) {
        OSS oss = client(version, "AK", "wrong", null);
        try {
            OSSException e = assertThrows(OSSException.class,
                    () -> append(oss, version + "/denied.log", 0, utf8("x"), 0L, true));

            assertEquals("SignatureDoesNotMatch", e.getErrorCode());
            assertTrue(e.getErrorMessage().contains("signature"), e.getErrorMessage());
        } finally {
            oss.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void stsCredentialsAreAccepted(Version version) {
        OSS oss = client(version, "STS.AK", "STS-SK", "sts-token-1");
        OSS wrongToken = client(version, "STS.AK", "STS-SK", "sts-token-2");
        try {
            String key = version + "/sts.log";
            AppendObjectResult result = append(oss, key, 0, utf8("via sts"), 0L, true);
            assertEquals(7, result.getNextPosition().longValue());

            OSSException e = assertThrows(OSSException.class, () -> wrongToken.getObjectMetadata(BUCKET, key));
            assertEquals("InvalidSecurityToken", e.getErrorCode());
        } finally {
            oss.shutdown();
            wrongToken.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void awkwardKeysRoundTrip(Version version) {
        with(version, oss -> {
            for (String name : AWKWARD_KEYS) {
                String key = version + "/" + name;
                byte[] data = utf8("content of " + name);
                AppendObjectResult result = append(oss, key, 0, data, 0L, true);
                assertEquals(data.length, result.getNextPosition().longValue(), key);
                assertArrayEquals(data, read(oss.getObject(BUCKET, key)), key);
                assertArrayEquals(data, OSS.server().content(BUCKET, key).get(), key);
            }
            ListObjectsV2Result listing = oss.listObjectsV2(BUCKET, version + "/");
            for (String name : AWKWARD_KEYS) {
                assertTrue(listing.getObjectSummaries().stream().anyMatch(s -> s.getKey().equals(version + "/" + name)),
                        name);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void deleteThenHeadIsNotFound(Version version) {
        with(version, oss -> {
            String key = version + "/gone.log";
            append(oss, key, 0, utf8("x"), 0L, true);
            assertTrue(oss.doesObjectExist(BUCKET, key));

            oss.deleteObject(BUCKET, key);

            assertTrue(!oss.doesObjectExist(BUCKET, key));
            OSSException e = assertThrows(OSSException.class, () -> oss.getObjectMetadata(BUCKET, key));
            assertEquals("NoSuchKey", e.getErrorCode());
        });
    }
}
