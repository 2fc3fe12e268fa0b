package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The SIP server against SIPp over real sockets: OPTIONS over UDP and TCP, IPv4 and IPv6, and garbage
 * in between.
 */
class SipOptionsIT {

    private static final String[] ADMIN = { "admin", "sip-it-secret" };

    @TempDir
    Path base;

    @Test
    void answersOptionsOverUdpAndTcpAndSurvivesGarbage() throws Exception {
        Path scenario = base.resolve("options.xml");
        try (InputStream in = getClass().getResourceAsStream("/sipp-options.xml")) {
            Files.copy(in, scenario);
        }
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            sipp(server, scenario, "u1");
            sipp(server, scenario, "t1");

            // Garbage and a message without mandatory headers: dropped or refused, never fatal.
            try (DatagramSocket s = new DatagramSocket()) {
                InetAddress local = InetAddress.getLoopbackAddress();
                for (String junk : List.of("\u0000\u0001 not SIP at all \r\n\r\n", "OPTIONS sip:x SIP/2.0\r\n\r\n",
                        "INVITE sip:a@b SIP/9.9\r\nVia: nonsense\r\n\r\n")) {
                    byte[] b = junk.getBytes(StandardCharsets.ISO_8859_1);
                    s.send(new DatagramPacket(b, b.length, local, server.sipPort));
                }
            }
            sipp(server, scenario, "u1");

            // new softswitch settings while running: the switch restarts with them and keeps answering,
            // over TCP too (the new stack binds the port the old one has just closed)
            Files.writeString(server.conf.resolve("io.switchboard.sip.cfg"), "algorithms = SHA-256,MD5\n");
            server.awaitSipAlgorithms(ADMIN, "[\"SHA-256\",\"MD5\"]");
            sipp(server, scenario, "u1");
            sipp(server, scenario, "t1");

            // one more listening point, on IPv6 loopback over UDP and TCP, added while running; its
            // TCP port is still held by another program for a while: the switch keeps trying
            int v6 = ServerProcess.freePort();
            try (ServerSocket holder = new ServerSocket(v6, 1, InetAddress.getByName("::1"))) {
                Files.writeString(server.conf.resolve("io.switchboard.sip.listener-v6udp.cfg"),
                        "transport = udp\naddress = ::1\nport = " + v6 + "\n");
                Files.writeString(server.conf.resolve("io.switchboard.sip.listener-v6tcp.cfg"),
                        "transport = tcp\naddress = ::1\nport = " + v6 + "\n");
                for (int i = 0; i < 300 && !server.output().contains("Cannot listen for SIP on tcp:[::1]:" + v6); i++) {
                    Thread.sleep(100);
                }
                assertTrue(server.output().contains("trying again every second"), server.output());
            }
            JsonNode status = server.getJson("/sip/status", ADMIN);
            for (int i = 0; i < 100 && status.path("listeningPoints").size() < 4; i++) {
                Thread.sleep(100);
                status = server.getJson("/sip/status", ADMIN);
            }
            assertEquals(4, status.path("listeningPoints").size(), status.toString());
            assertTrue(status.path("listeningPoints").toString().contains("udp:[::1]:" + v6), status.toString());
            assertTrue(status.path("listeningPoints").toString().contains("tcp:[::1]:" + v6), status.toString());
            sipp(server, scenario, "u1", "[::1]:" + v6, "::1");
            sipp(server, scenario, "t1", "[::1]:" + v6, "::1");
            sipp(server, scenario, "u1");

            status = server.getJson("/sip/status", ADMIN);
            assertTrue(status.path("requests").path("OPTIONS").asInt() >= 60, "counted since the restart: " + status);
            assertEquals(0, server.terminate());
        }
    }

    private static void sipp(ServerProcess server, Path scenario, String transport) throws Exception {
        sipp(server, scenario, transport, "127.0.0.1:" + server.sipPort, "127.0.0.1");
    }

    /** 20 OPTIONS from SIPp at localIp to target, all answered 200. */
    private static void sipp(ServerProcess server, Path scenario, String transport, String target, String localIp)
            throws Exception {
        Path log = scenario.resolveSibling("sipp-" + transport + "-" + System.nanoTime() + ".log");
        List<String> command = List.of("sipp", target, "-sf", scenario.toString(), "-t", transport, "-i", localIp,
                "-m", "20", "-r", "20", "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err",
                "-error_file", log.toString(), "-p", Integer.toString(ServerProcess.freePort()));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.resolveSibling(log
                    .getFileName() + ".out").toFile()).start();
        } catch (IOException notInstalled) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("SIPp (Debian package sip-tester) is required under CI: " + notInstalled.getMessage());
            }
            Assumptions.abort("SIPp not installed: " + notInstalled.getMessage());
            return;
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("SIPp did not finish");
        }
        String errors = Files.exists(log) ? Files.readString(log) : "";
        assertEquals(0, p.exitValue(), "SIPp " + transport + " to " + target + ": all 20 OPTIONS answered 200\n"
                + errors + "\n" + server.output());
    }
}
