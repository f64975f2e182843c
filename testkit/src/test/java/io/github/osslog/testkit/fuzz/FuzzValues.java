package io.github.osslog.testkit.fuzz;

import java.util.Random;

/**
 * Random setting values for the configuration fuzz: unicode junk, empty and huge strings, numbers of every sign and
 * size, {@code %} and {@code ${} tokens, XML specials, and valid values of every kind mixed in. Only characters an
 * XML 1.0 document can carry. Not thread-safe (one per round).
 */
public final class FuzzValues {
    private static final String[] VALID = {"64MB", "1KB", "512", "0", "2 seconds", "500 milliseconds", "PT2S",
            "1 minute", "true", "false", "BLOCK", "drop-oldest", "DROP_NEWEST", "DEBUG", "error", "80%", "0.5",
            "V1", "v4", "path", "virtual_hosted", "gzip", "none", "UTC", "Asia/Shanghai", "+08:00", "Standard", "IA",
            "private", "AES256", "app=shop,team=pay", "k=v", "text/plain", "logs", "cn-hangzhou",
            "app/%d{yyyy-MM-dd}/%i.log", "%{host}/%i.log", "%i.log", "oss-cn-hangzhou.aliyuncs.com",
            "http://127.0.0.1:1", "https://example.com"};
    private static final String[] TOKENS = {"%", "%i", "%d{", "%d{yyyy}", "%{", "%{x}", "%level", "%%", "${",
            "${x}", "${env:HOME}", "}", "&", "<", ">", "\"", "'", "]]>", "<!--", "\\", "/", "..", "=", ",", " ",
            "\t", "\n", "\u2026", "\ud83d\ude00", "\ufffd", "\u202e"};

    private final Random random;

    public FuzzValues(Random random) {
        this.random = random;
    }

    public String next() {
        switch (random.nextInt(12)) {
            case 0: return "";
            case 1: case 9: case 10: case 11: return VALID[random.nextInt(VALID.length)];
            case 2: return number();
            case 3: return number() + pick(" ", "") + pick("KB", "MB", "GB", "TB", "ms", "seconds", "minutes",
                    "days", "%", "x", "e9");
            case 4: return tokens(1 + random.nextInt(6));
            case 5: return pick("a", "9", "%i", "\u00e9").repeat(10_000 + random.nextInt(60_000));
            case 6: return VALID[random.nextInt(VALID.length)] + tokens(1);
            default: return unicode(1 + random.nextInt(40)); // 7 and 8
        }
    }

    private String number() {
        switch (random.nextInt(5)) {
            case 0: return Long.toString(random.nextLong());
            case 1: return Integer.toString(-random.nextInt(1000));
            case 2: return Long.toString(Long.MAX_VALUE) + random.nextInt(10);
            case 3: return Double.toString(random.nextDouble() * 1e6 - 5e5);
            default: return Integer.toString(random.nextInt(100_000));
        }
    }

    private String tokens(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return s.toString();
    }

    /** Code points XML 1.0 allows, biased towards ASCII, with astral characters as surrogate pairs. */
    private String unicode(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp;
            switch (random.nextInt(4)) {
                case 0: cp = 0x20 + random.nextInt(0x5f); break;
                case 1: cp = 0xa0 + random.nextInt(0xd700 - 0xa0); break;
                case 2: cp = 0xe000 + random.nextInt(0xfffe - 0xe000); break;
                default: cp = 0x10000 + random.nextInt(0x100000); break;
            }
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    /** {@code value} as XML character data or attribute text. */
    public static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;").replace("\t", "&#9;").replace("\n", "&#10;");
    }
}
