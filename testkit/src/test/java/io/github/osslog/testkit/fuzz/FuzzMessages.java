package io.github.osslog.testkit.fuzz;

import java.util.Random;

/**
 * Random log messages: null, empty, unpaired surrogates, control characters, any code point, lengths around a
 * small maxEventSize, and 10 MB ones. Not thread-safe (one per test).
 */
public final class FuzzMessages {
    /** The UTF-8 length of a huge message. */
    public static final int HUGE = 10 << 20;
    private static final String MIXED = "a\u00e9\u20ac\ud83d\ude00"; // 1, 2, 3 and 4 UTF-8 bytes

    private final Random random;

    public FuzzMessages(Random random) {
        this.random = random;
    }

    public String next() {
        switch (random.nextInt(8)) {
            case 0: return null;
            case 1: return "";
            case 2: return surrogates(1 + random.nextInt(20));
            case 3: return controls(1 + random.nextInt(20));
            case 4: return anyChars(random.nextInt(8_000));
            case 5: return mixed(random.nextInt(3_000));
            default: return anyChars(1 + random.nextInt(80));
        }
    }

    /** About 10 MB of text mixing 1- to 4-byte characters, so a cut can land inside one. */
    public String huge() {
        StringBuilder s = new StringBuilder(HUGE);
        for (int bytes = 0; bytes < HUGE; ) {
            int i = random.nextInt(4);
            s.append(MIXED, i == 3 ? 3 : i, i == 3 ? 5 : i + 1);
            bytes += i + 1;
        }
        return s.toString();
    }

    private String surrogates(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(random.nextBoolean() ? (char) (0xd800 + random.nextInt(0x800)) : (char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private String controls(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(34);
            s.append(c == 32 ? '\u007f' : c == 33 ? 'x' : (char) c);
        }
        return s.toString();
    }

    /** Any UTF-16 code unit, so also lone and reversed surrogates. */
    private String anyChars(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) random.nextInt(0x10000));
        }
        return s.toString();
    }

    private String mixed(int n) {
        StringBuilder s = new StringBuilder(n);
        while (s.length() < n) {
            int i = random.nextInt(4);
            s.append(MIXED, i == 3 ? 3 : i, i == 3 ? 5 : i + 1);
        }
        return s.toString();
    }
}
