package io.github.osslog.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the application boundary contains, and how often it reports. */
class ContainmentTest {
    @Test
    void reportsTheFirstFailureThenAtMostOnceAMinuteWithTheCountSince() {
        AtomicLong now = new AtomicLong(-5); // nanoTime may be negative
        Containment containment = new Containment(now::get);

        assertEquals(1, containment.failed());
        assertEquals(0, containment.failed());
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        assertEquals(0, containment.failed());
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(3, containment.failed(), "the two unreported ones and this one");
        assertEquals(0, containment.failed());
    }

    @Test
    void onlyAFailingJvmPassesThrough() {
        Containment.rethrowIfFatal(new NoClassDefFoundError("kotlin/enums/EnumEntriesKt"));
        Containment.rethrowIfFatal(new IllegalAccessError());
        Containment.rethrowIfFatal(new StackOverflowError());
        Containment.rethrowIfFatal(new IllegalStateException());
        assertThrows(OutOfMemoryError.class, () -> Containment.rethrowIfFatal(new OutOfMemoryError()));
        assertThrows(InternalError.class, () -> Containment.rethrowIfFatal(new InternalError()));
    }

    @Test
    void theReportNamesTheClassNotTheMessage() {
        String text = Containment.describe("appending to [OSS]", new IllegalAccessError("secret-ish detail"), 4);
        assertEquals("osslog: appending to [OSS] failed with java.lang.IllegalAccessError (4 time(s) since the last"
                + " report, at most one report a minute); the event(s) were dropped and counted under 'internal"
                + " error'", text);
    }
}
