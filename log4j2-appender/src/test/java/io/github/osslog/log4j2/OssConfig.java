package io.github.osslog.log4j2;

import io.github.osslog.testkit.OssTestServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attributes and layout of the {@code <Oss>} element in {@code oss-template.xml} (or another template with its
 * placeholders). Not thread-safe.
 */
final class OssConfig {
    static final String BUCKET = "logs";

    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String layout = "<PatternLayout pattern=\"%m%n\"/>";

    /** A working configuration for {@code server}: explicit flushes only, fast retries. */
    static OssConfig forServer(OssTestServer server) {
        return new OssConfig().set("endpoint", server.endpoint()).set("region", server.region()).set("bucket", BUCKET)
                .set("accessKeyId", "AK").set("accessKeySecret", "SK").set("objectKeyPattern", "app/%i.log")
                .set("flushInterval", "1 hour").set("initialBackoff", "1ms").set("maxBackoff", "20ms")
                .set("callTimeout", "4 seconds").set("shutdownTimeout", "5 seconds");
    }

    /** Sets an attribute; {@code null} removes it. */
    OssConfig set(String name, String value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        return this;
    }

    /** The layout element(s) inside {@code <Oss>}; empty for the default layout. */
    OssConfig layout(String xml) {
        layout = xml;
        return this;
    }

    TestContext start(Path dir) {
        return start(dir, "oss-template.xml");
    }

    /** Starts a context from {@code template}, another test resource with the same placeholders. */
    TestContext start(Path dir, String template) {
        return TestContext.start(dir, template, values());
    }

    void rewrite(TestContext context) {
        context.rewrite("oss-template.xml", values());
    }

    private Map<String, String> values() {
        StringBuilder attrs = new StringBuilder();
        attributes.forEach((k, v) -> attrs.append(k).append("=\"").append(v.replace("&", "&amp;")
                .replace("\"", "&quot;").replace("<", "&lt;").replace("\r", "&#13;").replace("\n", "&#10;"))
                .append("\" "));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ATTRS", attrs.toString().trim());
        values.put("LAYOUT", layout);
        return values;
    }
}
