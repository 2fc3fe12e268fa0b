package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.switchboard.mgmt.client.UntrustedCertificate;
import io.switchboard.testing.PortRange;

/**
 * The console and a server with a certificate of its own over HTTPS: on first use the console
 * shows the certificate with its fingerprint; rejected, it does not connect; trusted, it connects,
 * and next time it connects without asking.
 */
class HttpsUiTest {

    private static final String PASSWORD = "https-ui-test";
    private static final String STORE_PASSWORD = "https-ui-store";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private X509Certificate certificate;
    private int httpsPort;

    @BeforeEach
    void start() throws Exception {
        Path dir = Files.createTempDirectory("sb-https-ui");
        Path p12 = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-validity", "30", "-dname", "CN=switch.example.test",
                "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass",
                STORE_PASSWORD).redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made the certificate");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        certificate = (X509Certificate) ks.getCertificate("server");
        httpsPort = PortRange.UI.free();
        server = TestServer.start(PASSWORD, Map.of(), Map.of("SWITCHBOARD_TLS_CERT", p12.toString(),
                "SWITCHBOARD_TLS_PASSWORD", STORE_PASSWORD), List.of("--https-port", Integer.toString(httpsPort),
                        "--http-also"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theAdminComparesTheFingerprintAndTrustsTheCertificateOnce(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            String url = "https://127.0.0.1:" + httpsPort;
            String fingerprint = UntrustedCertificate.fingerprint(certificate);
            assertTrue(server.output().contains("SHA-256 " + fingerprint), "the server's log names the fingerprint");

            console.addServer("rejected", url, PASSWORD);
            Shell first = console.shell("Untrusted Certificate");
            console.press(first, "Reject");
            ConsoleDriver.await("not connected", () -> console.ui(() -> Arrays.stream(console.display.getShells())
                    .noneMatch(s -> s.isVisible() && "Untrusted Certificate".equals(s.getText())) ? Boolean.TRUE : null));
            assertFalse(ConsoleDriver.selectedServer().connected(), "a rejected certificate connects nothing");

            console.addServer("secure", url, PASSWORD);
            Shell dialog = console.shell("Untrusted Certificate");
            String text = console.ui(() -> labels(dialog));
            assertTrue(text.contains(fingerprint) && text.contains("CN=switch.example.test"), text);
            console.tour("certificate", dialog);
            console.press(dialog, "Trust");
            console.awaitText(window, "overview.heading", t -> t.contains("connected as admin"));
            assertTrue(ConsoleDriver.selectedServer().url().orElseThrow().startsWith("https://"));

            console.runCommand("io.switchboard.console.ui.command.disconnect");
            console.awaitText(window, "overview.heading", t -> !t.contains("connected as admin"));
            console.runCommand("io.switchboard.console.ui.command.connect");
            console.awaitText(window, "overview.heading", t -> t.contains("connected as admin"));
            assertEquals(0L, (long) console.ui(() -> Arrays.stream(console.display.getShells())
                    .filter(s -> s.isVisible() && "Untrusted Certificate".equals(s.getText())).count()),
                    "trusted once, not asked again");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    /** @return the text of every label in the shell, depth first */
    private static String labels(Composite root) {
        StringBuilder sb = new StringBuilder();
        for (Control c : root.getChildren()) {
            if (c instanceof Label l) {
                sb.append(l.getText()).append('\n');
            } else if (c instanceof Composite inner) {
                sb.append(labels(inner));
            }
        }
        return sb.toString();
    }
}
