package io.github.osslog.testkit.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    private static String problem(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Main.parse(args)).getMessage();
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertTrue(problem().contains("required"));
        assertTrue(problem("--port", "x", "--access-key-id", "AK", "--access-key-secret", "SK").contains("--port"));
        assertTrue(problem("--port", "0", "--access-key-id").contains("needs a value"));
        assertTrue(problem("--port", "0", "--access-key-id", "AK", "--access-key-secret", "SK", "--colour", "red")
                .contains("--colour"));
        assertTrue(problem("--port", "0", "--access-key-id", "AK", "--access-key-secret", "SK", "--bucket", "Bad_")
                .contains("Bad_"));
        assertTrue(problem("--port", "70000", "--access-key-id", "AK", "--access-key-secret", "SK")
                .contains("70000"));
    }

    @Test
    void goodArgumentsGiveABuilder() {
        Main.parse(new String[] {"--port", "0", "--access-key-id", "AK", "--access-key-secret", "SK",
                "--region", "cn-shanghai", "--bucket", "logs", "--bucket", "more"});
    }
}
