package io.github.osslog.samples;

import java.io.PrintStream;
import java.util.List;

/** What both samples do around their framework's logging calls: log the workload, stop, print what landed. */
final class Sample {
    private Sample() {
    }

    /**
     * Logs the workload through {@code sink}, runs {@code stopFramework} (which ships what is buffered), then prints
     * the objects under {@code prefix}; returns the messages logged.
     */
    static List<String> run(String framework, String prefix, Workload.Sink sink, Runnable stopFramework,
            Target target, PrintStream out) throws Exception {
        List<String> messages = Workload.run(sink);
        stopFramework.run();
        out.println(framework + " sample: logged " + messages.size() + " events; objects under " + prefix + ":");
        Landed.print(target.reader(), prefix, out);
        return messages;
    }
}
