package io.switchboard.server.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate for 127.0.0.1 and localhost made by the JDK's keytool, as a PKCS#12
 * keystore and as the PEM files an admin gets from a CA; and a TLS context that trusts only it.
 */
final class TestCertificate {

    static final String PASSWORD = "test-keystore-pw";

    final Path keystore;
    final Path certPem;
    final Path keyPem;
    final X509Certificate certificate;

    private TestCertificate(Path keystore, Path certPem, Path keyPem, X509Certificate certificate) {
        this.keystore = keystore;
        this.certPem = certPem;
        this.keyPem = keyPem;
        this.certificate = certificate;
    }

    static TestCertificate make(Path dir, String name) throws Exception {
        Path p12 = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30", "-dname",
                "CN=localhost, O=Switchboard test", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true)
                .start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(name);
        PrivateKey key = (PrivateKey) ks.getKey(name, PASSWORD.toCharArray());
        Path certPem = dir.resolve(name + ".crt.pem");
        Path keyPem = dir.resolve(name + ".key.pem");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded())); // PKCS#8, as certbot writes it
        return new TestCertificate(p12, certPem, keyPem, cert);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** @return a TLS context that trusts this certificate and nothing else */
    SSLContext trustingOnlyThis() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** @return the SHA-256 fingerprint as the server's log and a trunk's pin spell it */
    String fingerprint() throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    /** Writes a TLS listening point on 127.0.0.1 into the server's etc folder. @return its port */
    static int tlsListeningPoint(Path base) throws IOException {
        int port = ServerProcess.freePort();
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.listener-tls.cfg"),
                "transport = tls\naddress = 127.0.0.1\nport = " + port + "\n");
        return port;
    }

    /** @return the server's options for this certificate: HTTPS on a free port, plain HTTP kept for the tests' client */
    List<String> serverArgs() throws IOException {
        List<String> out = new ArrayList<>(args(this, ServerProcess.freePort()));
        out.add("--http-also");
        return out;
    }

    /** @return the SHA-256 fingerprint of the certificate a new TLS connection to the port is shown */
    static String presentedAt(int port) throws Exception {
        X509TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { any }, null);
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                port)) {
            s.startHandshake();
            X509Certificate c = (X509Certificate) s.getSession().getPeerCertificates()[0];
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        }
    }

    static List<String> args(TestCertificate c, int httpsPort) {
        return List.of("--tls-cert", c.certPem.toString(), "--tls-key", c.keyPem.toString(), "--https-port",
                Integer.toString(httpsPort));
    }
}
