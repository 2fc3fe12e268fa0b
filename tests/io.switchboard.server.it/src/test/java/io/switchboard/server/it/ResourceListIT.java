package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A receptionist's busy lamp field: one subscription (RFC 4662) to a resource list of 50 users,
 * made through the API. Each NOTIFY is multipart/related: the list's RLMI document naming all 50,
 * then each user's dialog state. When u07 takes a call, the field shows u07 ringing, talking and
 * free again. The API refuses a list of a user's name or of unknown users, and shows who watches what.
 */
class ResourceListIT {

    private static final String[] ADMIN = { "admin", "resource-list-it-secret" };
    private static final String PASSWORD = "member-password-1";

    @TempDir
    Path base;

    @Test
    void oneSubscriptionWatchesFiftyUsers() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        // the receptionist watches everyone's calls: the admin allows it
        Files.writeString(base.resolve("etc/io.switchboard.presence.cfg"), "allow = reception-desk:*\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            List<String> members = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                members.add(String.format("u%02d", i));
            }
            for (String user : concat(members, List.of("alice", "reception-desk"))) {
                assertEquals(201, server.put("/sip/users/" + user, "{\"password\":\"" + PASSWORD + "\"}", ADMIN)
                        .statusCode());
            }
            String list = "{\"members\":[\"" + String.join("\",\"", members) + "\"]}";
            assertEquals(409, server.put("/presence/lists/alice", list, ADMIN).statusCode(), "a user's name");
            var unknown = server.put("/presence/lists/front", "{\"members\":[\"u01\",\"nobody\"]}", ADMIN);
            assertEquals(400, unknown.statusCode());
            assertTrue(unknown.body().contains("no user nobody"), unknown.body());
            assertEquals(201, server.put("/presence/lists/front", list, ADMIN).statusCode());
            assertEquals(50, server.getJson("/presence/lists/front", ADMIN).path("members").size());

            int phone = ServerProcess.freePort();
            Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, phone, "u1", "-s", "u07", "-au", "u07",
                    "-ap", PASSWORD, "-key", "expires", "3600", "-m", "1");
            assertEquals(0, reg.await(60), reg.report());
            Sipp u07 = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, phone, "u1", "-m", "1");
            Sipp field = Sipp.start(sipp, "sipp-subscribe-list.xml", server.sipPort, ServerProcess.freePort(), "u1",
                    "-s", "front", "-au", "reception-desk", "-ap", PASSWORD, "-key", "subscriber", "reception-desk",
                    "-m", "1");
            PhoneChecks.await("the subscription", () -> subscriptions(server) == 1, () -> field.report());
            JsonNode sub = server.getJson("/presence/subscriptions", ADMIN).get(0);
            assertEquals("front", sub.path("resource").asText(), sub.toString());
            assertEquals("reception-desk", sub.path("subscriber").asText(), sub.toString());

            Sipp alice = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", "u07",
                    "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "500", "-m", "1");
            assertEquals(0, alice.await(30), alice.report());
            assertEquals(0, u07.await(30), u07.report());
            assertEquals(0, field.await(30), field.report() + server.output());

            String trace = field.messages();
            List<String> notifies = notifies(trace);
            assertEquals(4, notifies.size(), field.report());
            for (String n : notifies) {
                assertTrue(n.contains("Require: eventlist"), n);
                assertTrue(n.contains("multipart/related") && n.contains("application/rlmi+xml"), n);
                assertEquals(50, count(n, "<resource uri=\"sip:u"), "every member in the list document: " + n);
                assertEquals(50, count(n, "<dialog-info "), "every member's state: " + n);
            }
            assertEquals(List.of("early", "confirmed", "terminated"), List.of(state(notifies.get(1)),
                    state(notifies.get(2)), state(notifies.get(3))));
            assertTrue(notifies.get(2).matches("(?s).*entity=\"sip:u07@[^\"]+\"><dialog .*"), notifies.get(2));
        }
    }

    private static int subscriptions(ServerProcess server) {
        try {
            return server.getJson("/presence/subscriptions", ADMIN).size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<String> notifies(String trace) {
        List<String> out = new ArrayList<>();
        for (String message : trace.split("UDP message received")) {
            if (message.contains("NOTIFY sip:")) {
                out.add(message);
            }
        }
        return out;
    }

    private static String state(String notify) {
        Matcher m = Pattern.compile("<state>([a-z]+)</state>").matcher(notify);
        assertTrue(m.find(), notify);
        String first = m.group(1);
        assertTrue(!m.find(), "one member in a call: " + notify);
        return first;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
