package io.switchboard.mgmt.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust on first use: a server's certificate is trusted when an authority the JVM trusts vouches
 * for it and its name is the server's, or when its SHA-256 fingerprint is the one the admin trusted
 * for this server; else the handshake fails with an {@link UntrustedCertificate} for the console to
 * show. The fingerprint pins the very certificate, so no name check is needed for it.
 */
final class CertificateTrust extends X509ExtendedTrustManager {

    /** The handshake's refusal, carrying what the admin is asked about. */
    static final class Refused extends CertificateException {
        private static final long serialVersionUID = 1L;
        final transient UntrustedCertificate certificate;

        Refused(UntrustedCertificate certificate, CertificateException why) {
            super("The server's certificate " + certificate.subject() + " is not trusted: " + why.getMessage(), why);
            this.certificate = certificate;
        }
    }

    private final X509ExtendedTrustManager authorities;
    private final Supplier<String> pinned;

    /** @param pinned the fingerprint the admin trusted for this server, or null */
    private CertificateTrust(X509ExtendedTrustManager authorities, Supplier<String> pinned) {
        this.authorities = authorities;
        this.pinned = pinned;
    }

    static SSLContext context(Supplier<String> pinned) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            X509ExtendedTrustManager authorities = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    authorities = x;
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new CertificateTrust(authorities, pinned) }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable in this JVM", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            authorities.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            pinnedOrRefused(chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            authorities.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            pinnedOrRefused(chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            authorities.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            pinnedOrRefused(chain, e);
        }
    }

    private void pinnedOrRefused(X509Certificate[] chain, CertificateException why) throws CertificateException {
        String pin = pinned.get();
        if (chain.length > 0 && UntrustedCertificate.fingerprint(chain[0]).equals(pin)) {
            chain[0].checkValidity(); // a pinned certificate that expired is refused like any other
            return;
        }
        throw new Refused(UntrustedCertificate.of(chain[0], pin), why);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("The console authenticates no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("The console authenticates no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("The console authenticates no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.getAcceptedIssuers();
    }
}
