package io.github.osslog.testkit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A per-test server (instance field) starts empty for every test; a per-class one (static field) keeps state. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OssTestServerExtensionTest {
    @RegisterExtension
    static final OssTestServerExtension PER_CLASS = OssTestServerExtension.configure(b -> b
            .credentials("AK", "SK").bucket("shared"));

    @RegisterExtension
    final OssTestServerExtension perTest = OssTestServerExtension.configure(b -> b
            .credentials("AK", "SK").bucket("fresh"));

    @Test
    @Order(1)
    void firstTestWritesToBothServers() {
        perTest.server().foreignAppend("fresh", "k", "x".getBytes(StandardCharsets.UTF_8));
        PER_CLASS.server().foreignAppend("shared", "k", "x".getBytes(StandardCharsets.UTF_8));

        assertTrue(perTest.server().endpoint().startsWith("http://127.0.0.1:"));
    }

    @Test
    @Order(2)
    void secondTestSeesOnlyTheSharedObject() {
        assertFalse(perTest.server().content("fresh", "k").isPresent());
        assertEquals(1, PER_CLASS.server().content("shared", "k").get().length);
    }

    @Test
    void serverIsUnavailableOutsideATest() {
        OssTestServerExtension idle = OssTestServerExtension.configure(b -> b.credentials("AK", "SK"));

        assertThrows(IllegalStateException.class, idle::server);
    }
}
