package io.github.osslog.testkit;

import java.nio.charset.StandardCharsets;

/** Builds the small XML documents OSS answers with. Not thread-safe. */
final class Xml {
    private final StringBuilder out = new StringBuilder(512)
            .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    Xml open(String element) {
        out.append('<').append(element).append('>');
        return this;
    }

    Xml close(String element) {
        out.append("</").append(element).append(">\n");
        return this;
    }

    Xml element(String element, Object value) {
        out.append('<').append(element).append('>');
        escape(String.valueOf(value));
        out.append("</").append(element).append(">\n");
        return this;
    }

    byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&apos;"); break;
                default:
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
            }
        }
    }
}
