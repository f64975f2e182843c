package io.github.osslog.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LandedTest {
    @RegisterExtension
    final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));

    private void append(String key, String text) {
        oss.server().foreignAppend("logs", key, text.getBytes(UTF_8));
    }

    @Test
    void objectsComeInCounterOrderAndOnlyUnderThePrefix() {
        append("app/10.log", "ten\n");
        append("app/2.log", "two\n");
        append("app/0.log", "zero\nhalf");
        append("apples/0.log", "not under app/\n");
        Landed landed = oss.server().landed("logs", "app/");

        assertEquals(List.of("app/0.log", "app/2.log", "app/10.log"), landed.keys());
        assertEquals("zero\nhalftwo\nten\n", landed.text());
        assertEquals(List.of("zero\nhalf", "two\n", "ten\n"), landed.texts());
        assertEquals(List.of("zero", "half", "two", "ten"), landed.lines(), "a cut line stays in its object");
        assertArrayEquals("two\n".getBytes(UTF_8), landed.bytes("app/2.log"));
        assertTrue(landed.appendable("app/2.log"));
        assertThrows(IllegalArgumentException.class, () -> landed.bytes("app/1.log"));
    }

    @Test
    void aSnapshotDoesNotChangeAndNothingLandedIsEmpty() {
        Landed before = oss.server().landed("logs", "app/");
        append("app/0.log", "later\n");

        assertTrue(before.isEmpty());
        assertEquals(List.of(), before.lines());
        assertFalse(oss.server().landed("logs", "app/").isEmpty());
    }

    @Test
    void emptyLinesAreLinesAndNormalObjectsAreToldApart() {
        append("app/0.log", "a\n\nb\n\n");
        oss.server().foreignPut("logs", "app/1.log", "put\n".getBytes(UTF_8));
        Landed landed = oss.server().landed("logs", "app/");

        assertEquals(List.of("a", "", "b", "", "put"), landed.lines());
        assertTrue(landed.appendable("app/0.log"));
        assertFalse(landed.appendable("app/1.log"));
    }

    @Test
    void gzipObjectsOfSeveralMembersDecompress() throws IOException {
        byte[] twoMembers = concat(gzip("first\n"), gzip("second\n"));
        oss.server().foreignAppend("logs", "app/0.log.gz", twoMembers);
        oss.server().foreignAppend("logs", "app/1.log.gz", gzip("third\n"));

        assertEquals("first\nsecond\nthird\n", oss.server().landed("logs", "app/").gunzipped().text());
        oss.server().foreignAppend("logs", "app/2.log.gz", "not gzip".getBytes(UTF_8));
        UncheckedIOException broken = assertThrows(UncheckedIOException.class,
                () -> oss.server().landed("logs", "app/").gunzipped());
        assertTrue(broken.getMessage().contains("app/2.log.gz"), broken.getMessage());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
