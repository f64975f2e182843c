package io.github.osslog.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.osslog.core.internal.crc.Crc64;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest {
    private static final Map<String, String> NONE = Collections.emptyMap();
    private final InMemoryStore store = new InMemoryStore();
    private final byte[] abc = "abc".getBytes(UTF_8);

    @Test
    void behavesLikeOssForAppendsAndHeads() throws IOException {
        assertNull(store.head("k"));
        AppendResult first = store.append("k", 0, abc, 0, 3, Collections.singletonMap("Content-Type", "text/plain"));
        assertEquals(3, first.nextPosition());
        assertEquals(Crc64.compute(abc, 0, 3), first.crc64());
        StoreException conflict = assertThrows(StoreException.class, () -> store.append("k", 0, abc, 0, 3, NONE));
        assertEquals(ErrorKind.POSITION_CONFLICT, conflict.kind());
        assertEquals(3, conflict.nextAppendPosition());
        store.append("k", 3, abc, 1, 2, NONE);
        ObjectInfo info = store.head("k");
        assertEquals(ObjectType.APPENDABLE, info.type());
        assertEquals(5, info.nextAppendPosition());
        assertEquals(Crc64.compute("abcbc".getBytes(UTF_8), 0, 5), info.crc64());
        assertEquals("text/plain", info.contentType());
        assertArrayEquals("abcbc".getBytes(UTF_8), store.content("k"));
    }

    @Test
    void normalObjectsRefuseAppends() {
        store.foreignPut("k", abc);
        StoreException e = assertThrows(StoreException.class, () -> store.append("k", 3, abc, 0, 3, NONE));
        assertEquals(ErrorKind.NOT_APPENDABLE, e.kind());
    }

    @Test
    void faultsAreTakenInOrderOnePerAppend() throws IOException {
        store.failNextAppends(1, ErrorKind.THROTTLED);
        store.resetNextAppendsBeforeCommit(1);
        store.dropNextResponsesAfterCommit(1);
        store.corruptNextCrcHeaders(1);
        assertEquals(503, assertThrows(StoreException.class, () -> store.append("k", 0, abc, 0, 3, NONE)).status());
        assertThrows(IOException.class, () -> store.append("k", 0, abc, 0, 3, NONE));
        assertNull(store.content("k"), "a reset before commit changes nothing");
        assertThrows(IOException.class, () -> store.append("k", 0, abc, 0, 3, NONE));
        assertEquals(3, store.content("k").length, "a lost response still commits");
        AppendResult corrupt = store.append("k", 3, abc, 0, 3, NONE);
        assertNotEquals(store.head("k").crc64(), corrupt.crc64());
        assertEquals(9, store.append("k", 6, abc, 0, 3, NONE).nextPosition());
        assertEquals(5, store.appendCalls());
    }

    @Test
    void outageAndHeadFailuresChangeNothing() throws IOException {
        store.outage(true);
        assertThrows(IOException.class, () -> store.append("k", 0, abc, 0, 3, NONE));
        assertThrows(IOException.class, () -> store.head("k"));
        store.outage(false);
        store.failNextHeads(1);
        assertThrows(IOException.class, () -> store.head("k"));
        assertNull(store.head("k"));
        assertEquals(Collections.emptyList(), store.keys());
    }

    @Test
    void limitsAreEnforced() throws IOException {
        InMemoryStore small = new InMemoryStore(new StoreLimits(4, 1));
        assertEquals(ErrorKind.BAD_REQUEST,
                assertThrows(StoreException.class, () -> small.append("a", 0, new byte[5], 0, 5, NONE)).kind());
        small.append("b", 0, abc, 0, 1, NONE);
        assertEquals(ErrorKind.BAD_REQUEST,
                assertThrows(StoreException.class, () -> small.append("b", 1, abc, 0, 1, NONE)).kind());
    }
}
