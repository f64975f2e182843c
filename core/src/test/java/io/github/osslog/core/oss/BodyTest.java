package io.github.osslog.core.oss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.ForwardingSink;
import okio.Okio;
import org.junit.jupiter.api.Test;

class BodyTest {
    /** Records how many bytes each emit hands on, and keeps them. */
    private static final class RecordingSink extends ForwardingSink {
        final List<Long> writes = new ArrayList<>();
        final Buffer received;

        RecordingSink(Buffer received) {
            super(received);
            this.received = received;
        }

        @Override
        public void write(Buffer source, long byteCount) throws java.io.IOException {
            writes.add(byteCount);
            super.write(source, byteCount);
        }
    }

    private static RecordingSink send(RequestBody body) throws Exception {
        RecordingSink sink = new RecordingSink(new Buffer());
        BufferedSink buffered = Okio.buffer(sink);
        body.writeTo(buffered);
        buffered.flush();
        return sink;
    }

    @Test
    void theSliceReachesTheSinkInPiecesNoLargerThanAChunk() throws Exception {
        byte[] data = new byte[4 * Body.CHUNK + 1000];
        new Random(3).nextBytes(data);
        Body body = new Body(data, 7, data.length - 9);

        RecordingSink sink = send(body.requestBody(null));

        assertArrayEquals(Arrays.copyOfRange(data, 7, data.length - 2), sink.received.readByteArray());
        assertTrue(sink.writes.size() >= 4, "sent as it is copied, not once at the end: " + sink.writes);
        for (long n : sink.writes) {
            // Okio keeps at most one partial segment back, so a piece never exceeds a chunk plus one segment
            assertTrue(n <= Body.CHUNK + 8192, "one emit carried " + n + " bytes: " + sink.writes);
        }
        assertEquals(data.length - 9, body.requestBody(null).contentLength());
    }

    @Test
    void theBodyCanBeWrittenAgainForARetry() throws Exception {
        byte[] data = "retry me".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RequestBody requestBody = new Body(data, 0, data.length).requestBody(null);
        assertEquals("retry me", send(requestBody).received.readUtf8());
        assertEquals("retry me", send(requestBody).received.readUtf8());
    }
}
