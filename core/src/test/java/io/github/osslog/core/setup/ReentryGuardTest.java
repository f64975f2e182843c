package io.github.osslog.core.setup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReentryGuardTest {

    @Test
    void refusesTheSameThreadUntilItLeavesButNotOtherThreads() throws Exception {
        ReentryGuard guard = new ReentryGuard();
        assertTrue(guard.enter());
        assertFalse(guard.enter());
        AtomicBoolean other = new AtomicBoolean();
        Thread t = new Thread(() -> other.set(guard.enter()));
        t.start();
        t.join();
        assertTrue(other.get(), "another thread is not inside");
        guard.exit();
        assertTrue(guard.enter());
        guard.exit();
    }
}
