package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The two holes an outside review found, closed: trust is decided on the packet's real source
 * (a Via that claims to come from a trunk's address is challenged like anyone), and digest
 * credentials cannot be replayed, sent without a nonce count, or reused for another Request-URI. A
 * datagram's Via cannot steer the answer to another transport or make the switch connect anywhere.
 */
class SipSecurityIT {

    private static final String[] ADMIN = { "admin", "sip-security-it-secret" };
    private static final String ALICE_PASSWORD = "alice-password-1";
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    @TempDir
    Path base;

    @Test
    void aForgedViaIsChallengedAndCapturedCredentialsAreUseless() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                RawSip raw = new RawSip()) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            int sip = server.sipPort;
            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"" + ALICE_PASSWORD + "\"}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.2\",\"port\":5060,"
                    + "\"addresses\":[\"127.0.0.2\"],\"probe\":false}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/numbers/%2B442071110002", "{\"destination\":\"alice\"}", ADMIN)
                    .statusCode());

            // sent from 127.0.0.1, claiming with received= to come from the trunk at 127.0.0.2
            raw.send(sip, "INVITE sip:+442071110002@127.0.0.1:" + sip + " SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + raw.port + ";branch=z9hG4bK-forged-1;received=127.0.0.2\n"
                    + "From: \"Your Bank\" <sip:+12125550100@127.0.0.2>;tag=f1\n"
                    + "To: <sip:+442071110002@127.0.0.1>\nCall-ID: forged-via-1\nCSeq: 1 INVITE\n"
                    + "Contact: <sip:attacker@127.0.0.1:" + raw.port + ">\nMax-Forwards: 70\n"
                    + "Content-Type: application/sdp", SDP);
            RawSip.Reply forged = raw.finalReply("forged-via-1");
            assertNotNull(forged, "the answer goes to the packet's real source");
            assertEquals(407, forged.status(), forged.text());
            ack(raw, sip, "forged-via-1", "z9hG4bK-forged-1", forged);

            // Vias naming a transport the switch does not serve, or TCP on a datagram from another host:
            // answered over UDP where the datagram came from, and no connection made to the port they name
            try (ServerSocket lure = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                for (String transport : List.of("SCTP", "FOO", "TCP")) {
                    String callId = "via-" + transport;
                    raw.send(sip, "OPTIONS sip:127.0.0.1:" + sip + " SIP/2.0\n"
                            + "Via: SIP/2.0/" + transport + " 192.0.2.7:" + lure.getLocalPort() + ";branch=z9hG4bK-"
                            + callId + "\nFrom: <sip:probe@192.0.2.7>;tag=v1\nTo: <sip:127.0.0.1>\nCall-ID: " + callId
                            + "\nCSeq: 1 OPTIONS\nMax-Forwards: 70", "");
                    RawSip.Reply answer = raw.finalReply(callId);
                    assertNotNull(answer, "a Via of " + transport + " answered over UDP to the datagram's source");
                    assertTrue(answer.text().contains("SIP/2.0/UDP 192.0.2.7:" + lure.getLocalPort()), answer.text());
                }
                lure.setSoTimeout(1_000);
                assertThrows(SocketTimeoutException.class, lure::accept, "a connection to the port a datagram named");
            }
            assertTrue(!server.output().contains("NullPointerException"), server.output());

            // a REGISTER answered with qop=auth: the real phone
            String uri = "sip:127.0.0.1:" + sip;
            register(raw, sip, uri, "reg-1", 1, 5061, null);

            RawSip.Reply challenge = raw.finalReply("reg-1");
            assertEquals(401, challenge.status(), challenge.text());
            String nonce = challenge.param("WWW-Authenticate", "nonce");
            String good = authorization(nonce, "REGISTER", uri, uri, "00000001");
            register(raw, sip, uri, "reg-1", 2, 5061, good);
            assertEquals(200, raw.finalReply("reg-1").status());

            // the same credentials replayed with the attacker's Contact
            register(raw, sip, uri, "reg-1", 3, 6666, good);
            assertEquals(401, raw.finalReply("reg-1").status(), "a used nonce count");
            // no nonce count at all (RFC 2069 form), so nothing could show a replay
            String noQop = "Digest username=\"alice\", realm=\"switchboard\", nonce=\"" + nonce + "\", uri=\"" + uri
                    + "\", response=\"" + RawSip.md5Response("alice", "switchboard", ALICE_PASSWORD, "REGISTER", uri,
                            nonce, null, null) + "\", algorithm=MD5";
            register(raw, sip, uri, "reg-1", 4, 6666, noQop);
            assertEquals(401, raw.finalReply("reg-1").status(), "credentials without qop");
            // right credentials, but for another Request-URI than the one they are sent with
            String otherUri = "sip:elsewhere.example";
            register(raw, sip, uri, "reg-1", 5, 6666, authorization(nonce, "REGISTER", otherUri, otherUri,
                    "00000002"));
            assertEquals(401, raw.finalReply("reg-1").status(), "digest URI is not the Request-URI");

            JsonNode bindings = server.getJson("/sip/registrations?user=alice", ADMIN);
            assertEquals(1, bindings.size(), bindings.toString());
            assertEquals("sip:alice@127.0.0.1:5061", bindings.get(0).path("contact").asText());
            assertEquals("udp:127.0.0.1:" + raw.port, bindings.get(0).path("source").asText(),
                    "the binding's source is the packet's");

            // a call with credentials without qop is challenged again
            String inviteUri = "sip:bob@127.0.0.1:" + sip;
            raw.send(sip, "INVITE " + inviteUri + " SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + raw.port + ";branch=z9hG4bK-noqop-1\n"
                    + "From: <sip:alice@127.0.0.1>;tag=a1\nTo: <sip:bob@127.0.0.1>\nCall-ID: no-qop-1\n"
                    + "CSeq: 1 INVITE\nContact: <sip:alice@127.0.0.1:5061>\nMax-Forwards: 70\n"
                    + "Proxy-Authorization: Digest username=\"alice\", realm=\"switchboard\", nonce=\"" + nonce
                    + "\", uri=\"" + inviteUri + "\", response=\"" + RawSip.md5Response("alice", "switchboard",
                            ALICE_PASSWORD, "INVITE", inviteUri, nonce, null, null) + "\", algorithm=MD5\n"
                    + "Content-Type: application/sdp", SDP);
            RawSip.Reply call = raw.finalReply("no-qop-1");
            assertEquals(407, call.status(), call.text());
            ack(raw, sip, "no-qop-1", "z9hG4bK-noqop-1", call);

            // a BYE outside any dialog: 481; made-up methods share one counter, whatever their number
            raw.send(sip, "BYE sip:bob@127.0.0.1:" + sip + " SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + raw.port
                    + ";branch=z9hG4bK-lonely-bye\nFrom: <sip:alice@127.0.0.1>;tag=b1\nTo: <sip:bob@127.0.0.1>\n"
                    + "Call-ID: lonely-bye\nCSeq: 1 BYE\nMax-Forwards: 70", "");
            assertEquals(481, raw.finalReply("lonely-bye").status());
            for (int i = 0; i < 50; i++) {
                raw.send(sip, "FOO" + i + " sip:bob@127.0.0.1:" + sip + " SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:"
                        + raw.port + ";branch=z9hG4bK-foo-" + i + "\nFrom: <sip:alice@127.0.0.1>;tag=f1\n"
                        + "To: <sip:bob@127.0.0.1>\nCall-ID: foo-" + i + "\nCSeq: 1 FOO" + i + "\nMax-Forwards: 70", "");
                assertEquals(501, raw.finalReply("foo-" + i).status());
            }
            JsonNode requests = server.getJson("/sip/status", ADMIN).path("requests");
            assertEquals(50, requests.path("other").asInt(), requests.toString());
            assertTrue(requests.size() < 10, "one counter per SIP method and one for the rest: " + requests);

            Thread.sleep(500); // the records' hand-off lingers 50 ms
            JsonNode records = server.getJson("/cdr/records?q=*", ADMIN);
            assertEquals(0, records.path("total").asInt(), "no call was put through: " + records);
        }
    }

    private static String authorization(String nonce, String method, String digestUri, String uri, String nc) {
        return "Digest username=\"alice\", realm=\"switchboard\", nonce=\"" + nonce + "\", uri=\"" + digestUri
                + "\", response=\"" + RawSip.md5Response("alice", "switchboard", ALICE_PASSWORD, method, uri, nonce,
                        nc, "c0ffee") + "\", algorithm=MD5, qop=auth, nc=" + nc + ", cnonce=\"c0ffee\"";
    }

    private static void register(RawSip raw, int sip, String uri, String callId, int cseq, int contactPort,
            String authorization) throws Exception {
        raw.send(sip, "REGISTER " + uri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + raw.port + ";branch=z9hG4bK-" + callId + "-" + cseq + "\n"
                + "From: <sip:alice@127.0.0.1>;tag=r1\nTo: <sip:alice@127.0.0.1>\nCall-ID: " + callId + "\n"
                + "CSeq: " + cseq + " REGISTER\nContact: <sip:alice@127.0.0.1:" + contactPort + ">\nExpires: 300\n"
                + "Max-Forwards: 70" + (authorization == null ? "" : "\nAuthorization: " + authorization), "");
    }

    /** The ACK of a final answer that is not 2xx (same branch, the answer's To tag). */
    private static void ack(RawSip raw, int sip, String callId, String branch, RawSip.Reply reply) throws Exception {
        raw.send(sip, "ACK sip:+442071110002@127.0.0.1:" + sip + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + raw.port + ";branch=" + branch + "\n"
                + "From: " + reply.header("From") + "\nTo: " + reply.header("To") + "\nCall-ID: " + callId + "\n"
                + "CSeq: 1 ACK\nMax-Forwards: 70", "");
    }
}
