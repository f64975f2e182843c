package io.github.osslog.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.StaticCredentialsProvider;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The child-JVM testkit the timed benchmarks ship to: its JVM options, and reading back what landed. */
class LocalOssTest {

    @Test
    void childJvmTakesTheGivenOptionsAndReadsBackWhatLanded() throws Exception {
        // -showversion prints before the server listens: those lines must not be taken for the endpoint
        try (LocalOss oss = LocalOss.inChildJvm(" -showversion  -Xmx64m ");
             OssClient writer = OssClient.create(OssClientConfig.builder().endpoint(oss.endpoint())
                     .bucket(LocalOss.BUCKET).region(LocalOss.REGION)
                     .credentials(StaticCredentialsProvider.of(LocalOss.ACCESS_KEY_ID, LocalOss.ACCESS_KEY_SECRET))
                     .build())) {
            String pattern = oss.runKeyPattern("app-%i.log");
            byte[] first = "one\n".getBytes(StandardCharsets.UTF_8);
            byte[] second = "two\nthree\n".getBytes(StandardCharsets.UTF_8);
            writer.append(pattern.replace("%i", "0"), 0, first);
            writer.append(pattern.replace("%i", "1"), 0, second);

            assertEquals(first.length + second.length, oss.storedBytes(pattern));
            assertArrayEquals("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8), oss.content(pattern));
            oss.discard(pattern);
            assertEquals(0, oss.storedBytes(pattern));
        }
    }

    @Test
    void aChildJvmThatCannotStartIsReportedWithWhatItPrinted() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LocalOss.inChildJvm("-XX:+NoSuchOptionAnywhere"));
        assertTrue(e.getMessage().contains("NoSuchOptionAnywhere"), e.getMessage());
    }
}
