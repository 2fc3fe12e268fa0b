package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Tones;

/**
 * A call through a trunk with its media anchored in the relay, between a phone behind NAT and a
 * SIPp carrier that streams a tone. The phone's SDP names a private address nobody can reach; its
 * audio comes from the test's own RTP socket, impaired on purpose: every 20th packet dropped (5 %
 * loss) and every other packet 30 ms late (30 ms of RFC 3550 jitter). The relay latches onto the
 * phone's real address, so the carrier's tone reaches it; a stranger's packets to the phone's relay
 * port are dropped; the phone then falls silent and the media timeout ends the call. The record
 * carries the loss and jitter the test induced. The trunk's calls are recorded: the WAV behind the
 * record holds the carrier's tone on the right channel and is served in ranges; the record's SIP
 * ladder holds both legs' messages in order; a Homer collector of the test's own gets every SIP
 * message as HEP v3 and the call's quality.
 */
@Tag("serial") // runs in the pom's execution of that name: alone, not beside another fork
class MediaRelayIT {

    private static final String[] ADMIN = { "admin", "media-relay-it-secret" };
    private static final String ALICE_PASSWORD = "alice-password-1";
    private static final String NUMBER = "+442071234567";
    private static final int PACKETS = 500;

    @TempDir
    Path base;

