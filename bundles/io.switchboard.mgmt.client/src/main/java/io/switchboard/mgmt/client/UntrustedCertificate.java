package io.switchboard.mgmt.client;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A server's certificate that no authority the JVM trusts vouches for, and that the admin has not
 * trusted for this server yet: what the console shows for the admin to trust or reject.
 *
 * @param sha256 the fingerprint, the one thing to compare with what the server's log says
 *            ({@code SHA-256 AB:CD:...}) before trusting it
 * @param trustedBefore the fingerprint the admin trusted earlier for this server, or null: a
 *            certificate that changed is worth a second look
 */
public record UntrustedCertificate(String subject, String issuer, Instant notBefore, Instant notAfter, String sha256,
        String trustedBefore) {

    static UntrustedCertificate of(X509Certificate cert, String trustedBefore) {
        return new UntrustedCertificate(cert.getSubjectX500Principal().getName(),
                cert.getIssuerX500Principal().getName(), cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), fingerprint(cert), trustedBefore);
    }

    /** @return the SHA-256 fingerprint of the certificate, upper-case hex pairs joined by colons */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
