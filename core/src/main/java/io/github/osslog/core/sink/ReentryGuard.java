package io.github.osslog.core.sink;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Stops an appender from re-entering itself on one thread (an encoder or layout that logs while an event is being
 * appended would otherwise recurse without end), and hands the thread its own state ({@link LogSink}'s reusable
 * encode buffers) from the same slot, so an event costs one thread-local lookup. Thread-safe (one slot per thread); no
 * allocation after a thread's first use.
 *
 * @param <S> the per-thread state
 */
final class ReentryGuard<S> {
    private final ThreadLocal<Slot<S>> slots;

    /** @param perThread creates a thread's state on its first {@link #enter()} */
    public ReentryGuard(Supplier<? extends S> perThread) {
        Objects.requireNonNull(perThread, "perThread");
        this.slots = ThreadLocal.withInitial(() -> new Slot<>(perThread.get()));
    }

    /**
     * Enters the guarded section: this thread's slot, or {@code null} when the thread is already inside (the caller
     * must then not append). Call {@link Slot#exit()} in a finally block after a non-null answer.
     */
    public Slot<S> enter() {
        Slot<S> slot = slots.get();
        if (slot.inside) {
            return null;
        }
        slot.inside = true;
        return slot;
    }

    /** One thread's state and whether the thread is inside the guarded section. Confined to its thread. */
    public static final class Slot<S> {
        private final S state;
        private boolean inside;

        private Slot(S state) {
            this.state = state;
        }

        /** The thread's state. */
        public S state() {
            return state;
        }

        /** Leaves the guarded section. */
        public void exit() {
            inside = false;
        }
    }
}
