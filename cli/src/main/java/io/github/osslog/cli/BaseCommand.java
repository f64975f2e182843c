package io.github.osslog.cli;

import io.github.osslog.core.auth.CredentialsException;
import io.github.osslog.core.auth.CredentialsProvider;
import io.github.osslog.core.auth.DefaultCredentialsProvider;
import io.github.osslog.core.oss.OssClient;
import io.github.osslog.core.oss.OssClientConfig;
import io.github.osslog.core.oss.UrlStyle;
import io.github.osslog.core.sign.SignatureVersion;
import io.github.osslog.reader.DiscoveryMode;
import io.github.osslog.reader.LogReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command shares: where the store is, which pattern, which window. PATTERN and {@code --verbose}
 * are added to each command's model by {@link SharedArgs}, since their place differs ({@code grep REGEX PATTERN},
 * grep's {@code -v}); the commands declare neither.
 */
@Command(modelTransformer = BaseCommand.SharedArgs.class)
abstract class BaseCommand implements Callable<Integer> {
    Session session;

    @Spec
    CommandSpec spec;

    static final String PATTERN_HELP = "The appenders' objectKeyPattern, e.g."
            + " 'logs/%%d{yyyy-MM-dd}/%%host-%%pid-%%i.log.gz'. %%host, %%pid and %%{name} match any value unless"
            + " given with --host, --pid, --value.";
    static final String VERBOSE_HELP = "Say on stderr how objects are discovered, and each retry.";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--endpoint", paramLabel = "URL", description = "OSS endpoint (default: $OSS_ENDPOINT).")
    String endpoint;

    @Option(names = "--bucket", description = "Bucket (default: $OSS_BUCKET).")
    String bucket;

    @Option(names = "--region", description = "Region, e.g. cn-hangzhou (default: $OSS_REGION, or derived from"
            + " the endpoint).")
    String region;

    @Option(names = "--signature-version", paramLabel = "V4|V1", description = "Request signing (default: V4).")
    SignatureVersion signatureVersion = SignatureVersion.V4;

    @Option(names = "--url-style", paramLabel = "STYLE", description = "AUTO (default), PATH, VIRTUAL_HOSTED or"
            + " CNAME.")
    UrlStyle urlStyle = UrlStyle.AUTO;

    @Option(names = "--trusted-certificates", paramLabel = "PEM", description = "Trust exactly the certificates"
            + " in this PEM file (a private CA) instead of the system's.")
    Path trustedCertificates;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "The zone the appenders wrote %%d in"
            + " (default: UTC, the appenders' default).")
    ZoneId zone = ZoneId.of("UTC");

    @Option(names = "--host", description = "The value of %%host (default: any).")
    String host;

    @Option(names = "--pid", description = "The value of %%pid (default: any).")
    String pid;

    @Option(names = "--value", paramLabel = "NAME=VALUE", description = "The value of %%{NAME} (default: any).")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--discovery", paramLabel = "MODE", description = "AUTO (default: ListObjects, HEAD probing"
            + " when listing is refused), LISTING or PROBING.")
    DiscoveryMode discovery = DiscoveryMode.AUTO;

    @Option(names = "--retry-for", paramLabel = "DURATION", converter = Times.DurationConverter.class,
            description = "How long a failing request is retried on transient errors (5xx, 429, timeouts, resets)"
                    + " before giving up with exit code 3 (default: 2m). tail -f never gives up.")
    Duration retryFor = Duration.ofMinutes(2);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public final Integer call() throws Exception {
        session.verbose = (Boolean) spec.findOption("--verbose").getValue();
        try (OssClient oss = OssClient.create(clientConfig())) {
            LogReader reader = LogReader.builder().client(oss).pattern(pattern()).zone(zone).discovery(discovery)
                    .values(values()).decodeGzip(decodeGzip()).notes(session::note).retryFor(retryFor).build();
            return run(reader);
        } finally {
            session.flush();
        }
    }

    /** The command itself. */
    abstract int run(LogReader reader) throws Exception;

    /** The PATTERN argument: the last positional. */
    private String pattern() {
        List<PositionalParamSpec> positionals = spec.positionalParameters();
        return positionals.get(positionals.size() - 1).getValue();
    }

    /** Whether gzip objects are decoded: unless the command has {@code --no-gzip} and it was given. */
    private boolean decodeGzip() {
        OptionSpec noGzip = spec.findOption("--no-gzip");
        return noGzip == null || !(Boolean) noGzip.getValue();
    }

    Instant now() {
        return Instant.now();
    }

    private Map<String, String> values() {
        Map<String, String> all = new LinkedHashMap<>(values);
        if (host != null) {
            all.put("host", host);
        }
        if (pid != null) {
            all.put("pid", pid);
        }
        return all;
    }

    private OssClientConfig clientConfig() {
        OssClientConfig.Builder config = OssClientConfig.builder()
                .endpoint(orEnv(endpoint, "OSS_ENDPOINT", "--endpoint"))
                .bucket(orEnv(bucket, "OSS_BUCKET", "--bucket"))
                .region(region != null ? region : session.env.get("OSS_REGION"))
                .signatureVersion(signatureVersion)
                .urlStyle(urlStyle)
                .credentials(credentials())
                // A stall ends a request after 30 s. A longer download is not lost: the reader continues it with a
                // ranged GET from the last byte it delivered. A call timeout no longer than the read timeout also
                // keeps OkHttp's timeout watchdog from being woken at every socket read, which cost 40% on a
                // loopback download (docs/reader.md, "Request timeouts").
                .readTimeout(REQUEST_TIMEOUT)
                .callTimeout(REQUEST_TIMEOUT);
        if (trustedCertificates != null) {
            config.trustedCertificates(trustedCertificates);
        }
        return config.build();
    }

    private String orEnv(String given, String variable, String option) {
        String value = given != null ? given : session.env.get(variable);
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException(option.substring(2) + " is missing: pass " + option + " or set "
                    + variable);
        }
        return value;
    }

    private CredentialsProvider credentials() {
        try {
            return DefaultCredentialsProvider.create(session.env::get);
        } catch (CredentialsException e) {
            throw new IllegalArgumentException("no OSS credentials: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET"
                    + " (and OSS_SESSION_TOKEN for STS keys), or ALIBABA_CLOUD_ECS_METADATA=<role name> on an ECS"
                    + " instance; osslog takes no secret on the command line"
                    + (e.getMessage().startsWith("No OSS credentials found") ? "" : " (" + e.getMessage() + ")"));
        }
    }

    /**
     * Adds PATTERN after the command's own positionals, and {@code --verbose}, also as {@code -v} unless the command
     * gives {@code -v} another meaning (grep's {@code --invert-match}, as in grep).
     */
    static final class SharedArgs implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.addPositional(PositionalParamSpec.builder().index(String.valueOf(spec.positionalParameters().size()))
                    .paramLabel("PATTERN").description(PATTERN_HELP).type(String.class).arity("1").required(true)
                    .build());
            OptionSpec v = spec.findOption("-v");
            spec.addOption(OptionSpec.builder(v == null ? new String[] {"-v", "--verbose"} : new String[] {"--verbose"})
                    .description(VERBOSE_HELP + (v == null ? "" : " (-v is " + v.longestName() + " here)"))
                    .type(boolean.class).arity("0").initialValue(false).build());
            return spec;
        }
    }
}
