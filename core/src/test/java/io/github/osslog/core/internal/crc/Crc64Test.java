package io.github.osslog.core.internal.crc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.common.utils.CRC64;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {
    private static final long CHECK = 0x995DC9BBDF1939FAL;
    private final Random random = new Random(20231216L);

    private byte[] randomBytes(int len) {
        byte[] b = new byte[len];
        random.nextBytes(b);
        return b;
    }

    /** Bit-at-a-time reference straight from the CRC-64/XZ definition. */
    private static long bitwise(byte[] b) {
        long c = ~0L;
        for (byte x : b) {
            c ^= x & 0xff;
            for (int i = 0; i < 8; i++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xC96C5795D7870F42L : c >>> 1;
            }
        }
        return ~c;
    }

    /** Byte-at-a-time reference over its own table: no words, no lanes, nothing shared with the code under test. */
    private static final long[] BYTE_TABLE = new long[256];

    static {
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xC96C5795D7870F42L : c >>> 1;
            }
            BYTE_TABLE[n] = c;
        }
    }

    private static long bytewise(long crc, byte[] b, int off, int len) {
        long c = ~crc;
        for (int i = off; i < off + len; i++) {
            c = BYTE_TABLE[(int) (c ^ b[i]) & 0xff] ^ (c >>> 8);
        }
        return ~c;
    }

    @Test
    void checkValueMatchesTheCatalogue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(CHECK, Crc64.compute(check, 0, check.length));
        byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(CHECK, Crc64.compute(padded, 2, 9));
    }

    @Test
    void emptyDataHasCrcZeroAndLeavesACrcUnchanged() {
        assertEquals(0L, Crc64.compute(new byte[0], 0, 0));
        assertEquals(CHECK, Crc64.update(CHECK, new byte[5], 3, 0));
        assertEquals(CHECK, Crc64.update(CHECK, ByteBuffer.allocate(0)));
    }

    @Test
    void tableDrivenMatchesBitwiseDefinitionForEveryShortLength() {
        for (int len = 0; len <= 64; len++) {
            byte[] b = randomBytes(len);
            assertEquals(bitwise(b), Crc64.compute(b, 0, len), "length " + len);
        }
    }

    @Test
    void bytewiseReferenceAgreesWithTheDefinition() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(CHECK, bytewise(0, check, 0, check.length));
        byte[] b = randomBytes(1000);
        assertEquals(bitwise(b), bytewise(0, b, 0, b.length));
    }

    @Test
    void matchesBytewiseReferenceForEveryLengthUpTo2100() {
        for (int len = 0; len <= 2100; len++) {
            byte[] b = randomBytes(len);
            assertEquals(bytewise(0, b, 0, len), Crc64.compute(b, 0, len), "length " + len);
            long crc = random.nextLong();
            assertEquals(bytewise(crc, b, 0, len), Crc64.update(crc, b, 0, len), "length " + len + " continued");
        }
    }

    @Test
    void matchesBytewiseReferenceAtRandomOffsetsWithDataAroundTheRange() {
        for (int round = 0; round < 3000; round++) {
            int len = round < 1000 ? random.nextInt(300) : random.nextInt(20_000);
            int off = random.nextInt(40);
            byte[] b = randomBytes(off + len + random.nextInt(40));
            long crc = round % 2 == 0 ? 0 : random.nextLong();
            assertEquals(bytewise(crc, b, off, len), Crc64.update(crc, b, off, len),
                    "offset " + off + " length " + len);
        }
    }

    @Test
    void matchesBytewiseReferenceOnLargeBuffersWithOddTails() {
        byte[] b = randomBytes((1 << 20) + 200);
        for (int tail : new int[] {0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127}) {
            int off = random.nextInt(64);
            int len = (1 << 20) + tail;
            long crc = random.nextLong();
            assertEquals(bytewise(crc, b, off, len), Crc64.update(crc, b, off, len), "offset " + off + " tail " + tail);
        }
    }

    @Test
    void continuingAcrossAnySplitPointEqualsOneShot() {
        byte[] b = randomBytes(5000);
        long crc = random.nextLong();
        long whole = bytewise(crc, b, 0, b.length);
        for (int split = 0; split <= b.length; split += split < 300 ? 1 : 1 + random.nextInt(50)) {
            long first = Crc64.update(crc, b, 0, split);
            assertEquals(bytewise(crc, b, 0, split), first, "first part of split " + split);
            assertEquals(whole, Crc64.update(first, b, split, b.length - split), "split " + split);
        }
        for (int round = 0; round < 200; round++) {
            int[] cuts = {random.nextInt(b.length + 1), random.nextInt(b.length + 1), random.nextInt(b.length + 1)};
            Arrays.sort(cuts);
            long c = Crc64.update(crc, b, 0, cuts[0]);
            c = Crc64.update(c, b, cuts[0], cuts[1] - cuts[0]);
            c = Crc64.update(c, b, cuts[1], cuts[2] - cuts[1]);
            c = Crc64.update(c, b, cuts[2], b.length - cuts[2]);
            assertEquals(whole, c, Arrays.toString(cuts));
        }
    }

    @Test
    void byteBuffersMatchBytewiseReferenceWithPositionAndLimitSet() {
        for (int len : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 95, 96, 97, 1000, 4099, 65_536, 100_003}) {
            int pos = 3 + random.nextInt(20);
            byte[] b = randomBytes(pos + len + 13);
            long crc = random.nextLong();
            long expected = bytewise(crc, b, pos, len);

            ByteBuffer heap = ByteBuffer.wrap(b).position(pos).limit(pos + len);
            assertEquals(expected, Crc64.update(crc, heap), "heap " + len);
            assertEquals(pos + len, heap.position());
            assertEquals(pos + len, heap.limit());

            ByteBuffer sliced = ByteBuffer.wrap(b).position(3).slice().position(pos - 3).limit(pos - 3 + len);
            assertEquals(expected, Crc64.update(crc, sliced), "heap slice at array offset 3, length " + len);
            assertEquals(pos - 3 + len, sliced.position());

            ByteBuffer readOnly = ByteBuffer.wrap(b).position(pos).limit(pos + len).asReadOnlyBuffer();
            assertEquals(expected, Crc64.update(crc, readOnly), "read-only heap " + len);
            assertEquals(pos + len, readOnly.position());

            ByteBuffer direct = ByteBuffer.allocateDirect(b.length);
            direct.put(b).position(pos).limit(pos + len);
            assertEquals(expected, Crc64.update(crc, direct), "direct " + len);
            assertEquals(pos + len, direct.position());
            assertEquals(pos + len, direct.limit());
        }
    }

    @Test
    void incrementalUpdatesEqualOneShot() {
        int[] sizes = new int[70];
        for (int i = 0; i <= 64; i++) {
            sizes[i] = i;
        }
        sizes[65] = 255;
        sizes[66] = 4096;
        sizes[67] = 65_537;
        sizes[68] = 1 << 20;
        sizes[69] = 3_000_001;
        for (int len : sizes) {
            byte[] b = randomBytes(len);
            long whole = Crc64.compute(b, 0, len);
            for (int round = 0; round < 5; round++) {
                long crc = 0;
                int off = 0;
                while (off < len) {
                    int chunk = Math.min(len - off, random.nextInt(Math.min(len, 100) + 1) + (round == 0 ? 0 : 1));
                    crc = Crc64.update(crc, b, off, chunk);
                    off += chunk;
                }
                assertEquals(whole, crc, "length " + len + " round " + round);
            }
        }
    }

    @Test
    void continuingFromAWholeObjectCrcGivesTheCrcOfTheConcatenation() {
        byte[] a = randomBytes(1000);
        byte[] b = randomBytes(333);
        byte[] ab = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, ab, a.length, b.length);
        assertEquals(Crc64.compute(ab, 0, ab.length), Crc64.update(Crc64.compute(a, 0, a.length), b, 0, b.length));
    }

    @Test
    void combineEqualsComputeOfConcatenation() {
        int[][] cases = {{0, 0}, {0, 7}, {7, 0}, {1, 1}, {13, 1}, {100, 8}, {5, 1000}, {4096, 65_536}, {1, 1 << 20}};
        for (int[] c : cases) {
            byte[] a = randomBytes(c[0]);
            byte[] b = randomBytes(c[1]);
            byte[] ab = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, ab, a.length, b.length);
            long combined = Crc64.combine(Crc64.compute(a, 0, a.length), Crc64.compute(b, 0, b.length), b.length);
            assertEquals(Crc64.compute(ab, 0, ab.length), combined, Arrays.toString(c));
        }
    }

    @Test
    void combineWithEmptySecondPartReturnsFirst() {
        assertEquals(CHECK, Crc64.combine(CHECK, 0L, 0L));
        assertThrows(IllegalArgumentException.class, () -> Crc64.combine(CHECK, 0L, -1L));
    }

    @Test
    void byteBuffersHeapAndDirectEqualArrays() {
        for (int len : new int[] {0, 1, 7, 8, 9, 63, 1000, 100_003}) {
            byte[] b = randomBytes(len + 10);
            long expected = Crc64.update(CHECK, b, 5, len);

            ByteBuffer heap = ByteBuffer.wrap(b, 5, len);
            assertEquals(expected, Crc64.update(CHECK, heap), "heap " + len);
            assertEquals(5 + len, heap.position());

            ByteBuffer sliced = ByteBuffer.wrap(b, 3, len + 2);
            sliced.position(5);
            sliced = sliced.slice();
            sliced.limit(len);
            assertEquals(expected, Crc64.update(CHECK, sliced), "sliced heap " + len);

            ByteBuffer direct = ByteBuffer.allocateDirect(len + 10);
            direct.put(b).position(5).limit(5 + len);
            assertEquals(expected, Crc64.update(CHECK, direct), "direct " + len);
            assertEquals(5 + len, direct.position());
        }
    }

    @Test
    void rejectsRangesOutsideTheArray() {
        byte[] b = new byte[4];
        assertThrows(IndexOutOfBoundsException.class, () -> Crc64.update(0, b, 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Crc64.update(0, b, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Crc64.update(0, b, 0, -1));
    }

    @Test
    void unsignedHeaderFormRoundTrips() {
        assertEquals("11051210869376104954", Crc64.toUnsigned(CHECK));
        assertEquals(CHECK, Crc64.parseUnsigned("11051210869376104954"));
        assertEquals(-1L, Crc64.parseUnsigned("18446744073709551615"));
        assertEquals("0", Crc64.toUnsigned(0));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Crc64.parseUnsigned("18446744073709551616"));
        assertEquals(true, e.getMessage().contains("18446744073709551616"));
        assertThrows(IllegalArgumentException.class, () -> Crc64.parseUnsigned("-1"));
        assertThrows(IllegalArgumentException.class, () -> Crc64.parseUnsigned(null));
    }

    @Test
    void agreesWithTheOfficialSdk() {
        for (int round = 0; round < 200; round++) {
            int len = round < 100 ? round : random.nextInt(200_000);
            byte[] b = randomBytes(len);
            CRC64 sdk = new CRC64();
            sdk.update(b, len);
            assertEquals(sdk.getValue(), Crc64.compute(b, 0, len), "length " + len);

            int split = len == 0 ? 0 : random.nextInt(len + 1);
            long crcA = Crc64.compute(b, 0, split);
            long crcB = Crc64.compute(b, split, len - split);
            assertEquals(CRC64.combine(crcA, crcB, len - split), Crc64.combine(crcA, crcB, len - split));
        }
    }

    @Test
    void combineAgreesWithTheOfficialSdkForLengthsUpToTheLargestLong() {
        for (int round = 0; round < 200; round++) {
            long crc1 = random.nextLong();
            long crc2 = random.nextLong();
            long len2 = round < 64 ? 1L << (round % 63) : random.nextLong() >>> random.nextInt(64);
            assertEquals(CRC64.combine(crc1, crc2, len2), Crc64.combine(crc1, crc2, len2), "length " + len2);
        }
        assertEquals(CRC64.combine(3, 5, Long.MAX_VALUE), Crc64.combine(3, 5, Long.MAX_VALUE));
    }
}
