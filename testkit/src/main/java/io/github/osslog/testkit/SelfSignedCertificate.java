package io.github.osslog.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A throw-away self-signed EC certificate for {@code 127.0.0.1} and {@code localhost}, made with the JDK's
 * {@code keytool}: a PKCS#12 key store for {@link OssTestServer.Builder#tlsKeyStore} and the certificate as PEM for
 * the client's trust setting. Immutable; the files live in the directory it was created in.
 */
public final class SelfSignedCertificate {
    private static final String ALIAS = "testkit";

    private final Path keyStore;
    private final String password;
    private final Path pem;

    private SelfSignedCertificate(Path keyStore, String password, Path pem) {
        this.keyStore = keyStore;
        this.password = password;
        this.pem = pem;
    }

    /** A certificate for {@code 127.0.0.1} and {@code localhost}, valid for two days. */
    public static SelfSignedCertificate create(Path dir) throws IOException {
        return create(dir, "ip:127.0.0.1,dns:localhost");
    }

    /**
     * A certificate whose subject alternative names are {@code san}, in keytool's syntax (e.g.
     * {@code dns:example.invalid}), for testing that clients check the host name.
     */
    public static SelfSignedCertificate create(Path dir, String san) throws IOException {
        Files.createDirectories(dir);
        Path keyStore = Files.createTempFile(dir, "testkit-", ".p12");
        Files.delete(keyStore); // keytool refuses to write into an empty file that is not a key store
        Path pem = Paths.get(keyStore.toString().replaceAll("\\.p12$", ".pem"));
        String password = "testkit-" + Long.toHexString(System.nanoTime());
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keyStore.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", password, "-file", pem.toString());
        return new SelfSignedCertificate(keyStore, password, pem);
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            output = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        }
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException("keytool " + args[0] + " exited with " + exit + ": " + output.trim());
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for keytool", e);
        }
    }

    /** The PKCS#12 key store holding the private key and certificate. */
    public Path keyStore() {
        return keyStore;
    }

    /** The key store's (and key's) password. */
    public String password() {
        return password;
    }

    /** The certificate alone, PEM-encoded, for a client to trust. */
    public Path pem() {
        return pem;
    }
}
