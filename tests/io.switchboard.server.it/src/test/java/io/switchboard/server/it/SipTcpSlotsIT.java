package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * SIP over TCP against floods of connections (issue 61, as an outside review sent them): half-sent
 * messages from 79 addresses fill every connection slot, and a phone on another address still
 * registers over TCP; the half-sent connections are closed within the message time, not after the
 * idle time of two hours. A flood of connections that send a keep-alive and vanish leaves the log
 * within its budget: no stack traces, a few of jain-sip's lines a minute.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SipTcpSlotsIT {

    private static final String[] ADMIN = { "admin", "tcp-slots-it-secret" };
    private static final String BOB = "bob-password-22";
    private static final int PER_SOURCE = 4;
    /** 79 addresses fill every slot, as 64 did the default 2048 at 32 each. */
    private static final int MAX = 79 * PER_SOURCE;
    private static final int MESSAGE_SECONDS = 6;

    @TempDir
    static Path base;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        // the review's attack scaled down: 2048 slots and 32 per address were filled from 64 addresses
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\ntcpMaxConnections = " + MAX
                + "\ntcpConnectionsPerSource = " + PER_SOURCE + "\ntcpFirstMessageSeconds = " + MESSAGE_SECONDS + "\n");
        server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
        assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"" + BOB + "\"}", ADMIN).statusCode());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void halfSentMessagesFromManyAddressesLeaveRoomForAPhone() throws Exception {
        List<Socket> half = new ArrayList<>();
        try {
            for (int host = 2; host <= 80; host++) {
                for (int i = 0; i < PER_SOURCE; i++) {
                    half.add(halfSent("127.0.0." + host));
                }
            }
            long flooded = System.currentTimeMillis();
            JsonNode full = awaitStatus(s -> s.path("tcpConnections").asInt() == MAX, "every slot taken");
            Sipp phone = Sipp.start(Files.createDirectories(base.resolve("sipp")), "sipp-register.xml",
                    server.sipPort, ServerProcess.freePort(), "t1", "-s", "bob", "-au", "bob", "-ap", BOB, "-key",
                    "expires", "300", "-m", "1");
            assertEquals(0, phone.await(60), phone.report() + "\nafter the flood: " + full + "\nnow: "
                    + server.getJson("/sip/status", ADMIN) + "\n" + server.output());
            assertEquals(1, server.getJson("/sip/registrations?user=bob", ADMIN).size(),
                    "the phone registered over TCP while the half-sent messages held every slot: " + full);

            JsonNode closed = awaitStatus(s -> s.path("tcpConnections").asInt() <= 1, "half-sent connections closed");
            long seconds = (System.currentTimeMillis() - flooded) / 1000;
            assertTrue(seconds <= MESSAGE_SECONDS + 4, "closed within the message time: " + seconds + " s, " + closed);
        } finally {
            for (Socket s : half) {
                s.close();
            }
        }
    }

    @Test
    @Order(2)
    void aFloodOfVanishingConnectionsStaysWithinTheLogBudget() throws Exception {
        long before = server.getJson("/sip/status", ADMIN).path("tcpConnectionsRefused").asLong();
        String logBefore = server.output();
        for (int round = 0; round < 4; round++) {
            List<Socket> flood = new ArrayList<>();
            for (int host = 2; host <= 80; host++) {
                for (int i = 0; i < PER_SOURCE; i++) {
                    flood.add(vanishing("127.0.0." + host, round % 2 == 0 ? "\r\n\r\n" : "OPTIONS sip:x SIP/2.0\r\n"));
                }
            }
            for (Socket s : flood) {
                s.setSoLinger(true, 0); // reset, as a peer that vanished: the switch's answer cannot be sent
                s.close();
            }
        }
        awaitStatus(s -> s.path("tcpConnections").asInt() == 0, "the flood's connections gone");
        assertEquals(200, RawSip.optionsOverTcp(server.sipPort, 5000), "the switch still answers over TCP");
        String log = server.output().substring(logBefore.length());
        long traces = log.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by")).count();
        long stack = log.lines().filter(l -> l.contains("gov.nist") || l.contains("[sip]")).count();
        assertEquals(0, traces, "no stack traces in the log after " + (server.getJson("/sip/status", ADMIN)
                .path("tcpConnectionsRefused").asLong() - before) + " refused:\n" + log);
        assertTrue(stack <= 25, "jain-sip's lines within the budget (20 a minute and the count): " + stack + "\n" + log);
    }

    /** A connection from the address with the start of a REGISTER, never finished. */
    private static Socket halfSent(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.sipPort), 5000);
        try {
            s.getOutputStream().write(("REGISTER sip:127.0.0.1:" + server.sipPort + " SIP/2.0\r\nVia: SIP/2.0/TCP "
                    + from + ":" + s.getLocalPort() + ";branch=z9hG4bK-half\r\nFrom: <sip:bob@127.0.0.1>;tag=h\r\n"
                    + "To: <sip:bob@127.0.0.1>\r\nCall-ID: half-").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException refused) {
            // refused or made room for another: what the switch does with it is looked at through its counts
        }
        return s;
    }

    private static Socket vanishing(String from, String text) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.sipPort), 5000);
        try {
            s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException refused) {
            // refused: counted by the switch
        }
        return s;
    }

    private static JsonNode awaitStatus(Predicate<JsonNode> done, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode status = server.getJson("/sip/status", ADMIN);
        while (!done.test(status) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            status = server.getJson("/sip/status", ADMIN);
        }
        assertTrue(done.test(status), what + ": " + status + "\n" + server.output());
        return status;
    }
}
