package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ring and hunt groups through the running switch, with SIPp as phones and as the carrier:
 * <ul>
 * <li>ring all: dave is in a call and is passed over, bob's and carol's phones ring together, carol
 * answers and bob's phone is cancelled with "Call completed elsewhere"; one record names the group
 * and carol;</li>
 * <li>in order: bob rings 5 s, then a number through the trunk 5 s, then the call goes to carol, the
 * group's final destination, about 10 s after it was dialled;</li>
 * <li>round robin: the second call starts after the member who took the first; longest idle rings
 * the member whose last call ended first;</li>
 * <li>follow-me: erin forwards every call to her group, which passes over her unregistered phone and
 * rings carol.</li>
 * </ul>
 */
class GroupsIT {

    private static final String[] ADMIN = { "admin", "groups-it-secret" };
    private static final String PASSWORD = "groups-password-1";

    @TempDir
    Path base;

    @Test
    void groupsRingTheirMembersByTheirStrategy() throws Exception {
        ServerProcess.sipSettings(base, "algorithms", "MD5");
        Files.writeString(base.resolve("etc/io.switchboard.numbering.cfg"), "defaultCountryCode = 44\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            for (String user : new String[] { "alice", "bob", "carol", "dave", "erin" }) {
                assertEquals(201, server.put("/sip/users/" + user, "{\"password\":\"" + PASSWORD + "\"}", ADMIN)
                        .statusCode());
            }
            int carrierPort = ServerProcess.freePort();
            assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/routes/out", "{\"pattern\":\"+.\",\"trunks\":[\"carrier\"]}", ADMIN)
                    .statusCode());

            assertEquals(201, group(server, "sales", "{\"extension\":\"600\",\"strategy\":\"ring_all\",\"ringSeconds\":20,"
                    + "\"members\":[\"bob\",\"carol\",\"dave\"]}"));
            assertEquals(201, group(server, "support", "{\"extension\":\"601\",\"strategy\":\"in_order\",\"ringSeconds\":5,"
                    + "\"members\":[\"bob\",{\"member\":\"02079460000\",\"seconds\":5}],\"noAnswer\":\"carol\"}"));
            assertEquals(201, group(server, "desk", "{\"extension\":\"602\",\"strategy\":\"round_robin\",\"ringSeconds\":5,"
                    + "\"members\":[\"bob\",\"carol\"]}"));
            assertEquals(400, group(server, "bad", "{\"extension\":\"bob\",\"members\":[\"carol\"]}"), "a user's extension");
            assertEquals(400, group(server, "bad", "{\"extension\":\"603\",\"members\":[\"nobody\"]}"), "no such member");
            assertEquals(400, group(server, "bad", "{\"extension\":\"600\",\"members\":[\"carol\"]}"), "taken");
            assertEquals(400, group(server, "bad", "{\"extension\":\"603\",\"strategy\":\"random\",\"members\":[\"carol\"]}"));
            assertEquals(3, server.getJson("/groups", ADMIN).size());
            // routing reads the groups from memory, refreshed by the save (and every 5 s for other servers' saves)
            PhoneChecks.await("routing knows group 600", () -> simulated(server, "600").contains("600 is a hunt group"),
                    () -> simulated(server, "600") + server.output());

            int bobPort = PhoneChecks.sippPhone(server, sipp, "bob", PASSWORD);
            int carolPort = PhoneChecks.sippPhone(server, sipp, "carol", PASSWORD);
            int davePort = PhoneChecks.sippPhone(server, sipp, "dave", PASSWORD);
            JsonNode path = server.getJson("/sip/simulate?caller=alice&number=601", ADMIN).path("path");
            assertEquals("ring group support", path.path("step").asText(), path.toString());
            assertEquals("[\"bob for 5 s\",\"02079460000 (through route out) for 5 s\"]", path.path("members")
                    .toString());
            assertEquals("carol's phones ring", path.path("then").get(0).path("path").path("step").asText(),
                    path.toString());

