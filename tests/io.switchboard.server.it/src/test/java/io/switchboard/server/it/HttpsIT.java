package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management API over HTTPS on the running server, with a certificate from PEM files as a CA
 * issues them (or a PKCS#12 keystore): HSTS on every answer, plain HTTP off unless kept, a
 * certificate no authority vouches for refused by a client that trusts only authorities, and a key
 * that is not the certificate's refused at start with the file named.
 */
class HttpsIT {

    private static final String[] ADMIN = { "admin", "https-it-secret-1" };
    private static final Map<String, String> ENV = Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]);

    @TempDir
    Path base;

    @Test
    void theApiAnswersOverHttpsWithHstsAndPlainHttpOnlyWhenKept() throws Exception {
        TestCertificate cert = TestCertificate.make(base, "server");
        HttpClient trusting = HttpClient.newBuilder().sslContext(cert.trustingOnlyThis())
                .connectTimeout(Duration.ofSeconds(5)).build();
        int https = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.launch(folder("pem"), ServerProcess.freePort(), ENV,
                TestCertificate.args(cert, https))) {
            awaitHealthy(server, trusting, https);
            HttpResponse<String> health = get(trusting, "https", https, "/health", null);
            assertEquals(200, health.statusCode());
            assertEquals("max-age=31536000", health.headers().firstValue("Strict-Transport-Security").orElse(null));
            HttpResponse<String> refused = get(trusting, "https", https, "/status", null);
            assertEquals(401, refused.statusCode());
            assertTrue(refused.headers().firstValue("Strict-Transport-Security").isPresent(), "HSTS on refusals too");
            assertEquals(200, get(trusting, "https", https, "/status", ADMIN).statusCode());

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(ConnectException.class, () -> get(plain, "http", server.port, "/health", null),
                    "plain HTTP is off when HTTPS is on");
            assertThrows(SSLHandshakeException.class, () -> get(plain, "https", https, "/health", null),
                    "a client that trusts only authorities refuses a self-signed certificate");

            String out = server.output();
            assertTrue(out.contains("management API on https://127.0.0.1:" + https + "/api/v1 (certificate CN=localhost"),
                    out);
            assertTrue(out.contains("SHA-256 " + fingerprint(cert)), "the fingerprint to compare on first use: " + out);
            assertFalse(out.contains("http://127.0.0.1:" + server.port), out);
            Path keystore = server.data.resolve("https.p12");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
            assertEquals(0, server.terminate());
        }

        int both = ServerProcess.freePort();
        List<String> args = new ArrayList<>(TestCertificate.args(cert, both));
        args.add("--http-also");
        try (ServerProcess server = ServerProcess.launch(folder("both"), ServerProcess.freePort(), ENV, args)) {
            awaitHealthy(server, trusting, both);
            HttpResponse<String> overHttp = server.get("/health", null);
            assertEquals(200, overHttp.statusCode(), "kept on when told");
            assertTrue(overHttp.headers().firstValue("Strict-Transport-Security").isEmpty(), "no HSTS over HTTP");
            assertEquals(200, get(trusting, "https", both, "/health", null).statusCode());
            assertEquals(0, server.terminate());
        }

        int p12 = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.launch(folder("p12"), ServerProcess.freePort(),
                Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1], "SWITCHBOARD_TLS_CERT", cert.keystore.toString(),
                        "SWITCHBOARD_TLS_PASSWORD", TestCertificate.PASSWORD, "SWITCHBOARD_HTTPS_PORT",
                        Integer.toString(p12)), List.of())) {
            awaitHealthy(server, trusting, p12);
            assertEquals(200, get(trusting, "https", p12, "/status", ADMIN).statusCode(), "from a PKCS#12 keystore");
            assertFalse(server.output().contains(TestCertificate.PASSWORD), "its password is not logged");
            assertEquals(0, server.terminate());
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStartWithTheFileNamed() throws Exception {
        TestCertificate cert = TestCertificate.make(base, "server");
        TestCertificate other = TestCertificate.make(base, "other");
        try (ServerProcess server = ServerProcess.launch(folder("mismatch"), ServerProcess.freePort(), ENV,
                List.of("--tls-cert", cert.certPem.toString(), "--tls-key", other.keyPem.toString()))) {
            assertEquals(2, server.waitForExit(60));
            assertTrue(server.output().contains(other.keyPem + " (--tls-key) is not the private key of the certificate"),
                    server.output());
        }
        Path rsa = base.resolve("pkcs1.pem");
        Files.writeString(rsa, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        try (ServerProcess server = ServerProcess.launch(folder("pkcs1"), ServerProcess.freePort(), ENV,
                List.of("--tls-cert", cert.certPem.toString(), "--tls-key", rsa.toString()))) {
            assertEquals(2, server.waitForExit(60));
            assertTrue(server.output().contains("openssl pkcs8 -topk8 -nocrypt -in " + rsa), server.output());
        }
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(base.resolve(name));
    }

    private static void awaitHealthy(ServerProcess server, HttpClient client, int port) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (get(client, "https", port, "/health", null).statusCode() == 200
                        && server.output().contains("Switchboard started in")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not healthy over HTTPS within 90 s:\n" + server.output());
    }

    private static HttpResponse<String> get(HttpClient client, String scheme, int port, String path, String[] credentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/api/v1" + path))
                .timeout(Duration.ofSeconds(20));
        if (credentials != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((credentials[0] + ":" + credentials[1]).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String fingerprint(TestCertificate cert) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.certificate.getEncoded()));
    }
}
