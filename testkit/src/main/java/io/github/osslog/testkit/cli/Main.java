package io.github.osslog.testkit.cli;

import io.github.osslog.testkit.OssTestServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The standalone testkit: {@code java -jar osslog-testkit-<version>.jar --port 9000 --access-key-id AK
 * --access-key-secret SK [--region R] [--data-dir DIR] [--bucket NAME ...] [--tls-keystore FILE --tls-password PW]}.
 * The key pair may instead come from the environment ({@code OSS_ACCESS_KEY_ID}, {@code OSS_ACCESS_KEY_SECRET}) or
 * the secret from a file ({@code --access-key-secret-file}), so it need not show in the process list. Prints one
 * line with the endpoint and serves until killed; exits with 2 on bad arguments.
 */
public final class Main {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar osslog-testkit.jar --port PORT [--access-key-id AK]",
            "                                    [--access-key-secret SK | --access-key-secret-file FILE]",
            "                                    [--region REGION] [--data-dir DIR] [--bucket NAME ...]",
            "                                    [--tls-keystore FILE --tls-password PW]",
            "  --port PORT             loopback port to listen on; 0 picks a free one",
            "  --access-key-id AK      access key id clients sign with (default: $OSS_ACCESS_KEY_ID)",
            "  --access-key-secret SK  its secret (default: $OSS_ACCESS_KEY_SECRET); visible in the process list,",
            "                          so prefer the variable or",
            "  --access-key-secret-file FILE  a file holding the secret (surrounding whitespace ignored)",
            "  --region REGION         region for V4 signatures (default cn-hangzhou)",
            "  --data-dir DIR          keep objects in DIR so they survive a restart (default: memory)",
            "  --bucket NAME           create this bucket (repeatable); without any, buckets are created on first use",
            "  --tls-keystore FILE     serve HTTPS with the key and certificate in this PKCS#12 file",
            "  --tls-password PW       the PKCS#12 file's password");

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        OssTestServer server;
        try {
            server = parse(args).start();
        } catch (IllegalArgumentException e) {
            System.err.println("osslog testkit: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("osslog testkit: could not start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "osslog-testkit-shutdown"));
        PrintStream out = System.out;
        out.println("osslog testkit listening on " + server.endpoint());
        out.flush();
        new CountDownLatch(1).await();
    }

    /** Turns the arguments into a configured builder; throws IllegalArgumentException with the problem. */
    static OssTestServer.Builder parse(String[] args) {
        return parse(args, System::getenv);
    }

    /** As {@link #parse(String[])}, reading the key pair's variables through {@code env}. */
    static OssTestServer.Builder parse(String[] args, Function<String, String> env) {
        OssTestServer.Builder builder = OssTestServer.builder();
        Integer port = null;
        String accessKeyId = null;
        String accessKeySecret = null;
        String secretFile = null;
        boolean anyBucket = false;
        String tlsKeyStore = null;
        String tlsPassword = null;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--port":
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port '" + value + "' is not a number");
                    }
                    builder.port(port);
                    break;
                case "--access-key-id": accessKeyId = value; break;
                case "--access-key-secret": accessKeySecret = value; break;
                case "--access-key-secret-file": secretFile = value; break;
                case "--region": builder.region(value); break;
                case "--data-dir": builder.dataDir(Paths.get(value)); break;
                case "--bucket":
                    builder.bucket(value);
                    anyBucket = true;
                    break;
                case "--tls-keystore": tlsKeyStore = value; break;
                case "--tls-password": tlsPassword = value; break;
                default: throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (accessKeySecret != null && secretFile != null) {
            throw new IllegalArgumentException("give --access-key-secret or --access-key-secret-file, not both");
        }
        if (secretFile != null) {
            accessKeySecret = readSecret(secretFile);
        }
        if (accessKeyId == null) {
            accessKeyId = variable(env, "OSS_ACCESS_KEY_ID");
        }
        if (accessKeySecret == null) {
            accessKeySecret = variable(env, "OSS_ACCESS_KEY_SECRET");
        }
        if (port == null || accessKeyId == null || accessKeySecret == null) {
            throw new IllegalArgumentException("--port, an access key id (--access-key-id or OSS_ACCESS_KEY_ID) and"
                    + " its secret (--access-key-secret, --access-key-secret-file or OSS_ACCESS_KEY_SECRET) are"
                    + " required");
        }
        if (tlsPassword != null && tlsKeyStore == null) {
            throw new IllegalArgumentException("--tls-password needs --tls-keystore");
        }
        if (tlsKeyStore != null) {
            builder.tlsKeyStore(Paths.get(tlsKeyStore), tlsPassword);
        }
        return builder.credentials(accessKeyId, accessKeySecret).autoCreateBuckets(!anyBucket);
    }

    private static String variable(Function<String, String> env, String name) {
        String value = env.apply(name);
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    /** The secret in {@code file} without surrounding whitespace (a file usually ends with a newline). */
    private static String readSecret(String file) {
        try {
            String secret = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8).trim();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("--access-key-secret-file '" + file + "' is empty");
            }
            return secret;
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException("--access-key-secret-file '" + file + "' cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
