package io.github.osslog.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/** One run's streams and environment. Not thread-safe. */
final class Session {
    final Map<String, String> env;
    /** Raw bytes, never through a Writer: the platform charset must not touch the objects' bytes. */
    final OutputStream out;
    final PrintStream err;
    boolean verbose;

    Session(Map<String, String> env, OutputStream out, PrintStream err) {
        this.env = env;
        this.out = new BufferedOutputStream(out, 64 << 10);
        this.err = err;
    }

    void note(String message) {
        if (verbose) {
            err.println("osslog: " + message);
        }
    }

    void warn(String message) {
        err.println("osslog: " + message);
    }

    void flush() throws IOException {
        out.flush();
    }
}
