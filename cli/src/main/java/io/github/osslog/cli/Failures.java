package io.github.osslog.cli;

import io.github.osslog.core.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Maps what a command threw to a message that names the fix, and to the exit code. Stateless. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    private final Session session;

    Failures(Session session) {
        this.session = session;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        if (cause instanceof IllegalArgumentException) {
            session.warn(cause.getMessage());
            return Osslog.USAGE;
        }
        if (cause instanceof StoreException) {
            session.warn(cause.getMessage() + hint((StoreException) cause));
            return Osslog.REFUSED;
        }
        if (cause instanceof IOException) {
            session.warn(cause.getMessage() == null ? cause.toString() : cause.getMessage());
            return Osslog.REFUSED;
        }
        session.warn("unexpected failure: " + cause);
        return Osslog.REFUSED;
    }

    /** What to do about a refusal. */
    static String hint(StoreException e) {
        switch (e.code()) {
            case "AccessDenied":
                return ": the credentials lack a permission; reading needs oss:GetObject, and oss:ListObjects"
                        + " unless the pattern's %host/%pid/%{name} are all given (then keys are probed with HEAD)";
            case "InvalidAccessKeyId":
            case "SignatureDoesNotMatch":
                return ": check OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (and --region, --signature-version)";
            case "SecurityTokenExpired":
            case "InvalidSecurityToken":
                return ": renew OSS_SESSION_TOKEN with its key pair";
            case "NoSuchBucket":
                return ": check --bucket (OSS_BUCKET) and that --endpoint is the bucket's region";
            default:
                return e.status() == 403 ? ": check the credentials and their permissions" : "";
        }
    }
}
