package io.switchboard.server.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTPS of the management API: the certificate and key the admin names (PEM files, as a CA such as
 * Let's Encrypt issues them, or a PKCS#12 keystore) checked, and handed to Felix's Jetty as the
 * keystore it reads, written owner-only into the data folder with a password made for this run.
 */
final class Https {

    /** What Jetty is told, what the log says of the certificate, and what rewrites the keystore when it is renewed. */
    record Setup(Map<String, String> properties, String description, Renewal renewal) {
    }

    private static final System.Logger LOG = System.getLogger(Https.class.getName());

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");
    private static final String ALIAS = "switchboard";
    /** Framework properties with the server's certificate, for the SIP switch's TLS listening points. */
    static final String TLS_KEYSTORE_PROPERTY = "switchboard.tls.keystore";
    static final String TLS_PASSWORD_PROPERTY = "switchboard.tls.password";

    private Https() {
    }

    static Setup setup(Options.Tls tls, Path data) {
        long stamp = stamp(tls);
        KeyStore.PrivateKeyEntry entry = read(tls);
        X509Certificate leaf = (X509Certificate) entry.getCertificate();
        char[] password = password();
        Path file = data.resolve("https.p12");
        write(entry, password, file, data);
        String pass = new String(password);
        Map<String, String> p = Map.of("org.apache.felix.https.enable", "true",
                "org.osgi.service.http.port.secure", Integer.toString(tls.port()),
                "org.apache.felix.https.keystore", file.toString(), "org.apache.felix.https.keystore.type", "PKCS12",
                "org.apache.felix.https.keystore.password", pass, "org.apache.felix.https.keystore.key.password", pass,
                "org.apache.felix.https.jetty.protocols.included", "TLSv1.3,TLSv1.2",
                "org.apache.felix.http.enable", Boolean.toString(tls.httpAlso()),
                // the same certificate for SIP over TLS: the switch's TLS listening points read it
                TLS_KEYSTORE_PROPERTY, file.toString(), TLS_PASSWORD_PROPERTY, pass);
        return new Setup(p, describe(leaf), new Renewal(tls, data, file, password, stamp));
    }

    /**
     * Looks at the admin's certificate files now and then: when they change (a renewal), they are
     * checked as at start and the keystore is written anew, which SIP over TLS reads at its next
     * handshake. A pair that does not fit (the certificate written, the key not yet) keeps the old one.
     */
    static final class Renewal implements Runnable {
        private final Options.Tls tls;
        private final Path data;
        private final Path file;
        private final char[] password;
        private long stamp;

        Renewal(Options.Tls tls, Path data, Path file, char[] password, long stamp) {
            this.tls = tls;
            this.data = data;
            this.file = file;
            this.password = password;
            this.stamp = stamp;
        }

        @Override
        public void run() {
            long now = stamp(tls);
            if (now == stamp) {
                return;
            }
            stamp = now;
            try {
                KeyStore.PrivateKeyEntry entry = read(tls);
                write(entry, password, file, data);
                LOG.log(System.Logger.Level.INFO, "TLS certificate renewed from " + tls.cert() + ": "
                        + describe((X509Certificate) entry.getCertificate())
                        + "; SIP over TLS presents it from the next connection, HTTPS after a restart");
            } catch (Main.CannotStart e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; the certificate before stays in use");
            }
        }
    }

    /** @return when the admin's files last changed, to notice a renewal */
    private static long stamp(Options.Tls tls) {
        long stamp = 0;
        for (Path p : tls.key() == null ? List.of(tls.cert()) : List.of(tls.cert(), tls.key())) {
            try {
                stamp = stamp * 31 + Files.getLastModifiedTime(p).toMillis() + Files.size(p);
            } catch (IOException e) {
                stamp = stamp * 31 - 1; // a file away for a moment (being replaced): looked at again next time
            }
        }
        return stamp;
    }

    private static KeyStore.PrivateKeyEntry read(Options.Tls tls) {
        KeyStore.PrivateKeyEntry entry = tls.key() == null ? fromKeystore(tls) : fromPem(tls);
        matches(entry.getPrivateKey(), (X509Certificate) entry.getCertificate(), tls);
        return entry;
    }

    private static void write(KeyStore.PrivateKeyEntry entry, char[] password, Path file, Path data) {
        try {
            KeyStore out = KeyStore.getInstance("PKCS12");
            out.load(null, null);
            out.setEntry(ALIAS, entry, new KeyStore.PasswordProtection(password));
            Path tmp = Files.createTempFile(data, ".https", ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream os = Files.newOutputStream(tmp)) {
                out.store(os, password);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | GeneralSecurityException e) {
            throw new Main.CannotStart("Cannot write the HTTPS keystore " + file + ": " + e.getMessage());
        }
    }

    /** @return subject, validity and SHA-256 fingerprint, which the console shows the admin on first use */
    static String describe(X509Certificate cert) {
        String valid = "valid until " + cert.getNotAfter().toInstant();
        if (cert.getNotAfter().toInstant().isBefore(Instant.now())) {
            valid = "EXPIRED on " + cert.getNotAfter().toInstant() + ": clients will refuse it";
        }
        return cert.getSubjectX500Principal().getName() + ", " + valid + ", SHA-256 " + fingerprint(cert);
    }

    static String fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore.PrivateKeyEntry fromPem(Options.Tls tls) {
        List<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(tls.cert())) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException | GeneralSecurityException e) {
            throw bad(tls.cert(), "is not a PEM certificate (" + e.getMessage() + ")", "--tls-cert");
        }
        if (chain.isEmpty()) {
            throw bad(tls.cert(), "holds no certificate", "--tls-cert");
        }
        String pem;
        try {
            pem = Files.readString(tls.key(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw bad(tls.key(), "cannot be read (" + e.getMessage() + ")", "--tls-key");
        }
        Matcher m = PEM_KEY.matcher(pem);
        if (!m.find()) {
            throw bad(tls.key(), "holds no PEM private key", "--tls-key");
        }
        if (!m.group(1).isEmpty()) {
            throw bad(tls.key(), "holds a " + m.group(1) + "PRIVATE KEY; Switchboard reads PKCS#8 keys without a "
                    + "password: openssl pkcs8 -topk8 -nocrypt -in " + tls.key() + " -out key.pem", "--tls-key");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        PrivateKey key = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
            try {
                key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm
            }
        }
        if (key == null) {
            throw bad(tls.key(), "holds a private key of no algorithm Switchboard knows (RSA, EC, Ed25519)", "--tls-key");
        }
        return new KeyStore.PrivateKeyEntry(key, chain.toArray(Certificate[]::new));
    }

    private static KeyStore.PrivateKeyEntry fromKeystore(Options.Tls tls) {
        char[] password = tls.password() == null ? new char[0] : tls.password().toCharArray();
        try (InputStream in = Files.newInputStream(tls.cert())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    return (KeyStore.PrivateKeyEntry) ks.getEntry(alias, new KeyStore.PasswordProtection(password));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw bad(tls.cert(), "is neither a PEM certificate with --tls-key nor a PKCS#12 keystore that "
                    + "SWITCHBOARD_TLS_PASSWORD opens (" + e.getMessage() + ")", "--tls-cert");
        }
        throw bad(tls.cert(), "is a keystore without a private key", "--tls-cert");
    }

    /** A key that is not the certificate's would make every handshake fail: refused at start instead. */
    private static void matches(PrivateKey key, X509Certificate cert, Options.Tls tls) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(probe);
            if (verify.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another algorithm than the certificate's: not its key
        }
        throw bad(tls.key() == null ? tls.cert() : tls.key(), "is not the private key of the certificate "
                + cert.getSubjectX500Principal().getName() + " in " + tls.cert(), "--tls-key");
    }

    private static char[] password() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    private static Main.CannotStart bad(Path file, String what, String option) {
        return new Main.CannotStart("The HTTPS file " + file + " (" + option + ") " + what);
    }
}
