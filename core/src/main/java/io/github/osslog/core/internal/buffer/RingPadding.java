package io.github.osslog.core.internal.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class RingPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e;
}

abstract class RingTail extends RingPad0 {
    long tail;
}

abstract class RingPad1 extends RingTail {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e;
}

abstract class RingHeadCache extends RingPad1 {
    long headCache;
}

abstract class RingPad2 extends RingHeadCache {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e;
}

abstract class RingHead extends RingPad2 {
    long head;
    long headOwner;
    long dropRequested;
}

abstract class RingPad3 extends RingHead {
    long p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p3a, p3b, p3c, p3d, p3e;
}

abstract class RingSignal extends RingPad3 {
    long consumerSleeping;
    /** While the consumer sleeps: the bytes in use at which a producer wakes it (0: any committed record). */
    volatile long wakeAtBytes;
    volatile boolean wakeRequested;
    volatile Thread consumerThread;
}

/**
 * The mutable fields of the ring, each group on its own 128 bytes (two prefetched cache lines), and the VarHandles
 * that access them; the protocol lives in {@link RingCursors}. The JVM lays out superclass fields first, so the
 * class chain above keeps producers CASing the tail from invalidating the consumer's head line, and vice versa.
 * The flags are {@code long}s on purpose: since JDK 15 the JVM fills 4-byte holes in a superclass with subclass
 * fields, and an {@code int} pair would leave a hole for the sleeping flag right next to the head.
 */
abstract class RingPadding extends RingSignal {
    static final VarHandle TAIL;
    static final VarHandle HEAD_CACHE;
    static final VarHandle HEAD;
    static final VarHandle HEAD_OWNER;
    static final VarHandle DROP_REQUESTED;
    static final VarHandle SLEEPING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(RingTail.class, "tail", long.class);
            HEAD_CACHE = lookup.findVarHandle(RingHeadCache.class, "headCache", long.class);
            HEAD = lookup.findVarHandle(RingHead.class, "head", long.class);
            HEAD_OWNER = lookup.findVarHandle(RingHead.class, "headOwner", long.class);
            DROP_REQUESTED = lookup.findVarHandle(RingHead.class, "dropRequested", long.class);
            SLEEPING = lookup.findVarHandle(RingSignal.class, "consumerSleeping", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p4a, p4b, p4c, p4d, p4e;
}
