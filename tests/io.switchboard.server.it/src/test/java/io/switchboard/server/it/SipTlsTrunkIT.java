package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Trunks over TLS on the running server, to a carrier that is a real baresip serving its own
 * self-signed certificate: not vouched for by any authority, the switch refuses it and the call's
 * record names the certificate; pinned by its fingerprint, calls go; pinned to another, refused;
 * trusted through the tlsTrustedCertificates setting, calls go again (its name, 127.0.0.1, checked).
 * And the switch's own certificate, renewed on disk, is what a new TLS connection gets, no restart.
 */
class SipTlsTrunkIT {

    private static final String[] ADMIN = { "admin", "sip-tls-trunk-secret" };
    private static final String PASSWORD = "alice-password-1";
    /** The number the carrier answers: baresip takes calls to its own account only. */
    private static final String ANSWERED = "+442071230002";

    @TempDir
    Path base;

    @Test
    void aTlsTrunkTrustsOnlyWhatItShouldAndTheSwitchsCertificateIsRenewedLive() throws Exception {
        TestCertificate own = TestCertificate.make(Files.createDirectories(base.resolve("own")), "switch");
        TestCertificate carrierCert = TestCertificate.make(Files.createDirectories(base.resolve("carrier-cert")), "carrier");
        TestCertificate renewed = TestCertificate.make(Files.createDirectories(base.resolve("renewed")), "renewed");
        Path carrierPem = base.resolve("carrier-both.pem");
        Files.writeString(carrierPem, Files.readString(carrierCert.certPem) + Files.readString(carrierCert.keyPem));
        int tls = TestCertificate.tlsListeningPoint(base);
        // the server reads its certificate from copies: renewing them is this test's last step
        Path cert = Files.copy(own.certPem, base.resolve("server.crt.pem"));
        Path key = Files.copy(own.keyPem, base.resolve("server.key.pem"));
        List<String> args = new ArrayList<>(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString(),
                "--https-port", Integer.toString(ServerProcess.freePort()), "--http-also"));
        try (ServerProcess server = ServerProcess.launch(base, ServerProcess.freePort(),
                Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]), args);
                Baresip carrier = new Baresip(base.resolve("carrier"), "<sip:" + ANSWERED + "@127.0.0.1;transport=tls>;regint=0",
                        Tones.write(base.resolve("carrier-1000.wav"), 1000, 30), List.of("sip_certificate " + carrierPem))) {
            server.awaitHealthy();
            int carrierTls = carrier.sipPort + 1;
            server.put("/sip/users/alice", "{\"password\":\"" + PASSWORD + "\",\"callClass\":\"international\"}", ADMIN);
            trunk(server, carrierTls, null);
            assertEquals(201, server.put("/sip/routes/uk", "{\"pattern\":\"+44.\",\"trunks\":[\"carrier\"]}", ADMIN)
                    .statusCode());
            try (Baresip alice = new Baresip(base.resolve("alice"), server.sipPort, "alice", PASSWORD,
                    Tones.write(base.resolve("alice-440.wav"), 440, 30))) {
                awaitRegistered(server);

                alice.command("dial", "sip:+442071230001@127.0.0.1:" + server.sipPort);
                String refused = failover(server, "+442071230001");
                assertTrue(refused.contains("TLS refused: Trunk carrier presented CN=localhost")
                        && refused.contains("which no trusted authority vouches for"), refused);

                trunk(server, carrierTls, carrierCert.fingerprint());
                assertEquals(carrierCert.fingerprint(), server.getJson("/sip/trunks/carrier", ADMIN)
                        .path("trunk").path("tlsPin").asText());
                answeredAndHungUp(server, alice, ANSWERED);

                trunk(server, carrierTls, renewed.fingerprint());
                String pinned = failover(server, dial(alice, server, "+442071230003"));
                assertTrue(pinned.contains("not its pinned certificate SHA-256 " + renewed.fingerprint()), pinned + "\n" + server.output());

                // the carrier's authority trusted by setting: no pin, its name (127.0.0.1) checked
                trunk(server, carrierTls, null);
                Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "tlsTrustedCertificates = "
                        + carrierCert.certPem + "\n");
                awaitRestarted(server);
                awaitRegistered(server);
                answeredAndHungUp(server, alice, ANSWERED);
            }

            // the switch's certificate renewed on disk: the next TLS connection gets the new one
            Files.copy(renewed.keyPem, key, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.certPem, cert, StandardCopyOption.REPLACE_EXISTING);
            server.awaitOutput("TLS certificate renewed from " + cert);
            String presented = null;
            for (int i = 0; i < 50 && !renewed.fingerprint().equals(presented); i++) {
                presented = TestCertificate.presentedAt(tls);
                Thread.sleep(200);
            }
            assertEquals(renewed.fingerprint(), presented, server.output());
            assertTrue(server.output().contains("SIP over TLS now presents CN=localhost"), server.output());
        }
    }

    /** Its calls in come from its own port only: alice, on the same host, is not the carrier. */
    private static void trunk(ServerProcess server, int port, String pin) throws Exception {
        var answer = server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + port
                + ",\"transport\":\"tls\",\"probe\":false,\"addresses\":[\"127.0.0.1:" + port + "\"]" + (pin == null ? "" : ",\"tlsPin\":\"" + pin + "\"") + "}",
                ADMIN);
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 201, "trunk saved: " + answer.body()
                + "\n" + server.output());
    }

    private static String dial(Baresip phone, ServerProcess server, String number) throws Exception {
        phone.command("dial", "sip:" + number + "@127.0.0.1:" + server.sipPort);
        return number;
    }

    private static void answeredAndHungUp(ServerProcess server, Baresip alice, String number) throws Exception {
        dial(alice, server, number);
        for (int i = 0; i < 100; i++) {
            JsonNode calls = server.getJson("/sip/calls", ADMIN);
            if (calls.size() == 1 && calls.get(0).path("state").asText().equals("answered")) {
                alice.command("hangup", "");
                for (int j = 0; j < 100 && server.getJson("/sip/calls", ADMIN).size() > 0; j++) {
                    Thread.sleep(100);
                }
                return;
            }
            Thread.sleep(100);
        }
        fail("no answered call to " + number + ": " + server.getJson("/sip/calls", ADMIN) + "\n" + alice.output()
                + "\n" + server.output());
    }

    /** @return the failover tag of the failed call's record: why each trunk was not used */
    private static String failover(ServerProcess server, String number) throws Exception {
        JsonNode found = null;
        for (int i = 0; i < 100; i++) {
            found = server.getJson("/cdr/records?q=" + URLEncoder.encode("callee:\"" + number + "\" AND disposition:FAILED",
                    StandardCharsets.UTF_8), ADMIN);
            if (found.path("records").size() > 0) {
                return found.path("records").get(0).toString();
            }
            Thread.sleep(200);
        }
        fail("No failed record to " + number + ": " + found + "\n" + server.output());
        return null;
    }

    private static void awaitRegistered(ServerProcess server) throws Exception {
        for (int i = 0; i < 150; i++) {
            var answer = server.get("/sip/registrations?user=alice", ADMIN);
            assertEquals(200, answer.statusCode(), answer.body() + "\n" + server.output());
            if (ServerProcess.JSON.readTree(answer.body()).size() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        fail("alice did not register:\n" + server.output());
    }

    /**
     * A settings change starts the switch anew: its TLS listening point comes back. Its resources
     * come back a moment after its listening points (404 in between), so the status is read only once
     * it is served again.
     */
    private static void awaitRestarted(ServerProcess server) throws Exception {
        String before = server.output();
        for (int i = 0; i < 200; i++) {
            Thread.sleep(100);
            String now = server.output();
            if (now.length() > before.length() && now.substring(before.length()).contains("SIP listening on")) {
                var status = server.get("/sip/status", ADMIN);
                if (status.statusCode() == 200 && ServerProcess.JSON.readTree(status.body()).path("listeningPoints")
                        .toString().contains("tls")) {
                    return;
                }
            }
        }
        fail("the switch did not take the new settings:\n" + server.output());
    }
}
