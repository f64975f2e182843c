package io.github.osslog.samples;

import io.github.osslog.cli.Osslog;
import java.io.PrintStream;

/** Reads what the samples shipped back with the {@code osslog} command line, run in-process. Stateless. */
final class ReadBack {
    /** The key patterns of logback.xml and log4j2.xml. */
    static final String[] PATTERNS = {"samples/logback/%d{yyyy-MM-dd}/%host-%pid-%i.log",
        "samples/log4j2/%d{yyyy-MM-dd}/%host-%pid-%i.log.gz"};

    private ReadBack() {
    }

    /** Prints {@code osslog ls} and {@code osslog cat} of each sample's pattern; returns the last exit code. */
    static int run(Target target, PrintStream out, PrintStream err) {
        int code = 0;
        for (String pattern : PATTERNS) {
            for (String command : new String[] {"ls", "cat"}) {
                out.println("$ java -jar cli/target/osslog.jar " + command + " '" + pattern + "'");
                out.flush();
                code = Osslog.run(new String[] {command, pattern}, target.readerEnvironment(), out, err);
                out.flush();
            }
        }
        return code;
    }
}
