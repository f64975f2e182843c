package io.github.osslog.core.oss;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.store.ErrorKind;
import io.github.osslog.core.store.StoreException;
import io.github.osslog.core.testing.HostileServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store whose error answers never end (chunked) or are 100 MB long: the client reads at most 64 KiB of them,
 * closes the connection instead of draining it, and reports an ordinary transient error.
 */
class OssClientHostileServerTest {
    private static final long HUNDRED_MB = 100L << 20;
    /** What one call may allocate on its thread: the 64 KiB cap plus OkHttp's own buffers and bookkeeping. */
    private static final long ALLOCATION_BOUND = 16L << 20;

    private HostileServer server;
    private OssClient client;

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private OssClient client() {
        client = OssClient.create(OssClientConfig.builder().endpoint(server.url()).bucket("logs")
                .region("cn-hangzhou").credentials(() -> Credentials.of("AKID-hostile", "hostile-secret"))
                .callTimeout(Duration.ofSeconds(20)).build());
        return client;
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @ParameterizedTest
    @ValueSource(longs = {HostileServer.ENDLESS, HUNDRED_MB})
    void aHugeErrorBodyIsReadOnlyUpToItsCap(long length) throws Exception {
        server = HostileServer.start(500, "Content-Type: application/xml\r\n", length);
        OssClient c = client();
        byte[] data = "line\n".getBytes(UTF_8);

        for (int call = 1; call <= 2; call++) {
            long before = allocatedByThisThread();
            StoreException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> assertThrows(StoreException.class, () -> c.append("app.log", 0, data)));
            long allocated = allocatedByThisThread() - before;

            assertEquals(ErrorKind.RETRYABLE, e.kind());
            assertEquals(500, e.status());
            assertTrue(allocated < ALLOCATION_BOUND, "allocated " + allocated + " bytes for one error answer");
            assertEquals(call, server.connections(), "the connection with the unread rest was not reused");
        }
        assertTrue(server.written() < HUNDRED_MB, "the rest was not drained: " + server.written());
    }

    @ParameterizedTest
    @ValueSource(longs = {HostileServer.ENDLESS, HUNDRED_MB})
    void aHugeListingIsRefused(long length) throws Exception {
        server = HostileServer.start(200, "Content-Type: application/xml\r\n", length);

        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(IOException.class, () -> client().list("app/", null, null, 1000)));

        assertTrue(e.getMessage().contains("ListObjects page is longer than"), e.getMessage());
        assertFalse(e instanceof StoreException);
        assertInstanceOf(IOException.class, e);
    }
}
