package io.switchboard.webhook.core.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whom webhooks trust over HTTPS: the JVM's authorities, and the certificates in the file the
 * {@code trustedCertificates} setting names (an in-house CA's, or a receiver's own self-signed one),
 * so that an internal receiver needs neither plain HTTP nor a public certificate. The host name is
 * still checked against the receiver's certificate.
 */
final class WebhookTrust {

    private static final Logger LOG = System.getLogger(WebhookTrust.class.getName());

    private WebhookTrust() {
    }

    /**
     * @return the context for the file; when it cannot be read, the JVM's authorities alone, the file named
     *         in the log: a bad file must not stop every other subscription's deliveries
     */
    static SSLContext contextOrDefault(String pemFile) {
        try {
            return context(pemFile);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, e.getMessage() + "; HTTPS receivers are judged by the JVM's authorities alone");
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException none) {
                throw new IllegalStateException(none);
            }
        }
    }

    /** @return when the file last changed, so that a renewed certificate is read again; -1 for none */
    static long stamp(String pemFile) {
        try {
            return pemFile == null || pemFile.isBlank() ? -1 : Files.getLastModifiedTime(Path.of(pemFile.trim()))
                    .toMillis();
        } catch (IOException | RuntimeException e) {
            return -2; // gone or unreadable: the context says why, once
        }
    }

    /** @throws IllegalArgumentException naming the setting when the file cannot be read or holds no certificate */
    static SSLContext context(String pemFile) {
        try {
            if (pemFile == null || pemFile.isBlank()) {
                return SSLContext.getDefault();
            }
            Collection<? extends Certificate> added = read(pemFile.trim());
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (X509Certificate authority : jvmAuthorities()) {
                trust.setCertificateEntry("jvm-" + n++, authority);
            }
            for (Certificate c : added) {
                trust.setCertificateEntry("added-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw invalid(pemFile, e.getMessage());
        }
    }

    private static Collection<? extends Certificate> read(String pemFile) {
        try (InputStream in = Files.newInputStream(Path.of(pemFile))) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw invalid(pemFile, "it holds no certificate (PEM: -----BEGIN CERTIFICATE-----)");
            }
            return certificates;
        } catch (IOException e) {
            throw invalid(pemFile, "it cannot be read (" + e + ")");
        } catch (CertificateException e) {
            throw invalid(pemFile, "not PEM certificates: " + e.getMessage());
        }
    }

    private static X509Certificate[] jvmAuthorities() throws NoSuchAlgorithmException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager m : tmf.getTrustManagers()) {
            if (m instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }

    private static IllegalArgumentException invalid(String pemFile, String why) {
        return new IllegalArgumentException("Invalid setting " + WebhookSettings.PID + " trustedCertificates="
                + pemFile + ": " + why);
    }
}
