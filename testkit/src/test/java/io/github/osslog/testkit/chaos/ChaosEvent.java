package io.github.osslog.testkit.chaos;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * One sequence-numbered chaos event, {@code "p<producer> <seq> <padding>\n"}, and its parser. Immutable.
 */
final class ChaosEvent {
    private static final String PADDING = "the quick brown fox jumps over the lazy dog ".repeat(3);

    private final int producer;
    private final int seq;

    private ChaosEvent(int producer, int seq) {
        this.producer = producer;
        this.seq = seq;
    }

    /** The bytes of event {@code seq} of {@code producer}; the padding length varies with the sequence number. */
    static byte[] encode(int producer, int seq) {
        return ("p" + producer + " " + seq + " " + PADDING.substring(0, seq % PADDING.length()) + "\n")
                .getBytes(UTF_8);
    }

    /** The event a line (with its newline) holds, or {@code null} when it is not one this class wrote. */
    static ChaosEvent parse(String line) {
        int space = line.indexOf(' ');
        int second = space < 0 ? -1 : line.indexOf(' ', space + 1);
        if (!line.startsWith("p") || second < 0 || !line.endsWith("\n")) {
            return null;
        }
        try {
            ChaosEvent event = new ChaosEvent(Integer.parseInt(line.substring(1, space)),
                    Integer.parseInt(line.substring(space + 1, second)));
            return line.equals(new String(encode(event.producer, event.seq), UTF_8)) ? event : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    int producer() {
        return producer;
    }

    int seq() {
        return seq;
    }
}
