package io.github.osslog.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * JUnit 5 extension that runs an {@link OssTestServer} around each test ({@code @RegisterExtension} on an
 * instance field) or around the whole class (on a static field). Thread-safe for JUnit's use.
 *
 * <pre>{@code
 * @RegisterExtension
 * final OssTestServerExtension oss = OssTestServerExtension.configure(b -> b.credentials("AK", "SK").bucket("logs"));
 * ...
 * oss.server().endpoint();
 * }</pre>
 */
public final class OssTestServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Consumer<OssTestServer.Builder> configuration;
    private volatile OssTestServer server;
    private volatile boolean perClass;

    private OssTestServerExtension(Consumer<OssTestServer.Builder> configuration) {
        this.configuration = configuration;
    }

    /** An extension whose server is configured by {@code configuration} (credentials and buckets at least). */
    public static OssTestServerExtension configure(Consumer<OssTestServer.Builder> configuration) {
        return new OssTestServerExtension(Objects.requireNonNull(configuration, "configuration"));
    }

    /** The running server. */
    public OssTestServer server() {
        OssTestServer s = server;
        if (s == null) {
            throw new IllegalStateException("the OSS test server runs only while a test runs");
        }
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        server = start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            server = start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private OssTestServer start() {
        OssTestServer.Builder builder = OssTestServer.builder();
        configuration.accept(builder);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the OSS test server", e);
        }
    }

    private void stop() {
        OssTestServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }
}
