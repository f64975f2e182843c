package io.github.osslog.cli;

import io.github.osslog.reader.LogLine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/** How content is printed. */
final class OutputOptions {
    @Option(names = "--no-gzip", description = "Print gzip objects' raw bytes instead of decoding them.")
    boolean noGzip;

    @Option(names = "--key", description = "Prefix each line with its object's key and a tab.")
    boolean key;

    /** Writes one line as these options say: its bytes, after its key and a tab with {@code --key}. */
    void print(OutputStream out, LogLine line) {
        try {
            if (key) {
                KeyedLines.line(out, line.object().key(), line.bytes());
            } else {
                out.write(line.bytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // from a line callback; the command reports it
        }
    }
}
