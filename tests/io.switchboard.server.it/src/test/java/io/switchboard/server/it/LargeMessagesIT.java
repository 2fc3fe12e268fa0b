package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text message too large for UDP (RFC 3428: 1,300 bytes): a carrier sends 4,000 bytes over TCP
 * (SIPp), and the switch takes it on to bob's phone over TCP although the phone registered over
 * UDP (it listens on TCP at the same port, as phones do). Over UDP the same message gets 513. Carol's
 * phone takes no TCP: a message that large for her gets 513 too, rather than waiting for ever.
 */
class LargeMessagesIT {

    private static final String[] ADMIN = { "admin", "large-messages-it-secret" };

    @TempDir
    Path base;

    @Test
    void largeMessagesGoOverTcpOrAreRefused() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        String text = "Minutes of the meeting. ".repeat(166).trim(); // 3,983 bytes
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                RawSip registrar = new RawSip(5000, new InetSocketAddress("127.0.0.1", 0));
                RawSip carrierUdp = new RawSip()) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            for (String[] u : new String[][] { { "bob", "+15550100000" }, { "carol", "+15550100001" } }) {
                assertEquals(201, server.put("/sip/users/" + u[0], "{\"password\":\"" + u[0] + "-password-1\"}", ADMIN)
                        .statusCode());
                assertEquals(201, server.put("/sip/numbers/" + u[1].replace("+", "%2B"), "{\"destination\":\"" + u[0]
                        + "\"}", ADMIN).statusCode());
            }
            assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":5060,"
                    + "\"addresses\":[\"127.0.0.1\"],\"probe\":false}", ADMIN).statusCode());
            int bobPort = ServerProcess.freePort();
            int carolPort = ServerProcess.freePort();
            assertEquals(200, registrar.register(server.sipPort, "bob", "bob-password-1", bobPort));
            assertEquals(200, registrar.register(server.sipPort, "carol", "carol-password-1", carolPort));
            Sipp bob = Sipp.start(sipp, "sipp-message-receive.xml", server.sipPort, bobPort, "t1", "-m", "1");
            Thread.sleep(300);

            Sipp toBob = Sipp.start(sipp, "sipp-message-send.xml", server.sipPort, ServerProcess.freePort(), "t1",
                    "-s", "+15550100000", "-key", "text", text, "-m", "1");
            assertEquals(0, toBob.await(30), toBob.report());
            assertTrue(toBob.messages().contains("SIP/2.0 200"), toBob.report());
            assertEquals(0, bob.await(30), bob.report());
            assertTrue(bob.messages().contains(text), "the whole message, over TCP: " + bob.report());

            RawSip.Reply udp = TextMessages.send(carrierUdp, server.sipPort, "12125550100", "+15550100000", text,
                    null, null);
            assertEquals(513, udp.status(), udp.text());
            assertTrue(udp.text().contains("send it over TCP"), udp.text());

            Sipp toCarol = Sipp.start(sipp, "sipp-message-send.xml", server.sipPort, ServerProcess.freePort(), "t1",
                    "-s", "+15550100001", "-key", "text", text, "-m", "1");
            assertEquals(0, toCarol.await(30), toCarol.report());
            assertTrue(toCarol.messages().contains("SIP/2.0 513"), "carol's phone takes no TCP: " + toCarol.report());
        }
    }
}
