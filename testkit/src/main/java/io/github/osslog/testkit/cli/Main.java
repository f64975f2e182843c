package io.github.osslog.testkit.cli;

import io.github.osslog.testkit.OssTestServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone testkit: {@code java -jar osslog-testkit-<version>.jar --port 9000 --access-key-id AK
 * --access-key-secret SK [--region R] [--data-dir DIR] [--bucket NAME ...] [--tls-keystore FILE --tls-password PW]}.
 * Prints one line with the endpoint and
 * serves until killed; exits with 2 on bad arguments.
 */
public final class Main {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar osslog-testkit.jar --port PORT --access-key-id AK --access-key-secret SK",
            "                                    [--region REGION] [--data-dir DIR] [--bucket NAME ...]",
            "                                    [--tls-keystore FILE --tls-password PW]",
            "  --port PORT             loopback port to listen on; 0 picks a free one",
            "  --access-key-id AK      access key id clients sign with",
            "  --access-key-secret SK  its secret",
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
        OssTestServer.Builder builder = OssTestServer.builder();
        Integer port = null;
        String accessKeyId = null;
        String accessKeySecret = null;
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
        if (port == null || accessKeyId == null || accessKeySecret == null) {
            throw new IllegalArgumentException("--port, --access-key-id and --access-key-secret are required");
        }
        if (tlsPassword != null && tlsKeyStore == null) {
            throw new IllegalArgumentException("--tls-password needs --tls-keystore");
        }
        if (tlsKeyStore != null) {
            builder.tlsKeyStore(Paths.get(tlsKeyStore), tlsPassword);
        }
        return builder.credentials(accessKeyId, accessKeySecret).autoCreateBuckets(!anyBucket);
    }
}