            // ring all: dave is busy with erin, bob and carol ring, carol answers
            Sipp daveTalks = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, davePort, "u1", "-m", "1");
            Sipp erin = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", "dave",
                    "-au", "erin", "-ap", PASSWORD, "-key", "caller", "erin", "-d", "15000", "-m", "1");
            PhoneChecks.await("dave in a call", () -> answeredCalls(server) == 1, server::output);
            Sipp bob = Sipp.start(sipp, "sipp-ring-elsewhere.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Sipp carol = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carolPort, "u1", "-m", "1");
            Sipp alice = call(server, sipp, "600");
            assertEquals(0, alice.await(60), alice.report());
            assertEquals(0, carol.await(30), carol.report());
            assertEquals(0, bob.await(30), "bob's phone stopped with Call completed elsewhere\n" + bob.report());
            JsonNode sales = PhoneChecks.record(server, ADMIN, "callee:600");
            assertEquals("ANSWERED", sales.path("disposition").asText(), sales.toString());
            assertEquals("sales", sales.path("tags").path("group").asText(), sales.toString());
            assertEquals("carol", sales.path("tags").path("answeredBy").asText(), sales.toString());
            assertEquals("dave: busy", sales.path("tags").path("passedOver").asText(), sales.toString());
            assertEquals(0, erin.await(30), erin.report());
            assertEquals(0, daveTalks.await(30), daveTalks.report());

            // in order: bob 5 s, the number 5 s, then carol
            Sipp bobRings = Sipp.start(sipp, "sipp-ring.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Sipp carrier = Sipp.start(sipp, "sipp-ring.xml", server.sipPort, carrierPort, "u1", "-m", "1");
            Sipp carolAnswers = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carolPort, "u1", "-m", "1");
            Sipp alice2 = call(server, sipp, "601");
            assertEquals(0, alice2.await(60), alice2.report());
            assertEquals(0, bobRings.await(30), bobRings.report());
            assertEquals(0, carrier.await(30), "the number rang through the trunk until its step ended\n"
                    + carrier.report());
            assertEquals(0, carolAnswers.await(30), carolAnswers.report());
            JsonNode support = PhoneChecks.record(server, ADMIN, "callee:601");
            assertEquals("support", support.path("tags").path("group").asText(), support.toString());
            long toAnswer = Duration.between(Instant.parse(support.path("start").asText()),
                    Instant.parse(support.path("answer").asText())).toMillis();
            assertTrue(toAnswer >= 9_500 && toAnswer <= 14_000, "two steps of 5 s before carol: " + toAnswer + " ms");

            // round robin: bob takes the first call, so the second starts with carol
            assertEquals("bob", answeredBy(server, sipp, bobPort, carolPort, "602", 1));
            assertEquals("carol", answeredBy(server, sipp, bobPort, carolPort, "602", 2));
            // longest idle: bob's last call ended before carol's
            assertEquals(201, group(server, "idle", "{\"extension\":\"604\",\"strategy\":\"longest_idle\","
                    + "\"ringSeconds\":5,\"members\":[\"carol\",\"bob\"]}"));
            PhoneChecks.await("both calls' ends known", () -> {
                try {
                    JsonNode ended = server.getJson("/groups/idle", ADMIN).path("lastCallEnded");
                    return ended.has("carol") && ended.has("bob") && Instant.parse(ended.path("bob").asText())
                            .isBefore(Instant.parse(ended.path("carol").asText()));
                } catch (Exception e) {
                    return false;
                }
            }, server::output);
            assertEquals("bob", answeredBy(server, sipp, bobPort, carolPort, "604", 1));

            // follow-me: erin forwards every call to her group, which rings her phones (none registered), then carol
            assertEquals(201, group(server, "erin-follow", "{\"extension\":\"erin-follow\",\"strategy\":\"in_order\","
                    + "\"ringSeconds\":5,\"members\":[\"erin\",\"carol\"],\"noAnswer\":\"voicemail:erin\"}"));
            assertEquals(200, server.put("/forwarding/users/erin", "{\"always\":\"erin-follow\"}", ADMIN).statusCode());
            Sipp carolTakes = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carolPort, "u1", "-m", "1");
            Sipp alice3 = Sipp.start(sipp, "sipp-call-forwarded.xml", server.sipPort, ServerProcess.freePort(), "u1",
                    "-s", "erin", "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "500", "-m", "1");
            assertEquals(0, alice3.await(60), alice3.report());
            assertEquals(0, carolTakes.await(30), carolTakes.report());
            JsonNode follow = PhoneChecks.record(server, ADMIN, "callee:erin");
            assertEquals("erin -> erin-follow (unconditional)", follow.path("tags").path("forwards").asText(),
                    follow.toString());
            assertEquals("carol", follow.path("tags").path("answeredBy").asText(), follow.toString());
            assertEquals("erin: not registered", follow.path("tags").path("passedOver").asText(), follow.toString());
        }
    }

    /**
     * A call to a one-at-a-time group whose members both answer: the one rung first takes it.
     *
     * @return who answered, from the call's record
     */
    private String answeredBy(ServerProcess server, Path sipp, int bobPort, int carolPort, String extension, int nth)
            throws Exception {
        Sipp bob = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, bobPort, "u1", "-m", "1");
        Sipp carol = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carolPort, "u1", "-m", "1");
        Sipp alice = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", extension,
                "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "300", "-m", "1");
        assertEquals(0, alice.await(60), alice.report());
        JsonNode latest = PhoneChecks.latest(server, ADMIN, "callee:" + extension, nth);
        // the member rung second was never rung: its phone stops waiting
        bob.kill();
        carol.kill();
        return latest.path("tags").path("answeredBy").asText();
    }

    private static String simulated(ServerProcess server, String number) {
        try {
            return server.getJson("/sip/simulate?caller=alice&number=" + number, ADMIN).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static int group(ServerProcess server, String name, String body) throws Exception {
        return server.put("/groups/" + name, body, ADMIN).statusCode();
    }

    private static Sipp call(ServerProcess server, Path sipp, String extension) throws Exception {
        return Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", extension,
                "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "500", "-m", "1");
    }

    private static int answeredCalls(ServerProcess server) {
        try {
            int n = 0;
            for (JsonNode c : server.getJson("/sip/calls", ADMIN)) {
                n += c.path("state").asText().equals("answered") ? 1 : 0;
            }
            return n;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long total(ServerProcess server, String q) {
        try {
            return server.getJson(q, ADMIN).path("total").asLong();
        } catch (Exception e) {
            return -1;
        }
    }
}
