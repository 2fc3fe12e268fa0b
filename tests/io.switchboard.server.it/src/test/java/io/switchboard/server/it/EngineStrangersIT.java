package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The review's attack on the phone engine's legs, over real sockets: while alice's phone is in a
 * voicemail call or a conference room, a host with no SIP account (another loopback address) sends
 * RTP and RFC 4733 digits to the leg's port. It hears nothing, its {@code 8 5555 #} changes no PIN and
 * its {@code 1} mutes nobody; alice's own keys do, and the server logs the strangers' packets dropped.
 */
class EngineStrangersIT {

    private static final String[] ADMIN = { "admin", "engine-strangers-it-secret" };
    private static final String PASSWORD = "alice-password-1";

    @TempDir
    static Path base;
    private static ServerProcess server;
    private static final ScheduledExecutorService SPEAKER = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
        PhoneChecks.users(server, ADMIN, "alice", PASSWORD);
    }

    @AfterAll
    static void stop() {
        SPEAKER.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStrangerNeitherHearsVoicemailNorChangesThePin() throws Exception {
        assertEquals(200, server.put("/voicemail/mailboxes/alice", "{\"enabled\":true}", ADMIN).statusCode());
        assertFalse(pinSet(), "alice's mailbox starts without a PIN");
        try (Call call = Call.to("voicemail", "vm-strangers-1");
                DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            stranger.setSoTimeout(1500);
            // the review's digits, then its audio, all from a host that has no part in the call
            press(stranger, call.media, "85555#", 1000);
            assertSilent(stranger, "the stranger hears alice's mailbox");
            hungUpByServer(call); // no new messages: the mailbox says goodbye
        }
        assertFalse(pinSet(), "a stranger's 8 5555 # set alice's PIN");
        server.awaitOutput("packets from strangers dropped");
        try (Call call = Call.to("voicemail", "vm-strangers-2")) {
            press(call.rtp, call.media, "85555#", 9000);
            hungUpByServer(call);
        }
        PhoneChecks.await("alice's own 8 5555 # sets her PIN", EngineStrangersIT::pinSet);
    }

    private static void hungUpByServer(Call call) throws Exception {
        String bye = call.sip.request("BYE", 20_000);
        assertNotNull(bye, "the mailbox ends its call");
        call.sip.send(server.sipPort, ok(bye), "");
        call.hungUp = true;
    }

    private static boolean pinSet() {
        try {
            return server.getJson("/voicemail/mailboxes/alice", ADMIN).path("pinSet").asBoolean();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aStrangerNeitherHearsARoomNorMutesItsParticipants() throws Exception {
        assertEquals(201, server.put("/conference/rooms/7405", "{\"name\":\"Open\"}", ADMIN).statusCode());
        try (Call call = Call.to("7405", "room-strangers-1");
                DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            stranger.setSoTimeout(1500);
            PhoneChecks.await("alice in the room", () -> participants().size() == 1
                    && !participants().get(0).path("joined").isNull());
            press(stranger, call.media, "1", 1000);
            assertSilent(stranger, "the stranger hears the room");
            assertFalse(participants().get(0).path("muted").asBoolean(), "a stranger's 1 muted alice");
            press(call.rtp, call.media, "1", 5000);
            PhoneChecks.await("alice's own 1 mutes her", () -> participants().get(0).path("muted").asBoolean());
        }
    }

    /** @return a 200 to a request, its dialog headers copied */
    private static String ok(String request) {
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\n");
        for (String line : request.split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase() : "";
            if (name.equals("via") || name.equals("from") || name.equals("to") || name.equals("call-id")
                    || name.equals("cseq")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static JsonNode participants() {
        try {
            return server.getJson("/conference/rooms/7405/participants", ADMIN);
        } catch (Exception e) {
            return ServerProcess.JSON.createArrayNode();
        }
    }

    private static void assertSilent(DatagramSocket socket, String what) throws Exception {
        try {
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            socket.receive(p);
            throw new AssertionError(what + ": " + p.getLength() + " bytes from " + p.getSocketAddress());
        } catch (SocketTimeoutException expected) {
            // nothing came in 1.5 s, while the leg sends 50 packets a second to alice
        }
    }

    /** RFC 4733 key presses, each its own event (timestamp), with its end packet sent three times. */
    private static void press(DatagramSocket from, InetSocketAddress to, String keys, long timestamp) throws Exception {
        for (int k = 0; k < keys.length(); k++) {
            int event = "0123456789*#".indexOf(keys.charAt(k));
            for (int copy = 0; copy < 3; copy++) {
                byte[] b = Call.header(101, 40000 + k * 3 + copy, timestamp + 800L * k, 16);
                b[12] = (byte) event;
                b[13] = (byte) 0x8A;
                b[15] = (byte) 160;
                from.send(new DatagramPacket(b, b.length, to));
            }
            // and audio, as an attacker who wants to be heard would send
            byte[] audio = Call.header(0, 41000 + k, timestamp + 800L * k, 172);
            from.send(new DatagramPacket(audio, audio.length, to));
        }
    }

    /** Alice's phone in a call to an engine leg: SIP from RawSip, PCMU every 20 ms from its RTP socket. */
    private static final class Call implements AutoCloseable {
        final RawSip sip;
        final DatagramSocket rtp;
        final InetSocketAddress media;
        final String callId;
        final String toTag;
        final String dialled;
        boolean hungUp;
        private final ScheduledFuture<?> speaking;

        private Call(RawSip sip, DatagramSocket rtp, InetSocketAddress media, String callId, String toTag,
                String dialled) {
            this.sip = sip;
            this.rtp = rtp;
            this.media = media;
            this.callId = callId;
            this.toTag = toTag;
            this.dialled = dialled;
            AtomicInteger seq = new AtomicInteger();
            this.speaking = SPEAKER.scheduleAtFixedRate(() -> {
                int n = seq.getAndIncrement();
                byte[] b = header(0, n, 160L * n + 100_000, 172);
                try {
                    rtp.send(new DatagramPacket(b, b.length, media));
                } catch (Exception e) {
                    // closed
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        static Call to(String dialled, String callId) throws Exception {
            RawSip sip = new RawSip(3000, new InetSocketAddress("127.0.0.1", 0));
            DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            String sdp = "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio "
                    + rtp.getLocalPort() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
            String uri = "sip:" + dialled + "@127.0.0.1:" + server.sipPort;
            RawSip.Reply challenge = sip.ask(server.sipPort, invite(sip, uri, callId, 1, null), sdp, callId);
            assertNotNull(challenge, "no answer to the INVITE");
            assertEquals(407, challenge.status(), challenge.text());
            sip.send(server.sipPort, ack(sip, uri, callId, 1, challenge.header("To")), "");
            String nonce = challenge.param("Proxy-Authenticate", "nonce");
            String credentials = "Digest username=\"alice\", realm=\"switchboard\", nonce=\"" + nonce + "\", uri=\""
                    + uri + "\", response=\"" + RawSip.md5Response("alice", "switchboard", PASSWORD, "INVITE", uri,
                            nonce, "00000001", "c0ffee") + "\", qop=auth, nc=00000001, cnonce=\"c0ffee\", "
                    + "algorithm=MD5";
            RawSip.Reply ok = sip.ask(server.sipPort, invite(sip, uri, callId, 2, credentials), sdp, callId);
            assertNotNull(ok, "no answer to the INVITE with credentials");
            assertEquals(200, ok.status(), ok.text());
            sip.send(server.sipPort, ack(sip, uri, callId, 2, ok.header("To")), "");
            Matcher port = Pattern.compile("m=audio ([0-9]+) ").matcher(ok.text());
            Matcher host = Pattern.compile("c=IN IP4 ([0-9.]+)").matcher(ok.text());
            assertTrue(port.find() && host.find(), ok.text());
            return new Call(sip, rtp, new InetSocketAddress(host.group(1), Integer.parseInt(port.group(1))), callId,
                    ok.header("To"), dialled);
        }

        private static String invite(RawSip sip, String uri, String callId, int cseq, String credentials) {
            return "INVITE " + uri + " SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + sip.port + ";branch=z9hG4bK-" + callId
                    + "-" + cseq + "\nFrom: <sip:alice@127.0.0.1>;tag=alice-" + callId + "\nTo: <" + uri + ">\n"
                    + "Call-ID: " + callId + "\nCSeq: " + cseq + " INVITE\nContact: <sip:alice@127.0.0.1:" + sip.port
                    + ">\nMax-Forwards: 70\n" + (credentials == null ? "" : "Proxy-Authorization: " + credentials
                            + "\n") + "Content-Type: application/sdp";
        }

        private static String ack(RawSip sip, String uri, String callId, int cseq, String to) {
            return "ACK " + uri + " SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + sip.port + ";branch=z9hG4bK-" + callId
                    + "-ack" + cseq + "\nFrom: <sip:alice@127.0.0.1>;tag=alice-" + callId + "\nTo: " + to + "\n"
                    + "Call-ID: " + callId + "\nCSeq: " + cseq + " ACK\nMax-Forwards: 70";
        }

        static byte[] header(int pt, int seq, long timestamp, int length) {
            byte[] b = new byte[length];
            b[0] = (byte) 0x80;
            b[1] = (byte) pt;
            b[2] = (byte) (seq >> 8);
            b[3] = (byte) seq;
            for (int i = 0; i < 4; i++) {
                b[4 + i] = (byte) (timestamp >> (24 - 8 * i));
                b[8 + i] = (byte) (0x5eed >> (24 - 8 * i));
            }
            return b;
        }

        @Override
        public void close() throws Exception {
            speaking.cancel(false);
            if (!hungUp) {
                String uri = "sip:" + dialled + "@127.0.0.1:" + server.sipPort;
                sip.ask(server.sipPort, "BYE " + uri + " SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + sip.port
                        + ";branch=z9hG4bK-" + callId + "-bye\nFrom: <sip:alice@127.0.0.1>;tag=alice-" + callId
                        + "\nTo: " + toTag + "\nCall-ID: " + callId + "\nCSeq: 3 BYE\nMax-Forwards: 70", callId);
            }
            sip.close();
            rtp.close();
        }
    }
}
