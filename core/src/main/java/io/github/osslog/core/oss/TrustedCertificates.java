package io.github.osslog.core.oss;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a client trusts instead of the system's: the PKIX trust manager over exactly the certificates
 * of one PEM bundle, with the usual chain, validity and (in OkHttp) hostname checks. Immutable and thread-safe.
 */
final class TrustedCertificates {
    private final Path file;
    private final X509TrustManager trustManager;
    private final SSLSocketFactory socketFactory;

    private TrustedCertificates(Path file, X509TrustManager trustManager, SSLSocketFactory socketFactory) {
        this.file = file;
        this.trustManager = trustManager;
        this.socketFactory = socketFactory;
    }

    /**
     * Reads every certificate in the PEM file {@code pem}.
     *
     * @throws IllegalArgumentException naming {@code trustedCertificates} and the fix, if the file cannot be read
     *     or holds no certificate
     */
    static TrustedCertificates load(Path pem) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("trustedCertificates '" + pem + "' cannot be read (" + e.getMessage()
                    + "): point it at a PEM file of X.509 certificates (-----BEGIN CERTIFICATE-----), e.g. the"
                    + " output of keytool -exportcert -rfc");
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("trustedCertificates '" + pem + "' holds no certificate: point it at a"
                    + " PEM file of X.509 certificates (-----BEGIN CERTIFICATE-----)");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("trusted-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            X509TrustManager trustManager = x509(factory.getTrustManagers());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return new TrustedCertificates(pem, trustManager, context.getSocketFactory());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("trustedCertificates '" + pem + "' cannot be used (" + e.getMessage()
                    + "): point it at a PEM file of X.509 CA or server certificates", e);
        }
    }

    private static X509TrustManager x509(TrustManager[] managers) throws GeneralSecurityException {
        for (TrustManager m : managers) {
            if (m instanceof X509TrustManager) {
                return (X509TrustManager) m;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    Path file() {
        return file;
    }

    X509TrustManager trustManager() {
        return trustManager;
    }

    SSLSocketFactory socketFactory() {
        return socketFactory;
    }
}