    @Test
    void lossAndJitterInducedOnOneLegAreWhatTheRecordSays() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        HomerCollector homer = new HomerCollector();
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\nrecordCalls = trunk:carrier\n"
                + "hepCollector = 127.0.0.1:" + homer.port() + "\n");
        // a range of its own in the relay ports of the serial group's JVM (RelayPorts), which runs alone
        Files.writeString(base.resolve("etc/io.switchboard.media.cfg"), "portMin = 11000\nportMax = 11999\n"
                + "timeoutSeconds = 3\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        Path tone = muLawTone(sipp.resolve("tone-1000.wav"), 1000, 4);
        int carrierPort = ServerProcess.freePort();
        try (homer; ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                DatagramChannel phone = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                DatagramChannel stranger = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            put(server, "/sip/users/alice", "{\"password\":\"" + ALICE_PASSWORD + "\",\"callClass\":\"international\"}");
            put(server, "/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false}");
            put(server, "/sip/routes/uk", "{\"pattern\":\"+44.\",\"trunks\":[\"carrier\"]}");
            assertEquals(1000, server.getJson("/media/status", ADMIN).path("portsTotal").asInt(),
                    "the relay runs on the range its settings name");

            try (var scenario = MediaRelayIT.class.getResourceAsStream("/sipp-carrier-media.xml")) {
                Files.writeString(sipp.resolve("sipp-carrier-media.xml"), new String(scenario.readAllBytes(),
                        StandardCharsets.ISO_8859_1).replace("TONE_FILE", tone.toString()), StandardCharsets.ISO_8859_1);
            }
            Sipp carrier = Sipp.start(sipp, "sipp-carrier-media.xml", server.sipPort, carrierPort, "u1", "-m", "1");
            Thread.sleep(300);
            int phonePort = ((InetSocketAddress) phone.getLocalAddress()).getPort();
            Sipp alice = Sipp.start(sipp, "sipp-call-media.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                    NUMBER, "-au", "alice", "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-key", "phoneport",
                    Integer.toString(phonePort), "-m", "1");
            AtomicLong heard = new AtomicLong();
            Thread listener = Thread.ofPlatform().daemon().start(() -> listen(phone, heard));
            try {
                JsonNode session = awaitSession(server);
                InetSocketAddress relayA = new InetSocketAddress("127.0.0.1", session.path("ports").path("A").asInt());
                send(phone, relayA, stranger);
                assertTrue(heard.get() > 100, "the carrier's tone reached the phone behind NAT through the relay: "
                        + heard.get() + " packets");
                JsonNode status = server.getJson("/media/status", ADMIN);
                assertEquals(19, status.path("droppedStrangers").asLong(),
                        "each of the stranger's packets dropped: " + status);

                // the phone has stopped sending: the media timeout ends the call, the phone gets a BYE
                if (alice.await(60) != 0 || carrier.await(60) != 0) {
                    fail(alice.report() + carrier.report() + server.output());
                }
            } finally {
                // a SIPp left streaming would latch onto the next run's relay ports
                carrier.kill();
                alice.kill();
                listener.interrupt();
            }
            JsonNode record = record(server);
            assertEquals("relay", record.path("tags").path("media").asText(), record.toString());
            assertEquals("SYSTEM", record.path("hangupSide").asText(), record.toString());
            assertTrue(record.path("sipReason").asText().startsWith("Media timeout: no RTP from the caller"),
                    record.toString());
            JsonNode a = record.path("qualityA");
            assertEquals(5.0, a.path("lossPercent").asDouble(), 0.5, "every 20th packet dropped: " + record);
            assertTrue(a.path("jitterMs").asDouble() > 22 && a.path("jitterMs").asDouble() < 40,
                    "every other packet 30 ms late: " + record);
            assertTrue(a.path("mos").asDouble() < 4.0, "5 % loss costs G.711 its good score: " + record);
            JsonNode b = record.path("qualityB");
            assertTrue(b.path("lossPercent").asDouble() < 0.5, "the carrier's side is clean: " + record);
            assertTrue(b.path("mos").asDouble() > 4.0, record.toString());
            assertEquals(0, server.getJson("/media/status", ADMIN).path("sessions").asInt());
            assertEquals(1, server.getJson("/media/status", ADMIN).path("timeouts").asInt());
            recording(server, record);
            ladder(server, record);
            capture(server, record, carrierPort);
            homer(homer, record);
        }
    }

    @Test
    void anAnsweredCallWhoseMediaNeverStartsEndsAtTheMediaTimeout() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Files.writeString(base.resolve("etc/io.switchboard.media.cfg"), "timeoutSeconds = 3\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int carrierPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            put(server, "/sip/users/alice", "{\"password\":\"" + ALICE_PASSWORD + "\",\"callClass\":\"international\"}");
            put(server, "/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false}");
            put(server, "/sip/routes/uk", "{\"pattern\":\"+44.\",\"trunks\":[\"carrier\"]}");
            // neither end ever sends a packet: before, such a call held its relay ports for good
            Sipp carrier = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carrierPort, "u1", "-m", "1");
            Thread.sleep(300);
            Sipp alice = Sipp.start(sipp, "sipp-call-media.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                    NUMBER, "-au", "alice", "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-key", "phoneport",
                    Integer.toString(ServerProcess.freePort()), "-m", "1");
            try {
                if (alice.await(60) != 0 || carrier.await(60) != 0) {
                    fail(alice.report() + carrier.report() + server.output());
                }
            } finally {
                carrier.kill();
                alice.kill();
            }
            JsonNode record = record(server);
            assertEquals("SYSTEM", record.path("hangupSide").asText(), record.toString());
            assertTrue(record.path("sipReason").asText().startsWith("Media timeout"), record.toString());
            assertEquals(0, server.getJson("/media/status", ADMIN).path("sessions").asInt(), "ports given back");
        }
    }

    /** The WAV behind the record: the carrier's tone on the right, the phone's silence on the left; ranges served. */
    private void recording(ServerProcess server, JsonNode record) throws Exception {
        assertEquals("wav", record.path("tags").path("recordingFormat").asText(), record.toString());
        String path = "/cdr/records/" + record.path("id").asText() + "/recording";
        var whole = server.getBytes(path, null, ADMIN);
        assertEquals(200, whole.statusCode());
        assertEquals("audio/wav", whole.headers().firstValue("Content-Type").orElse(""));
        Path wav = Files.write(base.resolve("recording.wav"), whole.body());
        double right = Tones.power(wav, 1000, 1);
        double left = Tones.power(wav, 1000, 0);
        assertTrue(right > 1000 * Math.max(left, 1), "the carrier's 1 kHz tone on the right channel: " + right
                + ", left " + left);
        assertTrue(Files.size(wav) > 8000 * 4 * 5, "the call's 10 s or so of stereo: " + Files.size(wav) + " bytes");
        var head = server.getBytes(path, "bytes=0-11", ADMIN);
        assertEquals(206, head.statusCode());
        assertEquals("bytes 0-11/" + whole.body().length, head.headers().firstValue("Content-Range").orElse(""));
        assertEquals("RIFF", new String(head.body(), 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(head.body(), 8, 4, StandardCharsets.US_ASCII));
        assertEquals(416, server.getBytes(path, "bytes=" + whole.body().length + "-", ADMIN).statusCode());
        assertEquals(401, server.getBytes(path, null, null).statusCode(), "recordings only for the authenticated");
    }

    /** The Homer collector got every SIP message of the call, and its quality correlated by the Call-ID. */
    private static void homer(HomerCollector homer, JsonNode record) throws Exception {
        String aCallId = record.path("callIds").get(0).asText();
        String bCallId = record.path("callIds").get(1).asText();
        HomerCollector.Packet quality = null;
        for (int i = 0; i < 50 && quality == null; i++) {
            quality = homer.packets().stream().filter(p -> p.type() == 5 && p.correlation().equals(aCallId))
                    .findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertTrue(homer.malformed().isEmpty(), homer.malformed().toString());
        assertTrue(quality != null, "no quality report for " + aCallId + " among " + homer.packets().size());
        JsonNode report = ServerProcess.JSON.readTree(quality.payload());
        assertEquals(record.path("qualityA"), report.path("qualityA"), report.toString());
        var sip = homer.packets().stream().filter(p -> p.type() == 1).toList();
        assertTrue(sip.stream().anyMatch(p -> p.correlation().equals(aCallId) && p.payload().startsWith("INVITE ")),
                "the caller's INVITE");
        assertTrue(sip.stream().anyMatch(p -> p.correlation().equals(bCallId) && p.payload().startsWith("SIP/2.0 200 OK")),
                "the carrier's answer");
        assertTrue(sip.stream().anyMatch(p -> p.correlation().equals(aCallId) && p.payload().startsWith("SIP/2.0 407")),
                "messages outside the call's ladder too: the challenge before the call");
    }

    /** Both legs' SIP messages in the order the switch saw them. */
    private static void ladder(ServerProcess server, JsonNode record) throws Exception {
        var r = server.awaitLadder(record.path("id").asText(), ADMIN); // stored a moment after the call's end
        assertTrue(r.statusCode() == 200, "no ladder for " + record + ": " + r.body());
        JsonNode ladder = ServerProcess.JSON.readTree(r.body());
        List<String> steps = new ArrayList<>();
        ladder.path("messages").forEach(m -> steps.add(m.path("leg").asText() + " " + m.path("direction").asText() + " "
                + m.path("firstLine").asText().replaceAll(" sip:\\S+", "").replaceAll(" SIP/2.0$", "")
                        .replaceAll("^SIP/2.0 ", "")));
        String text = String.join(" | ", steps);
        assertEquals("A in INVITE", steps.get(0), text);
        int bInvite = steps.indexOf("B out INVITE");
        int bOk = steps.indexOf("B in 200 OK");
        int aOk = steps.indexOf("A out 200 OK");
        // the ACK of the challenge before the call may come in just after its INVITE: the 200's ACK is the last
        int aAck = steps.lastIndexOf("A in ACK");
        int bAck = steps.indexOf("B out ACK");
        int aBye = steps.indexOf("A out BYE");
        int bBye = steps.indexOf("B out BYE");
        assertTrue(0 < bInvite && bInvite < bOk && bOk < aOk && aOk < aAck && bOk < bAck, text);
        assertTrue(aBye > aAck && bBye > bAck, "the media timeout's BYE on both legs: " + text);
        assertTrue(steps.contains("A in 200 OK") && steps.contains("B in 200 OK"), "the BYEs answered: " + text);
        assertEquals(0, ladder.path("dropped").asInt());
        assertTrue(ladder.path("messages").get(0).path("message").asText().contains("Call-ID: "
                + record.path("callIds").get(0).asText()), text);
    }

    /**
     * The ladder as a capture, read by tcpdump: a datagram per message, the first the phone's INVITE
     * to the switch's SIP port, the leg B's INVITE from the switch to the carrier.
     */
    private void capture(ServerProcess server, JsonNode record, int carrierPort) throws Exception {
        String id = record.path("id").asText();
        int messages = ServerProcess.JSON.readTree(server.awaitLadder(id, ADMIN).body()).path("messages").size();
        HttpResponse<byte[]> pcap = server.getBytes("/cdr/records/" + id + "/ladder.pcap", null, ADMIN);
        assertEquals(200, pcap.statusCode());
        assertEquals("application/vnd.tcpdump.pcap", pcap.headers().firstValue("Content-Type").orElse(""));
        Path file = Files.write(base.resolve("ladder.pcap"), pcap.body());
        Process tcpdump = new ProcessBuilder("tcpdump", "-nn", "-r", file.toString()).redirectErrorStream(true).start();
        String read = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tcpdump.waitFor(), read);
        List<String> packets = read.lines().filter(l -> l.contains(" IP ")).toList();
        assertEquals(messages, packets.size(), read);
        assertTrue(packets.get(0).matches(".* IP 127\\.0\\.0\\.1\\.\\d+ > [0-9.]+\\." + server.sipPort
                + ": .*"), "the phone's INVITE to the switch: " + read);
        assertTrue(packets.stream().anyMatch(l -> l.contains("> 127.0.0.1." + carrierPort + ":")),
                "the switch's INVITE to the carrier: " + read);
    }

    /**
     * The phone's audio: PCMU packets every 20 ms, every 20th left out, every other one sent 30 ms
     * late; a stranger sends its own packets to the same relay port on the way.
     */
    private static void send(DatagramChannel phone, InetSocketAddress relay, DatagramChannel stranger)
            throws Exception {
        ByteBuffer packet = ByteBuffer.allocate(172);
        // sent in the order they are due: a late packet comes after the next one, as over a real network
        Integer[] order = new Integer[PACKETS];
        for (int i = 0; i < PACKETS; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(MediaRelayIT::delay));
        long start = System.nanoTime();
        for (int seq : order) {
            long due = start + delay(seq);
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            if (seq % 20 == 10) {
                continue;
            }
            packet.clear();
            packet.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(0x5eed);
            while (packet.hasRemaining()) {
                packet.put((byte) 0xFF); // mu-law silence
            }
            phone.send(packet.flip(), relay);
            if (seq >= 100 && seq < 120) { // 19 packets: 110 is one the phone leaves out
                packet.rewind();
                packet.putInt(8, 0xBAD);
                stranger.send(packet.rewind(), relay);
            }
        }
    }

    /** When a packet leaves, from the stream's start: on its 20 ms tick, every other one 30 ms late. */
    private static long delay(int seq) {
        return seq * 20_000_000L + (seq % 2 == 1 ? 30_000_000L : 0);
    }

    private static void listen(DatagramChannel phone, AtomicLong heard) {
        ByteBuffer in = ByteBuffer.allocate(2048);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                in.clear();
                phone.receive(in);
                if (in.position() >= 12 && (in.get(1) & 0x7F) == 0) {
                    heard.incrementAndGet();
                }
            }
        } catch (IOException closed) {
            // the test ended
        }
    }

    /** An 8 kHz mu-law WAV of a sine, as SIPp's rtp_stream plays it for payload type 0. */
    private static Path muLawTone(Path file, int hz, int seconds) throws Exception {
        int samples = 8000 * seconds;
        ByteBuffer b = ByteBuffer.allocate(58 + samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(50 + samples).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(18).putShort((short) 7).putShort((short) 1)
                .putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8).putShort((short) 0)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples);
        for (int i = 0; i < samples; i++) {
            b.put(muLaw((int) (12000 * Math.sin(2 * Math.PI * hz * i / 8000.0))));
        }
        return Files.write(file, b.array());
    }

    /** G.711 mu-law of one 16-bit sample. */
    private static byte muLaw(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | exponent << 4 | mantissa);
    }

    private static JsonNode awaitSession(ServerProcess server) throws Exception {
        for (int i = 0; i < 150; i++) {
            JsonNode sessions = server.getJson("/media/sessions", ADMIN);
            JsonNode calls = server.getJson("/sip/calls", ADMIN);
            if (sessions.size() == 1 && calls.size() == 1 && calls.get(0).path("state").asText().equals("answered")) {
                return sessions.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No answered call through the relay: " + server.getJson("/media/sessions", ADMIN)
                + server.output());
    }

    private static JsonNode record(ServerProcess server) throws Exception {
        for (int i = 0; i < 75; i++) {
            JsonNode result = server.getJson("/cdr/records?q=" + URLEncoder.encode("direction:outbound",
                    StandardCharsets.UTF_8), ADMIN);
            if (result.path("total").asInt() > 0) {
                return result.path("records").get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No call record" + server.output());
    }

    private static void put(ServerProcess server, String path, String body) throws Exception {
        var response = server.put(path, body, ADMIN);
        assertTrue(response.statusCode() / 100 == 2, path + ": " + response.body());
    }
}
