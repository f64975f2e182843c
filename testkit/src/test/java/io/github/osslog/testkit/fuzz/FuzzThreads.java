package io.github.osslog.testkit.fuzz;

/** Checks that stopped appenders left no shipper thread behind. Stateless. */
public final class FuzzThreads {
    private FuzzThreads() {
    }

    public static void assertNoShipperLeft(String where) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("osslog-shipper-")) {
                try {
                    t.join(5_000); // a shipper interrupted at the end of its stop budget may need a moment
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (t.isAlive()) {
                    throw new AssertionError(where + ": leaked " + t.getName());
                }
            }
        }
    }
}
