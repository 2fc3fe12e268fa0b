package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * A phone over TLS on the running server: the server's certificate (--tls-cert, --tls-key) serves a
 * TLS listening point; baresip, trusting that certificate, registers over TLS and calls bob, a
 * baresip on UDP, who hears its tone. A TLS listening point on a server without a certificate is
 * refused, its settings named.
 */
class SipTlsIT {

    private static final String[] ADMIN = { "admin", "sip-tls-it-secret" };
    private static final int ALICE_HZ = 440;

    @TempDir
    Path base;

    @Test
    void aPhoneRegistersAndCallsOverTls() throws Exception {
        TestCertificate cert = TestCertificate.make(base, "switch");
        int tls = TestCertificate.tlsListeningPoint(base);
        List<String> args = cert.serverArgs();
        Path tone = Tones.write(base.resolve("alice-440.wav"), ALICE_HZ, 30);
        try (ServerProcess server = ServerProcess.launch(base, ServerProcess.freePort(),
                Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]), args)) {
            server.awaitHealthy();
            awaitListening(server, "tls:127.0.0.1:" + tls);
            server.put("/sip/users/alice", "{\"password\":\"alice-password-1\"}", ADMIN);
            server.put("/sip/users/bob", "{\"password\":\"bob-password-22\"}", ADMIN);
            try (Baresip alice = new Baresip(base.resolve("alice"), "<sip:alice@127.0.0.1:" + tls
                    + ";transport=tls>;auth_pass=alice-password-1", tone, List.of("sip_cafile " + cert.certPem));
                    Baresip bob = new Baresip(base.resolve("bob"), server.sipPort, "bob", "bob-password-22",
                            Tones.write(base.resolve("bob-1000.wav"), 1000, 30))) {
                JsonNode binding = server.awaitBinding("alice", ADMIN, alice::output);
                assertTrue(binding.toString().toLowerCase().contains("transport=tls"), "registered over TLS: " + binding);
                server.awaitBinding("bob", ADMIN, bob::output);
                // bob's best binding is a phone that left without unregistering: passed over, his baresip rings
                leftWithoutUnregistering(tls, cert, "bob", "bob-password-22");
                alice.command("dial", "sip:bob@127.0.0.1:" + tls); // baresip adds transport=tls, its account's
                awaitAnswered(server, alice.output() + bob.output());
                Thread.sleep(3000);
                alice.command("hangup", "");
                for (int i = 0; i < 100 && server.getJson("/sip/calls", ADMIN).size() > 0; i++) {
                    Thread.sleep(100);
                }
                Thread.sleep(500);
                Path heard = bob.lastHeard();
                assertTrue(heard != null && Tones.power(heard, ALICE_HZ) > 1e9, "bob hears alice's tone: " + heard);
                assertTrue(server.output().contains("Cannot ring bob at sip:bob@127.0.0.1:"), server.output());

                // and back: the switch reaches alice over the TLS connection she registered on
                bob.command("dial", "sip:alice@127.0.0.1:" + server.sipPort);
                awaitAnswered(server, alice.output() + bob.output());
                Thread.sleep(3000);
                bob.command("hangup", "");
                for (int i = 0; i < 100 && server.getJson("/sip/calls", ADMIN).size() > 0; i++) {
                    Thread.sleep(100);
                }
                Thread.sleep(500);
                Path aliceHeard = alice.lastHeard();
                assertTrue(aliceHeard != null && Tones.power(aliceHeard, 1000) > 1e9, "alice hears bob: " + aliceHeard);

            }
        }
    }

    /**
     * RFC 5630: a call to a sips: address goes over TLS on every hop. Carol is linphonec with a sips:
     * account over TLS (baresip 1.0 has no sips:); bob is a baresip over TLS, dave one over UDP.
     */
    @Test
    void aSipsAddressIsReachedOverTlsOnly() throws Exception {
        TestCertificate cert = TestCertificate.make(base, "switch");
        int tls = TestCertificate.tlsListeningPoint(base);
        List<String> args = cert.serverArgs();
        try (ServerProcess server = ServerProcess.launch(base, ServerProcess.freePort(),
                Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]), args)) {
            server.awaitHealthy();
            for (String user : List.of("carol", "bob", "dave")) {
                server.put("/sip/users/" + user, "{\"password\":\"" + user + "-password-1\"}", ADMIN);
            }
            // linphone 5.1's TLS does not match a certificate's IP address: the chain is still verified
            try (Linphonec carol = new Linphonec(base.resolve("carol"), List.of("sip_tls_port="
                    + ServerProcess.freePort(), "root_ca=" + cert.certPem, "verify_server_certs=1", "verify_server_cn=0"));
                    Baresip bob = new Baresip(base.resolve("bob"), "<sip:bob@127.0.0.1:" + tls
                            + ";transport=tls>;auth_pass=bob-password-1", Tones.write(base.resolve("bob.wav"), 1000, 30),
                            List.of("sip_cafile " + cert.certPem));
                    Baresip dave = new Baresip(base.resolve("dave"), server.sipPort, "dave", "dave-password-1",
                            Tones.write(base.resolve("dave.wav"), 700, 30))) {
                carol.type("register sips:carol@127.0.0.1:" + tls + " sips:127.0.0.1:" + tls + " carol-password-1");
                JsonNode binding = server.awaitBinding("carol", ADMIN, () -> "");
                assertTrue(binding.path("contact").asText().startsWith("sips:"), "a sips: binding: " + binding);
                server.awaitBinding("bob", ADMIN, bob::output);
                server.awaitBinding("dave", ADMIN, dave::output);

                carol.type("call sips:bob@127.0.0.1:" + tls);
                awaitAnswered(server, carol.output() + bob.output());
                carol.type("terminate");
                for (int i = 0; i < 100 && server.getJson("/sip/calls", ADMIN).size() > 0; i++) {
                    Thread.sleep(100);
                }

                carol.type("call sips:dave@127.0.0.1:" + tls);
                JsonNode refused = record(server, "caller:carol AND callee:dave AND sipCode:480");
                assertEquals("user dave is not reached over TLS and the call is to a sips: address",
                        refused.path("sipReason").asText(), refused.toString());

                // and back: bob's call over TLS reaches carol's sips: binding over her connection
                bob.command("dial", "sip:carol@127.0.0.1:" + tls);
                awaitAnswered(server, carol.output() + bob.output());
                bob.command("hangup", "");
            }
            try (RawSip udp = new RawSip()) {
                String callId = "sips-over-udp-" + System.nanoTime();
                RawSip.Reply r = udp.ask(server.sipPort, "INVITE sips:bob@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:"
                        + udp.port + ";branch=z9hG4bK-" + callId + "\nFrom: <sip:dave@127.0.0.1>;tag=d1\n"
                        + "To: <sips:bob@127.0.0.1>\nCall-ID: " + callId + "\nCSeq: 1 INVITE\nContact: <sip:dave@127.0.0.1:"
                        + udp.port + ">\nMax-Forwards: 70", callId);
                assertTrue(r != null && r.status() == 416 && r.text().contains("must come over TLS"),
                        "a sips: request over UDP: " + r);
            }
        }
    }

    /** Registers the user over a TLS connection of its own with q=1.0, then closes the connection. */
    private static void leftWithoutUnregistering(int tls, TestCertificate cert, String user, String password)
            throws Exception {
        try (SSLSocket s = (SSLSocket) cert.trustingOnlyThis().getSocketFactory()
                .createSocket("127.0.0.1", tls)) {
            s.setSoTimeout(5000);
            String local = "127.0.0.1:" + s.getLocalPort();
            String uri = "sip:127.0.0.1:" + tls;
            String head = "REGISTER " + uri + " SIP/2.0\r\nVia: SIP/2.0/TLS " + local + ";branch=z9hG4bK-gone%d\r\n"
                    + "From: <sip:" + user + "@127.0.0.1>;tag=g1\r\nTo: <sip:" + user + "@127.0.0.1>\r\nCall-ID: gone-"
                    + user + "\r\nCSeq: %d REGISTER\r\nContact: <sip:" + user + "@" + local + ";transport=tls>;q=1.0\r\n"
                    + "Expires: 600\r\nMax-Forwards: 70\r\n";
            String challenge = exchange(s, String.format(head, 1, 1) + "Content-Length: 0\r\n\r\n");
            Matcher md5 = Pattern.compile("(?m)^WWW-Authenticate:.*algorithm=MD5.*$")
                    .matcher(challenge);
            assertTrue(md5.find(), challenge);
            Matcher n = Pattern.compile("nonce=\"([^\"]+)\"").matcher(md5.group());
            assertTrue(n.find(), challenge);
            String authorization = "Digest username=\"" + user + "\", realm=\"switchboard\", nonce=\"" + n.group(1)
                    + "\", uri=\"" + uri + "\", response=\"" + RawSip.md5Response(user, "switchboard", password,
                            "REGISTER", uri, n.group(1), "00000001", "c0ffee")
                    + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"c0ffee\"";
            String ok = exchange(s, String.format(head, 2, 2) + "Authorization: " + authorization
                    + "\r\nContent-Length: 0\r\n\r\n");
            assertTrue(ok.startsWith("SIP/2.0 200"), ok);
        }
    }

    /** @return the final answer to a request over the connection */
    private static String exchange(Socket s, String request) throws Exception {
        s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        while (true) {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = s.getInputStream().read();
                if (b < 0) {
                    throw new EOFException("closed after " + head);
                }
                head.append((char) b);
            }
            String text = head.toString().stripLeading();
            if (text.startsWith("SIP/2.0 ") && !text.startsWith("SIP/2.0 1")) {
                return text;
            }
        }
    }

    private static JsonNode record(ServerProcess server, String query) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode found = server.getJson("/cdr/records?q=" + URLEncoder.encode(query,
                    StandardCharsets.UTF_8), ADMIN);
            if (found.path("records").size() > 0) {
                return found.path("records").get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no record " + query + "\n" + server.output());
    }

    /**
     * A listening point with a certificate of its own (PEM files named in its settings) on a server
     * that has none: it presents that certificate, and its renewal on disk from the next connection.
     * A point without any certificate, or naming a file that is not there, is refused and named.
     */
    @Test
    void aListeningPointServesACertificateOfItsOwn() throws Exception {
        TestCertificate first = TestCertificate.make(Files.createDirectories(base.resolve("first")), "point");
        TestCertificate renewed = TestCertificate.make(Files.createDirectories(base.resolve("renewed")), "point");
        Path cert = Files.copy(first.certPem, base.resolve("sip.crt.pem"));
        Path key = Files.copy(first.keyPem, base.resolve("sip.key.pem"));
        int tls = TestCertificate.tlsListeningPoint(base);
        Files.writeString(base.resolve("etc/io.switchboard.sip.listener-tls.cfg"), "certificate = " + cert
                + "\nprivateKey = " + key + "\n", StandardOpenOption.APPEND);
        Files.writeString(base.resolve("etc/io.switchboard.sip.listener-none.cfg"), "transport = tls\nport = 5061\n");
        Files.writeString(base.resolve("etc/io.switchboard.sip.listener-gone.cfg"),
                "transport = tls\nport = 5062\ncertificate = /nonexistent/sip.pem\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            awaitListening(server, "tls:127.0.0.1:" + tls);
            assertEquals(first.fingerprint(), TestCertificate.presentedAt(tls));
            String out = server.awaitOutput("transport=tls: no certificate; name one in certificate and privateKey, or "
                    + "start the server with --tls-cert and --tls-key");
            assertTrue(out.contains("in io.switchboard.sip.listener-none.cfg"), out);
            server.awaitOutput("Invalid setting io.switchboard.sip.listener certificate=/nonexistent/sip.pem: no "
                    + "readable file in io.switchboard.sip.listener-gone.cfg");

            Files.copy(renewed.keyPem, key, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.certPem, cert, StandardCopyOption.REPLACE_EXISTING);
            String presented = null;
            for (int i = 0; i < 50 && !renewed.fingerprint().equals(presented); i++) {
                Thread.sleep(200);
                presented = TestCertificate.presentedAt(tls);
            }
            assertEquals(renewed.fingerprint(), presented, server.output());
        }
    }

    /** Waits for a listening point; while the switch restarts for new settings its status answers 404. */
    private static void awaitListening(ServerProcess server, String point) throws Exception {
        for (int i = 0; i < 300; i++) {
            var status = server.get("/sip/status", ADMIN);
            if (status.statusCode() == 200 && ServerProcess.JSON.readTree(status.body()).path("listeningPoints")
                    .toString().contains(point)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + point + ": " + server.getJson("/sip/status", ADMIN) + "\n" + server.output());
    }

    private static void awaitAnswered(ServerProcess server, String log) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode calls = server.getJson("/sip/calls", ADMIN);
            if (calls.size() == 1 && calls.get(0).path("state").asText().equals("answered")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answered call: " + server.getJson("/sip/calls", ADMIN) + "\n" + log);
    }
}
