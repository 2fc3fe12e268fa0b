package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Mobile phones on SIP Outbound (RFC 5626): the keep-alives a phone sends to its flow (STUN and
 * CRLF over UDP, CRLF over TCP) are answered on the SIP ports; a phone that moves from Wi-Fi to
 * LTE (another address, another port, a new Call-ID) replaces its own binding and its next call
 * reaches it over the new flow, though its Contact names an address nobody can reach; baresip with
 * {@code sipnat=outbound} registers its flow and takes a call.
 */
class OutboundIT {

    private static final String[] ADMIN = { "admin", "outbound-it-secret" };
    private static final String ALICE_PASSWORD = "alice-password-1";
    private static final String BOB_PASSWORD = "bob-password-22";
    private static final String CAROL_PASSWORD = "carol-password-3";

    @TempDir
    Path base;

    @Test
    void aPhoneThatChangesNetworksKeepsGettingCallsOverItsNewFlow() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            for (String[] u : new String[][] { { "alice", ALICE_PASSWORD }, { "bob", BOB_PASSWORD },
                    { "carol", CAROL_PASSWORD } }) {
                assertEquals(201, server.put("/sip/users/" + u[0], "{\"password\":\"" + u[1] + "\"}", ADMIN)
                        .statusCode());
            }
            keepAlivesAreAnswered(server.sipPort);

            // bob's mobile on Wi-Fi, then on LTE: another source address and port, the same device and reg-id
            String instance = UUID.randomUUID().toString();
            int wifiPort = ServerProcess.freePort();
            Sipp wifi = Sipp.start(base, "sipp-register-outbound.xml", server.sipPort, wifiPort, "u1", "-s", "bob",
                    "-au", "bob", "-ap", BOB_PASSWORD, "-key", "expires", "300", "-key", "instance", instance, "-m",
                    "1");
            assertEquals(0, wifi.await(60), wifi.report() + server.output());
            assertTrue(wifi.messages().contains("Flow-Timer: 29"), "a UDP flow is kept alive every 29 s");
            int ltePort = ServerProcess.freePort();
            Sipp lte = Sipp.startFrom("127.0.0.2", base, "sipp-register-outbound.xml", server.sipPort, ltePort, "u1",
                    "-s", "bob", "-au", "bob", "-ap", BOB_PASSWORD, "-key", "expires", "300", "-key", "instance",
                    instance, "-m", "1");
            assertEquals(0, lte.await(60), lte.report() + server.output());
            JsonNode bindings = server.getJson("/sip/registrations?user=bob", ADMIN);
            assertEquals(1, bindings.size(), "the LTE flow replaced the Wi-Fi one: " + bindings);
            assertEquals("udp:127.0.0.2:" + ltePort, bindings.get(0).path("source").asText());
            assertEquals("<urn:uuid:" + instance + ">", bindings.get(0).path("instanceId").asText());
            assertEquals(1, bindings.get(0).path("regId").asInt());

            // alice calls bob: the INVITE goes over the LTE flow, not to the Contact's 192.0.2.77
            Sipp answering = Sipp.startFrom("127.0.0.2", base, "sipp-answer.xml", server.sipPort, ltePort, "u1",
                    "-m", "1");
            Thread.sleep(300);
            Sipp caller = Sipp.start(base, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                    "bob", "-au", "alice", "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-d", "500", "-m", "1");
            int callerExit = caller.await(60);
            int answerExit = answering.await(30);
            if (callerExit != 0 || answerExit != 0) {
                fail("call over the new flow: caller " + callerExit + ", bob " + answerExit + "\n" + caller.report()
                        + answering.report() + server.output());
            }
            JsonNode record = awaitAnswered(server, "callee:bob");
            assertEquals("sip:bob@127.0.0.2:" + ltePort, record.path("tags").path("target").asText(),
                    "sent over the flow: " + record);

