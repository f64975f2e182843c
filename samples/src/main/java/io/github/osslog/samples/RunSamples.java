package io.github.osslog.samples;

/**
 * The README's first command: runs the Logback sample and then the Log4j2 sample against the embedded testkit
 * (or real OSS, see {@link Target}) and prints every object that landed; then reads both back with the
 * {@code osslog} command line.
 */
public final class RunSamples {
    private RunSamples() {
    }

    public static void main(String[] args) throws Exception {
        try (Target target = Target.fromEnvironment()) {
            System.out.println("osslog samples: shipping to " + target);
            System.out.println();
            LogbackSample.run(target, System.out);
            System.out.println();
            Log4j2Sample.run(target, System.out);
            System.out.println();
            ReadBack.run(target, System.out, System.err);
        }
    }
}
