package io.github.osslog.core.internal.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class QuickDeflateTest {
    private final QuickDeflate deflate = new QuickDeflate();

    /** Deflates {@code in[off, off + len)} at an offset into a tight array, inflates it back and compares. */
    private int roundTrip(byte[] in, int off, int len) throws DataFormatException {
        byte[] out = new byte[5 + QuickDeflate.bound(len)];
        int end = deflate.deflate(in, off, len, out, 5);
        Inflater inflater = new Inflater(true);
        inflater.setInput(out, 5, end - 5);
        byte[] back = new byte[len + 1];
        int n = 0;
        while (!inflater.finished() && n < back.length) {
            int got = inflater.inflate(back, n, back.length - n);
            assertTrue(got > 0 || inflater.finished() || !inflater.needsInput(),
                    "the stream ended early, at " + n + " of " + len);
            n += got;
        }
        assertTrue(inflater.finished(), "one final block");
        assertEquals(0, inflater.getRemaining(), "nothing after the block");
        inflater.end();
        assertEquals(len, n);
        assertArrayEquals(Arrays.copyOfRange(in, off, off + len), Arrays.copyOf(back, len));
        return end - 5;
    }

    @Test
    void shortInputsRoundTrip() throws DataFormatException {
        Random random = new Random(1);
        for (int len = 0; len <= 40; len++) {
            byte[] in = new byte[len + 6];
            random.nextBytes(in);
            roundTrip(in, 3, len);
            Arrays.fill(in, (byte) 'a');
            roundTrip(in, 3, len);
        }
    }

    @Test
    void longRunsUseTheLongestMatchAndEveryDistanceCode() throws DataFormatException {
        byte[] run = new byte[100_000];
        Arrays.fill(run, (byte) 0x7f);
        assertTrue(roundTrip(run, 0, run.length) < 1_000, "258-byte matches at distance 1");
        Random random = new Random(2);
        for (int distance : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 100, 257, 4096, 4097, 24577, 32767, 32768, 32769}) {
            byte[] in = new byte[distance + 2_000];
            random.nextBytes(in);
            for (int k = distance; k < in.length; k++) {
                in[k] = in[k - distance]; // from here on, each byte repeats the one this distance back
            }
            int size = roundTrip(in, 0, in.length);
            if (distance <= 32768) { // noise costs 8 or 9 bits a byte; the repeat, a few bytes per 258
                assertTrue(size < distance * 9 / 8 + 100, "distance " + distance + " found: " + size + " bytes");
            }
        }
    }

    @Test
    void everyMatchLengthRoundTrips() throws DataFormatException {
        Random random = new Random(3);
        for (int length = 3; length <= 300; length++) {
            byte[] in = new byte[3 * length + 64];
            random.nextBytes(in);
            System.arraycopy(in, 10, in, 10 + length + 17, length);
            roundTrip(in, 1, in.length - 1);
        }
    }

    @Test
    void randomMixturesOfTextNoiseAndRepeatsRoundTrip() throws DataFormatException {
        Random random = new Random(4);
        byte[] words = "GET /api/v1/orders/ -> 200 in ms INFO WARN ERROR order accepted for customer \u00e9\u4e2d\n"
                .getBytes(UTF_8);
        for (int round = 0; round < 300; round++) {
            byte[] in = new byte[random.nextInt(70_000)];
            int i = 0;
            while (i < in.length) {
                int n = Math.min(in.length - i, 1 + random.nextInt(300));
                switch (random.nextInt(4)) {
                    case 0: // noise, bytes above 143 included (9-bit literals)
                        for (int k = 0; k < n; k++) {
                            in[i + k] = (byte) random.nextInt(256);
                        }
                        break;
                    case 1: // an earlier stretch again, from up to 40,000 back (beyond the window too)
                        int from = Math.max(0, i - 1 - random.nextInt(40_000));
                        for (int k = 0; k < n; k++) {
                            in[i + k] = in[from + k];
                        }
                        break;
                    default: // words
                        for (int k = 0; k < n; k++) {
                            in[i + k] = words[random.nextInt(words.length)];
                        }
                }
                i += n;
            }
            int off = random.nextInt(in.length + 1);
            roundTrip(in, off, random.nextInt(in.length - off + 1));
        }
    }

    @Test
    void chineseLogLinesShrinkAndRandomIdeographsStayWithinTheBound() throws DataFormatException {
        String[] messages = {"订单已创建，客户编号", "支付服务响应缓慢，耗时", "库存预留失败，重试次数", "用户登录成功，会话"};
        Random random = new Random(6);
        StringBuilder lines = new StringBuilder();
        StringBuilder noise = new StringBuilder();
        while (lines.length() < 100_000) {
            lines.append("2026-11-25T10:00:").append(random.nextInt(60)).append(" INFO  [main] shop.Orders - ")
                    .append(messages[random.nextInt(messages.length)]).append(random.nextInt(1_000_000)).append('\n');
        }
        while (noise.length() < 90_000) { // 270 KB of CJK ideographs, 3 UTF-8 bytes each, drawn at random
            noise.append((char) (0x4e00 + random.nextInt(3000)));
        }
        byte[] text = lines.toString().getBytes(UTF_8);
        int size = roundTrip(text, 0, text.length);
        assertTrue(size < text.length / 4, size + " of " + text.length + " bytes");
        byte[] ideographs = noise.toString().getBytes(UTF_8);
        int noiseSize = roundTrip(ideographs, 0, ideographs.length);
        assertTrue(noiseSize < ideographs.length, noiseSize + " of " + ideographs.length + " bytes");
        byte[] few = Arrays.copyOf(ideographs, 3_000); // too short to repeat itself: grows, within the bound
        int fewSize = roundTrip(few, 0, few.length);
        assertTrue(fewSize > few.length && fewSize <= QuickDeflate.bound(few.length), fewSize + " bytes");
    }

    @Test
    void logTextShrinksToWellUnderAFifth() throws DataFormatException {
        StringBuilder text = new StringBuilder();
        Random random = new Random(5);
        while (text.length() < 1 << 20) {
            text.append("2026-11-25T10:00:0").append(random.nextInt(10)).append(".").append(100 + random.nextInt(900))
                    .append("Z INFO  [main] shop.checkout.OrderService - order ORD-").append(random.nextInt(1_000_000))
                    .append(" accepted for customer C").append(random.nextInt(5000)).append('\n');
        }
        byte[] in = text.toString().getBytes(UTF_8);
        int size = roundTrip(in, 0, in.length);
        assertTrue(size < in.length / 5, size + " of " + in.length + " bytes");
    }
}
