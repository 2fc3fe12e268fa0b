package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The emergency pass is no key (issue 61, as an outside review tried it live): an address locked out
 * for guessing sends one unauthenticated INVITE to 911, which passes and is challenged; then
 * REGISTERs with that Call-ID, with a wrong and with the right password, and SUBSCRIBE, MESSAGE,
 * OPTIONS, PUBLISH, NOTIFY, a lowercase {@code register} and the compact {@code i:} form, over UDP
 * and TCP, are all dropped unread, and nobody registers; the call's own BYE still passes. Wrong
 * answers to the call's challenge still count, for the address (its lockout runs again) and for the
 * user (locked out in turn).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmergencyPassIT {

    private static final String[] ADMIN = { "admin", "emergency-pass-it-secret" };
    private static final String ALICE = "alice-password-1";
    private static final String GUESSER = "127.0.0.66";
    private static final String CALL_ID = "sos-key-7f3a@" + GUESSER;

    @TempDir
    static Path base;
    private static ServerProcess server;
    private static RawSip guesser;
    /** The switch's To-tag on its challenge to the 911 INVITE: what the call's own requests carry. */
    private static String switchTag;
    private static String nonce;

    @BeforeAll
    static void lockedOutGuesser() throws Exception {
        Path etc = Files.createDirectories(base.resolve("etc"));
        // loopback is trusted by default; here only 127.0.0.1 (the test's API calls) is
        Files.writeString(etc.resolve("io.switchboard.sip.cfg"), "algorithms = MD5\ntrustedNetworks = 127.0.0.1\n"
                + "lockoutFailures = 3\n");
        Files.writeString(etc.resolve("io.switchboard.numbering.cfg"), "defaultCountryCode = 1\n");
        server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
        assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"" + ALICE + "\"}", ADMIN).statusCode());
        guesser = new RawSip(3000, new InetSocketAddress(GUESSER, 0));
        for (int i = 0; i < 3; i++) {
            guesser.register(server.sipPort, "guess" + i, "wrong-" + i);
        }
        server.awaitLockout("source", GUESSER, ADMIN);
    }

    @AfterAll
    static void stop() {
        if (guesser != null) {
            guesser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theInviteTo911PassesTheLockout() throws Exception {
        RawSip.Reply challenge = guesser.ask(server.sipPort, invite(1, null), sdp(), CALL_ID);
        assertNotNull(challenge, "the emergency INVITE passed the lockout\n" + server.output());
        assertEquals(407, challenge.status(), challenge.text());
        switchTag = challenge.header("To").replaceAll(".*;tag=([^;]+).*", "$1");
        nonce = challenge.param("Proxy-Authenticate", "nonce");
        guesser.send(server.sipPort, ack(1, "z9hG4bK-sos-1"), "");
    }

    @Test
    @Order(2)
    void theCallIdIsNoKeyForAnythingElse() throws Exception {
        long registersBefore = requests("REGISTER");
        long othersBefore = requests("SUBSCRIBE") + requests("MESSAGE") + requests("OPTIONS") + requests("PUBLISH")
                + requests("NOTIFY") + requests("other");
        String uri = "sip:127.0.0.1:" + server.sipPort;
        // the review's attack: REGISTERs with the emergency call's Call-ID, guessing, then the right password
        for (String password : new String[] { "Winter2026!", "alice123", ALICE }) {
            guesser.send(server.sipPort, register("REGISTER", "Call-ID", password, uri, null), "");
        }
        guesser.send(server.sipPort, register("REGISTER", "i", ALICE, uri, switchTag), "");
        guesser.send(server.sipPort, register("register", "Call-ID", ALICE, uri, null), "");
        for (String method : new String[] { "SUBSCRIBE", "MESSAGE", "OPTIONS", "PUBLISH", "NOTIFY" }) {
            guesser.send(server.sipPort, request(method, "sip:alice@127.0.0.1", "i", switchTag, 5), "");
            guesser.send(server.sipPort, request(method, "sip:alice@127.0.0.1", "Call-ID", null, 6), "");
        }
        // over TCP the same, and then the call's own BYE, which passes (the switch knows no such dialog: 481)
        try (Socket tcp = new Socket()) {
            tcp.bind(new InetSocketAddress(GUESSER, 0));
            tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.sipPort), 5000);
            tcp.setSoTimeout(10_000);
            String via = "SIP/2.0/TCP " + GUESSER + ":" + tcp.getLocalPort();
            write(tcp, register("REGISTER", "Call-ID", ALICE, uri, null).replace("SIP/2.0/UDP " + GUESSER + ":"
                    + guesser.port, via));
            write(tcp, request("OPTIONS", uri, "i", null, 7).replace("SIP/2.0/UDP " + GUESSER + ":" + guesser.port,
                    via));
            write(tcp, request("BYE", "sip:switch@127.0.0.1:" + server.sipPort, "Call-ID", switchTag, 8)
                    .replace("SIP/2.0/UDP " + GUESSER + ":" + guesser.port, via));
            String answer = readResponse(tcp.getInputStream());
            assertTrue(answer.contains("CSeq: 8 BYE"), "the first answer over TCP is the BYE's:\n" + answer);
        }
        RawSip.Reply bye = guesser.ask(server.sipPort,
                request("BYE", "sip:switch@127.0.0.1:" + server.sipPort, "Call-ID", switchTag, 9), CALL_ID);
        assertNotNull(bye, "the call's own BYE passes the lockout");
        assertTrue(bye.text().contains("CSeq: 9 BYE"), bye.text());

        assertEquals(registersBefore, requests("REGISTER"), "no REGISTER of the locked-out address was read");
        assertEquals(othersBefore, requests("SUBSCRIBE") + requests("MESSAGE") + requests("OPTIONS")
                + requests("PUBLISH") + requests("NOTIFY") + requests("other"), "nor any other request");
        assertEquals(0, server.getJson("/sip/registrations?user=alice", ADMIN).size(), "alice is not registered");
    }

    @Test
    @Order(3)
    void wrongAnswersToTheCallsChallengeStillCount() throws Exception {
        JsonNode before = server.awaitLockout("source", GUESSER, ADMIN);
        for (int cseq = 10; cseq < 13; cseq++) {
            String uri = "sip:911@127.0.0.1:" + server.sipPort;
            String credentials = "Digest username=\"alice\", realm=\"switchboard\", nonce=\"" + nonce + "\", uri=\""
                    + uri + "\", response=\"" + RawSip.md5Response("alice", "switchboard", "guess-" + cseq, "INVITE",
                            uri, nonce, "0000000" + (cseq - 9), "c0ffee")
                    + "\", algorithm=MD5, qop=auth, nc=0000000" + (cseq - 9) + ", cnonce=\"c0ffee\"";
            RawSip.Reply refused = guesser.ask(server.sipPort, invite(cseq, credentials), sdp(), CALL_ID);
            assertNotNull(refused, "a wrong answer to the challenge passes the lockout and is refused");
            assertTrue(refused.status() == 403 || refused.status() == 407, refused.text());
            guesser.send(server.sipPort, ack(cseq, "z9hG4bK-sos-" + cseq), "");
        }
        JsonNode source = server.awaitLockout("source", GUESSER, ADMIN);
        assertTrue(source.path("reason").asText().startsWith("6 authentication failures"), source.toString());
        assertTrue(source.path("reason").asText().contains("last as 'alice'"), source.toString());
        assertTrue(Instant.parse(source.path("until").asText()).isAfter(Instant.parse(before.path("until").asText())),
                "the lockout runs again from the last wrong answer: " + before + " -> " + source);
        JsonNode user = server.awaitLockout("user", "alice", ADMIN);
        assertTrue(user.path("reason").asText().startsWith("3 authentication failures"), user.toString());
        assertTrue(server.output().contains("SIP lockout of source " + GUESSER + " renewed until "), server.output());
    }

    private static String invite(int cseq, String credentials) {
        return "INVITE sip:911@127.0.0.1:" + server.sipPort + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP " + GUESSER + ":" + guesser.port + ";branch=z9hG4bK-sos-" + cseq + "\n"
                + "From: <sip:alice@127.0.0.1>;tag=caller-1\nTo: <sip:911@127.0.0.1>\nCall-ID: " + CALL_ID + "\n"
                + "CSeq: " + cseq + " INVITE\nContact: <sip:alice@" + GUESSER + ":" + guesser.port + ">\n"
                + "Max-Forwards: 70\nContent-Type: application/sdp"
                + (credentials == null ? "" : "\nProxy-Authorization: " + credentials);
    }

    private static String ack(int cseq, String branch) {
        return "ACK sip:911@127.0.0.1:" + server.sipPort + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP " + GUESSER + ":" + guesser.port + ";branch=" + branch + "\n"
                + "From: <sip:alice@127.0.0.1>;tag=caller-1\nTo: <sip:911@127.0.0.1>;tag=" + switchTag + "\n"
                + "Call-ID: " + CALL_ID + "\nCSeq: " + cseq + " ACK\nMax-Forwards: 70";
    }

    /** A REGISTER of alice with the emergency call's Call-ID, answering the call's challenge as a REGISTER would. */
    private static String register(String method, String callIdHeader, String password, String uri, String toTag) {
        String credentials = "Digest username=\"alice\", realm=\"switchboard\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + RawSip.md5Response("alice", "switchboard", password, "REGISTER", uri, nonce,
                        null, null) + "\", algorithm=MD5";
        return method + " " + uri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP " + GUESSER + ":" + guesser.port + ";branch=z9hG4bK-reg-" + System.nanoTime() + "\n"
                + "From: <sip:alice@127.0.0.1>;tag=caller-1\nTo: <sip:alice@127.0.0.1>"
                + (toTag == null ? "" : ";tag=" + toTag) + "\n" + callIdHeader + ": " + CALL_ID + "\n"
                + "CSeq: 3 " + method + "\nContact: <sip:alice@" + GUESSER + ":" + guesser.port + ">\nExpires: 300\n"
                + "Max-Forwards: 70\nAuthorization: " + credentials;
    }

    private static String request(String method, String uri, String callIdHeader, String toTag, int cseq) {
        return method + " " + uri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP " + GUESSER + ":" + guesser.port + ";branch=z9hG4bK-" + method + "-"
                + System.nanoTime() + "\nFrom: <sip:alice@127.0.0.1>;tag=caller-1\nTo: <sip:911@127.0.0.1>"
                + (toTag == null ? "" : ";tag=" + toTag) + "\n" + callIdHeader + ": " + CALL_ID + "\n"
                + "CSeq: " + cseq + " " + method + "\nContact: <sip:alice@" + GUESSER + ":" + guesser.port + ">\n"
                + "Event: presence\nMax-Forwards: 70";
    }

    private static String sdp() {
        return "v=0\r\no=- 1 1 IN IP4 " + GUESSER + "\r\ns=-\r\nc=IN IP4 " + GUESSER + "\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    private static void write(Socket s, String headers) throws IOException {
        String text = headers.replace("\n", "\r\n") + "\r\nContent-Length: 0\r\n\r\n";
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the first response's head read from the connection (provisional ones skipped) */
    private static String readResponse(InputStream in) throws IOException {
        while (true) {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    fail("connection closed after: " + head);
                }
                head.append((char) c);
            }
            String text = head.toString().strip();
            if (text.startsWith("SIP/2.0 1")) {
                continue;
            }
            if (text.startsWith("SIP/2.0 ")) {
                return text; // no body expected: Content-Length 0
            }
        }
    }

    private static long requests(String counter) throws Exception {
        return server.getJson("/sip/status", ADMIN).path("requests").path(counter).asLong();
    }

}
