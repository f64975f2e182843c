package io.github.osslog.cli;

import picocli.CommandLine.Option;

/** How content is printed. */
final class OutputOptions {
    @Option(names = "--no-gzip", description = "Print gzip objects' raw bytes instead of decoding them.")
    boolean noGzip;

    @Option(names = "--key", description = "Prefix each line with its object's key and a tab.")
    boolean key;
}
