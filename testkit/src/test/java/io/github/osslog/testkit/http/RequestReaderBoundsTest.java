package io.github.osslog.testkit.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The reader's costs are set by what arrives, not by what a client declares: a body buffer grows with the bytes
 * read, and a handler that declines the body (an unauthenticated upload) leaves it unread and unallocated.
 */
class RequestReaderBoundsTest {
    private static final int LARGEST = Integer.MAX_VALUE - 8;

    private static final class Handler implements HttpHandler {
        final boolean readBody;

        Handler(boolean readBody) {
            this.readBody = readBody;
        }

        @Override
        public HttpResponse handle(HttpRequest request) {
            return HttpResponse.status(200);
        }

        @Override
        public HttpResponse malformed(String reason) {
            return HttpResponse.status(400);
        }

        @Override
        public int maxBodyBytes() {
            return LARGEST;
        }

        @Override
        public boolean readsBody(HttpRequest head) {
            return readBody;
        }

        @Override
        public boolean checksumBody(String method, String rawPath) {
            return false;
        }
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static ByteArrayInputStream request(long declared, byte[] body) {
        byte[] head = ("PUT /logs/a HTTP/1.1\r\nHost: x\r\nContent-Length: " + declared + "\r\n\r\n").getBytes(ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return new ByteArrayInputStream(all);
    }

    @Test
    void aDeclaredTwoGibibyteBodyThatNeverComesCostsWhatArrived() {
        byte[] sent = new byte[1 << 20];
        RequestReader reader = new RequestReader(request(LARGEST, sent), new ByteArrayOutputStream(),
                new Handler(true));

        long before = allocatedByThisThread();
        assertThrows(EOFException.class, reader::next);
        long allocated = allocatedByThisThread() - before;

        assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes for 1 MiB received");
    }

    @Test
    void aBodyThatArrivesWhole() throws Exception {
        byte[] sent = new byte[300_000];
        Arrays.fill(sent, (byte) 7);
        sent[sent.length - 1] = 9;

        HttpRequest request = new RequestReader(request(sent.length, sent), new ByteArrayOutputStream(),
                new Handler(true)).next();

        assertArrayEquals(sent, request.body());
    }

    @Test
    void aDeclinedBodyIsNotReadNorAllocated() throws Exception {
        ByteArrayInputStream in = request(LARGEST, new byte[1000]);
        RequestReader reader = new RequestReader(in, new ByteArrayOutputStream(), new Handler(false));

        long before = allocatedByThisThread();
        HttpRequest request = reader.next();
        long allocated = allocatedByThisThread() - before;

        assertTrue(request.bodySkipped());
        assertNull(request.body());
        assertEquals(1000, in.available(), "no body byte was read");
        assertTrue(allocated < 1L << 20, "allocated " + allocated + " bytes");
    }
}
