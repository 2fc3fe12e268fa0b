package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Text messages (SIP MESSAGE) between users over real sockets: alice (raw SIP) authenticates with
 * digest; bob's phone (SIPp) takes a message at once (200); while bob has no phone registered a
 * message is kept (202) and delivered when his phone registers, with the Date it was written; a
 * carrier's message to one of our numbers reaches the number's user without a challenge; the
 * API shows each message's state but not its content, which an operator reads one message at a
 * time. Past the quota of kept messages the sender hears 480; too large a message gets 513, a forged
 * From 403, a user that does not exist 404.
 */
class TextMessagesIT {

    private static final String[] ADMIN = { "admin", "text-messages-it-secret" };
    private static final String[] VIEWER = { "vera", "vera-viewer-secret-1" };

    @TempDir
    Path base;

    @Test
    void messagesBetweenUsersOnlineAndOffline() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Files.writeString(base.resolve("etc/io.switchboard.messaging.cfg"), "maxStoredPerUser = 1\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int bobPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                RawSip alice = new RawSip();
                RawSip bobsRegistrar = new RawSip(5000, new InetSocketAddress("127.0.0.1", 0))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            for (String[] u : new String[][] { { "alice", "alice-password-1" }, { "bob", "bob-password-22" } }) {
                assertEquals(201, server.put("/sip/users/" + u[0], "{\"password\":\"" + u[1] + "\"}", ADMIN).statusCode());
            }
            assertEquals(201, server.put("/accounts/vera", "{\"role\":\"viewer\",\"password\":\"" + VIEWER[1] + "\"}",
                    ADMIN).statusCode());

            // bob offline: kept, 202
            RawSip.Reply kept = message(alice, server.sipPort, "alice", "bob", "Call me when you land");
            assertEquals(202, kept.status(), kept.text());
            RawSip.Reply full = message(alice, server.sipPort, "alice", "bob", "Are you there?");
            assertEquals(480, full.status(), "past maxStoredPerUser: " + full.text());
            JsonNode list = server.getJson("/messages?user=bob", ADMIN);
            assertEquals(1, list.size(), list.toString());
            assertEquals("stored", list.get(0).path("state").asText(), list.toString());

            // his phone registers: the message comes, with the Date it was written
            Thread.sleep(6_000); // older than 5 s: delivered with its Date
            Sipp phone = Sipp.start(sipp, "sipp-message-receive.xml", server.sipPort, bobPort, "u1", "-m", "3");
            Thread.sleep(300);
            assertEquals(200, bobsRegistrar.register(server.sipPort, "bob", "bob-password-22", bobPort));
            JsonNode delivered = awaitState(server, "delivered", 1);
            assertEquals("alice", delivered.path("from").asText());
            assertEquals("bob", delivered.path("to").asText());

            // bob online: at once, 200
            RawSip.Reply now = message(alice, server.sipPort, "alice", "bob", "Landed. Taxi in 10");
            assertEquals(200, now.status(), now.text());
            // from a carrier (a trunk known by its address) to one of our numbers: bob's phone
            try (RawSip carrier = new RawSip()) {
                assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrier.port
                        + ",\"addresses\":[\"127.0.0.1:" + carrier.port + "\"],\"probe\":false}", ADMIN).statusCode());
                assertEquals(201, server.put("/sip/numbers/%2B15550100000", "{\"destination\":\"bob\"}", ADMIN)
                        .statusCode());
                RawSip.Reply sms = message(carrier, server.sipPort, "12125550100", "+15550100000", "Your code is 4711");
                assertEquals(200, sms.status(), "no challenge for the trunk: " + sms.text());
            }
            assertEquals(0, phone.await(30), phone.report());
            String seen = phone.report();
            assertTrue(seen.contains("Call me when you land") && seen.contains("Landed. Taxi in 10")
                    && seen.contains("Your code is 4711"), seen);
            assertTrue(seen.matches("(?s).*Date: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} .*GMT.*Call me when you land.*"),
                    "the kept message carries when it was written: " + seen);
            awaitState(server, "delivered", 3);

            // what a message says: for operators, never in the list
            JsonNode all = server.getJson("/messages", VIEWER);
            // the whole phrases: a time's microseconds may hold any four digits
            assertFalse(all.toString().contains("Taxi in 10") || all.toString().contains("code is 4711"),
                    "no content in the list: " + all);
            assertEquals("12125550100", all.get(0).path("from").asText(), "the newest first: the carrier's");
            long id = all.get(0).path("id").asLong();
            assertEquals(403, server.get("/messages/" + id + "/body", VIEWER).statusCode());
            HttpResponse<String> body = server.get("/messages/" + id + "/body", ADMIN);
            assertEquals("Your code is 4711", body.body());
            assertTrue(body.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

            // refusals
            assertEquals(513, message(alice, server.sipPort, "alice", "bob", "x".repeat(1400)).status());
            RawSip.Reply forged = message(alice, server.sipPort, "bob", "bob", "I am bob", "alice");
            assertEquals(403, forged.status(), forged.text());
            assertEquals(404, message(alice, server.sipPort, "alice", "nobody", "hello?").status());
            JsonNode status = server.getJson("/sip/status", ADMIN);
            assertTrue(status.path("requests").path("MESSAGE").asInt() >= 5, status.toString());
        }
    }

    private static JsonNode awaitState(ServerProcess server, String state, int count) throws Exception {
        JsonNode list = null;
        for (int i = 0; i < 100; i++) {
            list = server.getJson("/messages?user=bob", ADMIN);
            int n = 0;
            JsonNode first = null;
            for (JsonNode m : list) {
                if (m.path("state").asText().equals(state)) {
                    n++;
                    first = first == null ? m : first;
                }
            }
            if (n >= count) {
                return first;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + count + " message(s) " + state + ": " + list + "\n" + server.output());
    }

    private static RawSip.Reply message(RawSip from, int sip, String sender, String to, String text) throws Exception {
        return message(from, sip, sender, to, text, sender);
    }

    /** A MESSAGE from this sender, answering the challenge with the credentials of {@code authUser}. */
    private static RawSip.Reply message(RawSip from, int sip, String sender, String to, String text, String authUser)
            throws Exception {
        return TextMessages.send(from, sip, sender, to, text, authUser,
                authUser.equals("alice") ? "alice-password-1" : "bob-password-22");
    }
}
