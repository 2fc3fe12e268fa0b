package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * SDES-SRTP through the running server and its media relay, with real phones: alice and bob are
 * baresips over TLS that insist on SRTP (mediaenc=srtp-mand); carol is a baresip over UDP with
 * plain RTP. Alice's call to bob goes through the relay encrypted and bob hears her tone, so the
 * relay forwarded the SRTP untouched; the record says so and has the loss and jitter the relay
 * read from the clear RTP headers. The policy's refusals get 488 and a record naming the rule:
 * alice's keys are not sent to carol over UDP, and a user whose policy requires SRTP is not called
 * with plain media.
 */
class SipSrtpIT {

    private static final String[] ADMIN = { "admin", "sip-srtp-it-secret" };

    @TempDir
    Path base;

    @Test
    void encryptedCallsGoThroughTheRelayAndThePolicyRefusesTheRest() throws Exception {
        TestCertificate cert = TestCertificate.make(base, "switch");
        int tls = TestCertificate.tlsListeningPoint(base);
        // every call relayed and bob's recorded: the relay must not try to record what it cannot read
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "mediaUsers = always\nrecordCalls = user:bob\n");
        List<String> args = cert.serverArgs();
        try (ServerProcess server = ServerProcess.launch(base, ServerProcess.freePort(),
                Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]), args)) {
            server.awaitHealthy();
            for (String user : List.of("alice", "bob", "carol")) {
                server.put("/sip/users/" + user, "{\"password\":\"" + user + "-password-1\"}", ADMIN);
            }
            List<String> srtp = List.of("sip_cafile " + cert.certPem, "module srtp.so");
            try (Baresip alice = new Baresip(base.resolve("alice"), tlsAccount("alice", tls),
                    Tones.write(base.resolve("alice-440.wav"), 440, 30), srtp);
                    Baresip bob = new Baresip(base.resolve("bob"), tlsAccount("bob", tls),
                            Tones.write(base.resolve("bob-1000.wav"), 1000, 30), srtp);
                    Baresip carol = new Baresip(base.resolve("carol"), server.sipPort, "carol", "carol-password-1",
                            Tones.write(base.resolve("carol-700.wav"), 700, 30))) {
                for (String user : List.of("alice", "bob", "carol")) {
                    awaitRegistered(server, user);
                }
                alice.command("dial", "sip:bob@127.0.0.1:" + tls);
                awaitAnswered(server, alice.output() + bob.output());
                Thread.sleep(3000);
                alice.command("hangup", "");
                awaitNoCalls(server);
                Path heard = bob.lastHeard();
                assertTrue(heard != null && Tones.power(heard, 440) > 1e9, "bob hears alice through SRTP: " + heard
                        + "\n" + bob.output());
                JsonNode call = record(server, "caller:alice AND callee:bob AND disposition:ANSWERED");
                assertEquals("srtp", call.path("tags").path("encryption").asText(), call.toString());
                assertEquals("relay", call.path("tags").path("media").asText(), call.toString());
                assertTrue(call.path("qualityA").path("mos").asDouble() > 4.0, "measured from the clear headers: "
                        + call);
                assertTrue(call.path("tags").path("recordingFormat").isMissingNode(), "nothing recorded: " + call);
                assertTrue(server.output().contains("has encrypted media (SRTP): it is relayed and measured but "
                        + "not recorded"), server.output());

                // alice insists on SRTP; carol is on UDP, where keys may not go
                alice.command("dial", "sip:carol@127.0.0.1:" + tls);
                JsonNode toCarol = record(server, "caller:alice AND callee:carol AND sipCode:488");
                assertTrue(toCarol.path("sipReason").asText().startsWith("user carol is not reached over TLS and "
                        + "SRTP keys go only over TLS, and the caller offered SRTP only"), toCarol.toString());

                // bob requires SRTP; carol's plain call to him is refused
                server.put("/sip/users/bob", "{\"mediaEncryption\":\"required\"}", ADMIN);
                assertEquals("REQUIRED", server.getJson("/sip/users/bob", ADMIN).path("mediaEncryption").asText());
                carol.command("dial", "sip:bob@127.0.0.1:" + server.sipPort);
                JsonNode toBob = record(server, "caller:carol AND callee:bob AND sipCode:488");
                assertTrue(toBob.path("sipReason").asText().startsWith("user bob takes only encrypted media "
                        + "(mediaEncryption required) and the caller offered none"), toBob.toString());
                assertTrue(carol.output().contains("488"), carol.output());

                // and alice's encrypted call to him still goes
                alice.command("dial", "sip:bob@127.0.0.1:" + tls);
                awaitAnswered(server, alice.output() + bob.output());
                alice.command("hangup", "");
                awaitNoCalls(server);
            }
        }
    }

    private static String tlsAccount(String user, int port) {
        return "<sip:" + user + "@127.0.0.1:" + port + ";transport=tls>;auth_pass=" + user
                + "-password-1;mediaenc=srtp-mand";
    }

    private static JsonNode record(ServerProcess server, String query) throws Exception {
        JsonNode found = null;
        for (int i = 0; i < 100; i++) {
            found = server.getJson("/cdr/records?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&limit=5",
                    ADMIN);
            if (found.path("records").size() > 0) {
                return found.path("records").get(0);
            }
            Thread.sleep(200);
        }
        fail("No record " + query + ": " + found + "\n" + server.output());
        return null;
    }

    private static void awaitRegistered(ServerProcess server, String user) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (server.getJson("/sip/registrations?user=" + user, ADMIN).size() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(user + " did not register:\n" + server.output());
    }

    private static void awaitAnswered(ServerProcess server, String log) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode calls = server.getJson("/sip/calls", ADMIN);
            if (calls.size() == 1 && calls.get(0).path("state").asText().equals("answered")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answered call: " + server.getJson("/sip/calls", ADMIN) + "\n" + log
                + "\n" + server.output());
    }

    private static void awaitNoCalls(ServerProcess server) throws Exception {
        for (int i = 0; i < 100 && server.getJson("/sip/calls", ADMIN).size() > 0; i++) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
    }
}
