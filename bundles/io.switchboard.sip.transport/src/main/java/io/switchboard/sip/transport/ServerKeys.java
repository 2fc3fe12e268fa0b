package io.switchboard.sip.transport;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A certificate for SIP over TLS: the server's, from the keystore the launcher writes (from
 * --tls-cert and --tls-key), or a listening point's own, from the files its settings name. Read
 * again when the files change (the launcher rewrites its keystore when the admin's files are
 * renewed), so the next handshake presents the new certificate without a restart. Connections
 * already open keep the certificate they were made with.
 */
public final class ServerKeys extends X509ExtendedKeyManager {

    private static final Logger LOG = System.getLogger(ServerKeys.class.getName());
    /** How often at most the file is looked at: a handshake costs far more than one stat a second. */
    private static final long CHECK_NANOS = 1_000_000_000L;

    private record Loaded(X509ExtendedKeyManager keys, long modified) {
    }

    private final Path file;
    private final Path key;
    private final char[] password;
    private volatile Loaded loaded;
    private volatile long checkedAt;

    /** @throws IOException when the keystore cannot be read: the switch cannot serve TLS */
    public ServerKeys(Path file, char[] password) throws IOException {
        this(file, null, password);
    }

    /**
     * A listening point's own certificate, read again when either file changes.
     *
     * @param key its PEM private key, or null when {@code file} is a PKCS#12 keystore
     * @throws IOException naming the file that cannot be read or does not fit
     */
    public ServerKeys(Path file, Path key, char[] password) throws IOException {
        this.file = file;
        this.key = key;
        this.password = password.clone();
        this.loaded = load();
        this.checkedAt = System.nanoTime();
    }

    private Loaded load() throws IOException {
        long modified = modified();
        try {
            KeyStore ks = PemKeys.read(file, key, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            X509ExtendedKeyManager keys = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
            return new Loaded(keys, modified);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the TLS certificate " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return a figure that changes when either file does */
    private long modified() throws IOException {
        long stamp = Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file);
        return key == null ? stamp : stamp * 31 + Files.getLastModifiedTime(key).toMillis() + Files.size(key);
    }

    /** The key manager of the file as it is now: read again when it changed since the last look. */
    private X509ExtendedKeyManager keys() {
        long now = System.nanoTime();
        if (now - checkedAt < CHECK_NANOS) {
            return loaded.keys();
        }
        checkedAt = now;
        Loaded before = loaded;
        try {
            if (modified() != before.modified()) {
                loaded = load();
                X509Certificate[] chain = loaded.keys().getCertificateChain(alias());
                LOG.log(Level.INFO, "SIP over TLS now presents " + describe(chain == null ? null : chain[0])
                        + " (new connections; open ones keep theirs)");
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "SIP over TLS keeps its certificate: " + e.getMessage());
        }
        return loaded.keys();
    }

    private String alias() {
        String[] aliases = loaded.keys().getServerAliases("RSA", null);
        if (aliases == null || aliases.length == 0) {
            aliases = loaded.keys().getServerAliases("EC", null);
        }
        return aliases == null || aliases.length == 0 ? null : aliases[0];
    }

    /** @return subject, expiry and SHA-256 fingerprint, as the launcher's log line shows them */
    static String describe(X509Certificate cert) {
        if (cert == null) {
            return "no certificate";
        }
        return cert.getSubjectX500Principal().getName() + " (valid until " + cert.getNotAfter().toInstant()
                + ", SHA-256 " + fingerprint(cert) + ")";
    }

    static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keys().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return keys().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return keys().chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return keys().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return keys().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return keys().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return loaded.keys().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return loaded.keys().getPrivateKey(alias);
    }
}
