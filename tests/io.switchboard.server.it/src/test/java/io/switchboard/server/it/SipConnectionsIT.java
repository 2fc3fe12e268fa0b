package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One address opens 5,000 idle TCP connections to the switch, as an attacker would to take its
 * threads and file descriptors: the switch keeps 32 of them for a while and closes the rest as it
 * accepts them, and a phone on another address still registers over TCP. Connections that never
 * send a message are closed after the first-message time.
 */
class SipConnectionsIT {

    private static final String[] ADMIN = { "admin", "connections-it-secret" };

    @TempDir
    Path base;

    @Test
    void idleConnectionsFromOneAddressTakeNothingFromOthers() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\ntcpFirstMessageSeconds = 3\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            server.put("/sip/users/bob", "{\"password\":\"bob-password-22\"}", ADMIN);
            InetAddress attacker = InetAddress.getByName("127.0.0.2");
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 5000; i++) {
                    Socket s = new Socket();
                    s.bind(new InetSocketAddress(attacker, 0));
                    s.connect(new InetSocketAddress("127.0.0.1", server.sipPort), 5000);
                    idle.add(s);
                }
                // at most 32 at once, each closed after the first-message time: most never got a thread
                JsonNode status = awaitRefused(server, 4000);
                assertTrue(status.path("tcpConnections").asInt() <= 32, status.toString());

                Sipp phone = Sipp.start(sipp, "sipp-register.xml", server.sipPort, ServerProcess.freePort(), "t1", "-s",
                        "bob", "-au", "bob", "-ap", "bob-password-22", "-key", "expires", "300", "-m", "1");
                assertEquals(0, phone.await(60), phone.report() + server.output());
                assertEquals(1, server.getJson("/sip/registrations?user=bob", ADMIN).size(),
                        "the phone registered over TCP beside the attacker's connections");

                // the attacker's connections said nothing: closed after the first-message time
                long deadline = System.currentTimeMillis() + 20_000;
                JsonNode now = server.getJson("/sip/status", ADMIN);
                while (now.path("tcpConnections").asInt() > 1 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(250);
                    now = server.getJson("/sip/status", ADMIN);
                }
                assertTrue(now.path("tcpConnections").asInt() <= 1, "silent connections closed: " + now);
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }

    private static JsonNode awaitRefused(ServerProcess server, int atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode status = server.getJson("/sip/status", ADMIN);
        while (status.path("tcpConnectionsRefused").asLong() < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            status = server.getJson("/sip/status", ADMIN);
        }
        assertTrue(status.path("tcpConnectionsRefused").asLong() >= atLeast, status.toString());
        return status;
    }
}
