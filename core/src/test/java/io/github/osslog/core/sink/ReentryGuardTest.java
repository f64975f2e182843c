package io.github.osslog.core.sink;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReentryGuardTest {

    @Test
    void refusesTheSameThreadUntilItLeavesButNotOtherThreads() throws Exception {
        ReentryGuard<StringBuilder> guard = new ReentryGuard<>(StringBuilder::new);
        ReentryGuard.Slot<StringBuilder> slot = guard.enter();
        assertNotNull(slot);
        assertNull(guard.enter(), "the same thread is inside");
        AtomicReference<ReentryGuard.Slot<StringBuilder>> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(guard.enter()));
        t.start();
        t.join();
        assertNotNull(other.get(), "another thread is not inside");
        assertNotSame(slot.state(), other.get().state(), "each thread has its own state");
        slot.exit();
        ReentryGuard.Slot<StringBuilder> again = guard.enter();
        assertSame(slot, again, "a thread keeps its slot and state");
        again.exit();
    }
}
