package io.github.osslog.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code osslog}: reads back what the osslog appenders wrote. Entry point of {@code osslog.jar}; {@link #run} is the
 * same in-process (tests, the samples).
 */
@Command(name = "osslog", mixinStandardHelpOptions = true, versionProvider = Osslog.Version.class,
        subcommands = {LsCommand.class, CatCommand.class, TailCommand.class, GrepCommand.class},
        description = {"Reads back the logs the osslog appenders shipped to OSS: list, print, follow and search the"
                + " objects of an objectKeyPattern, in write order.", ""},
        footer = {"", "Connection: --endpoint/--bucket/--region or OSS_ENDPOINT/OSS_BUCKET/OSS_REGION. Credentials:"
                + " OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET (and OSS_SESSION_TOKEN), or"
                + " ALIBABA_CLOUD_ECS_METADATA=<role> on ECS; never on the command line.",
            "stdout carries exactly the objects' bytes (gzip decoded); diagnostics go to stderr.",
            "Exit codes: 0 success, 1 grep found nothing, 2 usage or configuration error, 3 the store refused"
                + " the request for good (e.g. 403, no such bucket) or kept failing past --retry-for."})
public final class Osslog {
    /** Success. */
    public static final int OK = 0;
    /** {@code grep} selected no line. */
    public static final int NOTHING_FOUND = 1;
    /** Bad usage or configuration. */
    public static final int USAGE = 2;
    /** The store refused the request for good. */
    public static final int REFUSED = 3;

    private Osslog() {
    }

    public static void main(String[] args) {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), stdout, stderr));
    }

    /**
     * Runs one command line.
     *
     * @param env where OSS_* variables and credentials are read
     * @param out receives exactly the objects' bytes
     * @param err receives diagnostics
     * @return the exit code
     */
    public static int run(String[] args, Map<String, String> env, OutputStream out, PrintStream err) {
        Session session = new Session(env, out, err);
        CommandLine cli = new CommandLine(new Osslog(), new SessionFactory(session));
        cli.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler(new Failures(session));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("osslog: " + e.getMessage());
            err.println("Run 'osslog " + (e.getCommandLine().getCommandName().equals("osslog") ? ""
                    : e.getCommandLine().getCommandName() + " ") + "--help' for the options.");
            return USAGE;
        });
        return cli.execute(args);
    }

    /** Gives each command the session (streams, environment). */
    private static final class SessionFactory implements CommandLine.IFactory {
        private final Session session;

        SessionFactory(Session session) {
            this.session = session;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (BaseCommand.class.isAssignableFrom(cls)) {
                K command = CommandLine.defaultFactory().create(cls);
                ((BaseCommand) command).session = session;
                return command;
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** The version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Osslog.class.getPackage().getImplementationVersion();
            return new String[] {"osslog " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
