package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A call target from outside: the sample echo test (samples/, built on sip.api only) is dropped into
 * the plugins folder, and a user who dials "echo" is answered by it, with no leg B: its RTP port
 * sends back what it gets, hold and resume are answered, and at the caller's BYE the target hears the
 * call ended and the record names it. The route simulator sees the target too.
 */
class CallTargetIT {

    private static final String[] ADMIN = { "admin", "call-target-it-secret" };
    private static final String ALICE_PASSWORD = "alice-password-1";

    @TempDir
    Path base;

    @Test
    void aDialledTargetAnswersWithoutALegB() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"" + ALICE_PASSWORD + "\"}", ADMIN)
                    .statusCode());
            server.deploySample("io.switchboard.sample.echo");
            JsonNode sim = null;
            for (int i = 0; i < 150 && (sim == null || !sim.path("outcome").asText().equals("TARGET")); i++) {
                Thread.sleep(200);
                sim = server.getJson("/sip/simulate?caller=alice&number=echo", ADMIN);
            }
            assertEquals("internal: to call target echo", sim.path("result").asText(), sim.toString());

            Sipp alice = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                    "echo", "-au", "alice", "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-d", "3000", "-m", "1");
            Matcher port = Pattern.compile("Acme echo: call \\S+ from alice on port (\\d+)")
                    .matcher(server.awaitOutput("Acme echo: call"));
            assertTrue(port.find());
            try (DatagramSocket rtp = new DatagramSocket()) {
                rtp.setSoTimeout(2000);
                byte[] packet = "not really RTP, but a packet all the same".getBytes(StandardCharsets.US_ASCII);
                rtp.send(new DatagramPacket(packet, packet.length, new InetSocketAddress("127.0.0.1",
                        Integer.parseInt(port.group(1)))));
                DatagramPacket back = new DatagramPacket(new byte[100], 100);
                rtp.receive(back);
                assertArrayEquals(packet, Arrays.copyOf(back.getData(), back.getLength()), "echoed");
            }
            assertEquals(0, alice.await(60), alice.report() + server.output());
            assertTrue(server.awaitOutput("ended by the caller").contains("1 packets echoed"), server.output());

            JsonNode record = null;
            for (int i = 0; i < 75 && (record == null || record.path("total").asInt() == 0); i++) {
                Thread.sleep(200);
                record = server.getJson("/cdr/records?q=caller:alice", ADMIN);
            }
            JsonNode r = record.path("records").get(0);
            assertEquals("ANSWERED", r.path("disposition").asText(), record.toString());
            assertEquals("target:echo", r.path("tags").path("target").asText(), record.toString());
            assertEquals(0, server.terminate());
        }
    }
}
