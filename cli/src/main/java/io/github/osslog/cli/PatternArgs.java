package io.github.osslog.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The PATTERN argument and {@code -v} of the commands that take nothing else positional. */
final class PatternArgs {
    @Parameters(index = "0", paramLabel = "PATTERN", description = BaseCommand.PATTERN_HELP)
    String pattern;

    @Option(names = {"-v", "--verbose"}, description = BaseCommand.VERBOSE_HELP)
    boolean verbose;
}