            // a real phone on Outbound: baresip registers its flow (reg-id, instance) and answers a call over it
            // (baresip uses Outbound towards an outbound proxy, here the switch, and needs its uuid module for an instance)
            String sip = "sip:127.0.0.1:" + server.sipPort;
            try (Baresip carol = new Baresip(base.resolve("carol"), "<sip:carol@127.0.0.1:" + server.sipPort
                    + ">;auth_pass=" + CAROL_PASSWORD + ";sipnat=outbound;outbound=\"" + sip + "\"",
                    Tones.write(base.resolve("tone.wav"), 440, 10), List.of("module_tmp uuid.so"))) {
                JsonNode carolBinding = server.awaitBinding("carol", ADMIN, carol::output);
                assertEquals(1, carolBinding.path("regId").asInt(), "baresip's flow: " + carolBinding);
                assertTrue(carolBinding.path("instanceId").asText().startsWith("<urn:uuid:"), carolBinding.toString());
                Sipp toCarol = Sipp.start(base, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                        "carol", "-au", "alice", "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-d", "1000", "-m",
                        "1");
                assertEquals(0, toCarol.await(60), toCarol.report() + carol.output() + server.output());
                awaitAnswered(server, "callee:carol");
            }
            assertEquals(0, server.terminate());
        }
    }

    /** STUN and CRLF over UDP, CRLF over TCP, each answered on the switch's SIP port. */
    private static void keepAlivesAreAnswered(int sipPort) throws Exception {
        InetSocketAddress sip = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            phone.setSoTimeout(5000);
            byte[] transaction = new byte[12];
            new SecureRandom().nextBytes(transaction);
            byte[] request = ByteBuffer.allocate(20).putShort((short) 1).putShort((short) 0).putInt(0x2112A442)
                    .put(transaction).array();
            phone.send(new DatagramPacket(request, request.length, sip));
            DatagramPacket answer = new DatagramPacket(new byte[200], 200);
            phone.receive(answer);
            ByteBuffer a = ByteBuffer.wrap(answer.getData(), 0, answer.getLength());
            assertEquals(0x0101, a.getShort(0), "STUN Binding Success");
            assertEquals(transaction[0], a.get(8), "the same transaction");
            assertEquals(phone.getLocalPort(), (a.getShort(26) & 0xFFFF) ^ 0x2112, "the phone's own port, XORed");

            byte[] ping = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            phone.send(new DatagramPacket(ping, ping.length, sip));
            DatagramPacket pong = new DatagramPacket(new byte[200], 200);
            phone.receive(pong);
            assertEquals("\r\n", new String(pong.getData(), 0, pong.getLength(), StandardCharsets.US_ASCII),
                    "a CRLF ping over UDP gets its pong");
        }
        try (Socket tcp = new Socket()) {
            tcp.connect(sip, 5000);
            tcp.setSoTimeout(5000);
            // a flow starts with the phone's first request (its REGISTER); the pings follow on it
            String options = "OPTIONS sip:127.0.0.1:" + sipPort + ";transport=tcp SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:" + tcp.getLocalPort() + ";branch=z9hG4bK-ka" + System.nanoTime()
                    + "\r\nFrom: <sip:probe@127.0.0.1>;tag=k1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: keepalive-"
                    + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            tcp.getOutputStream().write(options.getBytes(StandardCharsets.US_ASCII));
            byte[] head = tcp.getInputStream().readNBytes(12);
            assertEquals("SIP/2.0 200 ", new String(head, StandardCharsets.US_ASCII));
            String rest = readAnswerEnd(tcp.getInputStream());
            assertTrue(rest.endsWith("\r\n\r\n"), rest);
            tcp.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] pong = tcp.getInputStream().readNBytes(2);
            assertEquals("\r\n", new String(pong, StandardCharsets.US_ASCII), "a CRLF ping over TCP gets its pong");
        }
    }

    /** @return the rest of an answer without a body, up to its empty line */
    private static String readAnswerEnd(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    private static JsonNode awaitAnswered(ServerProcess server, String query) throws Exception {
        String path = "/cdr/records?q=" + URLEncoder.encode(query + " AND disposition:answered", StandardCharsets.UTF_8);
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode result = server.getJson(path, ADMIN);
        while (result.path("total").asInt() < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            result = server.getJson(path, ADMIN);
        }
        assertEquals(1, result.path("total").asInt(), result.toString());
        return result.path("records").get(0);
    }
}
