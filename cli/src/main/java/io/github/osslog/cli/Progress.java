package io.github.osslog.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A one-line progress report on stderr for long reads, shown only when there is a terminal to show it on and
 * redrawn at most twice a second. Not thread-safe.
 */
final class Progress {
    private static final long EVERY_NANOS = 500_000_000L;

    private final PrintStream err;
    private final boolean shown;
    private final int objects;
    private int objectsDone;
    private long lastDraw = System.nanoTime();
    private boolean drawn;

    Progress(PrintStream err, int objects) {
        this.err = err;
        this.objects = objects;
        this.shown = onTerminal();
    }

    /**
     * {@link System#console()} is null when stdin or stdout is redirected (JDK 21 and older); from JDK 22 on it may
     * exist without a terminal and {@code Console.isTerminal()} (public API since 22) says whether there is one.
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            MethodHandle isTerminal = MethodHandles.publicLookup().findVirtual(Console.class, "isTerminal",
                    MethodType.methodType(boolean.class));
            return (boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return true; // before JDK 22 a console means a terminal
        } catch (Throwable e) {
            return false;
        }
    }

    /** One more object was read. */
    void objectDone(long bytes) {
        objectsDone++;
        update(bytes);
    }

    /** {@code bytes} have been read so far. */
    void update(long bytes) {
        long now = System.nanoTime();
        if (!shown || now - lastDraw < EVERY_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print("\rosslog: " + objectsDone + "/" + objects + " objects, " + (bytes >> 20) + " MB ");
        err.flush();
    }

    void done() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
