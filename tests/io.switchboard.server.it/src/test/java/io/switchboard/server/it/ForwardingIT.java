package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Call forwarding through the running switch, with SIPp as phones and as the carrier:
 * <ul>
 * <li>bob's phone answers busy, his busy forward takes alice's call to carol: alice hears 181, carol's
 * phone gets alice as the caller and Diversion naming bob's number with reason user-busy;</li>
 * <li>carol's phone rings 5 s unanswered, her no-answer forward takes the call out through the trunk:
 * the carrier sees alice's number as the caller ID, Diversion and History-Info naming carol;</li>
 * <li>erin forwards to frank and frank back to erin: the loop is not followed, frank's phone rings;</li>
 * <li>bob turns call waiting off and is in a call with erin: alice's call finds him busy and goes to carol;</li>
 * <li>dave (national only) cannot forward to an international number, and once his class of service
 * is narrowed the call to his forward is refused with 403, named in the record;</li>
 * <li>carol sets and clears a forward from her phone (the phone engine) with *72 and *73 and hears the
 * confirmation tone; a destination her class refuses is refused.</li>
 * </ul>
 * Every call leaves one record with the chain of forwards.
 */
class ForwardingIT {

    private static final String[] ADMIN = { "admin", "forwarding-it-secret" };
    private static final String PASSWORD = "forward-password-1";

    @TempDir
    Path base;

    @Test
    void callsFollowForwardsWithTheirHeadersLimitsAndRecords() throws Exception {
        ServerProcess.sipSettings(base, "forwardHeaders", "both", "algorithms", "MD5");
        Files.writeString(base.resolve("etc/io.switchboard.numbering.cfg"), "defaultCountryCode = 44\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            for (String user : new String[] { "alice", "bob", "carol", "dave", "erin", "frank" }) {
                assertEquals(201, server.put("/sip/users/" + user, "{\"password\":\"" + PASSWORD + "\"}", ADMIN)
                        .statusCode());
            }
            for (String[] n : new String[][] { { "alice", "1" }, { "bob", "2" }, { "carol", "3" } }) {
                assertEquals(201, server.put("/sip/numbers/%2B44207111000" + n[1], "{\"destination\":\"" + n[0] + "\"}",
                        ADMIN).statusCode());
            }
            int carrierPort = ServerProcess.freePort();
            assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/routes/out", "{\"pattern\":\"+.\",\"trunks\":[\"carrier\"]}", ADMIN)
                    .statusCode());

            // rules are checked as they are set
            assertEquals(404, server.put("/forwarding/users/nobody", "{\"busy\":\"carol\"}", ADMIN).statusCode());
            var refused = server.put("/forwarding/users/dave", "{\"always\":\"+14155550100\"}", ADMIN);
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("always: forward to +14155550100 refused: Class of service: dave may "
                    + "call national numbers"), refused.body());
            assertEquals(400, server.put("/forwarding/users/bob", "{\"noAnswerSeconds\":2}", ADMIN).statusCode());
            assertEquals(400, server.put("/forwarding/users/bob", "{\"busy\":\"bob\"}", ADMIN).statusCode());
            assertEquals(400, server.put("/forwarding/users/bob", "{\"sometimes\":\"carol\"}", ADMIN).statusCode());
            assertEquals(200, server.put("/forwarding/users/bob", "{\"busy\":\"carol\"}", ADMIN).statusCode());
            JsonNode carolRules = json(server.put("/forwarding/users/carol",
                    "{\"noAnswer\":\"02079460000\",\"noAnswerSeconds\":5}", ADMIN).body());
            assertEquals("02079460000", carolRules.path("noAnswer").asText(), carolRules.toString());
            assertEquals(200, server.put("/forwarding/users/erin", "{\"always\":\"frank\"}", ADMIN).statusCode());
            assertEquals(200, server.put("/forwarding/users/frank", "{\"always\":\"erin\"}", ADMIN).statusCode());
            assertEquals(200, server.put("/forwarding/users/dave", "{\"always\":\"+442079460000\"}", ADMIN)
                    .statusCode());
            assertEquals(5, server.getJson("/forwarding/users", ADMIN).size(), "bob, carol, dave, erin, frank");

            int bobPort = PhoneChecks.sippPhone(server, sipp, "bob", PASSWORD);
            int carolPort = PhoneChecks.sippPhone(server, sipp, "carol", PASSWORD);
            int frankPort = PhoneChecks.sippPhone(server, sipp, "frank", PASSWORD);

            // the path each call would take, before it rings
            JsonNode bobPath = server.getJson("/sip/simulate?caller=alice&number=bob", ADMIN).path("path");
            assertEquals("bob's phones ring", bobPath.path("step").asText(), bobPath.toString());
            assertEquals("1 phone(s) for 60 s", bobPath.path("rings").asText(), bobPath.toString());
            assertEquals("user-busy", bobPath.path("then").get(0).path("when").asText(), bobPath.toString());
            assertEquals("carol's phones ring", bobPath.path("then").get(0).path("path").path("step").asText(),
                    bobPath.toString());
            JsonNode loopPath = server.getJson("/sip/simulate?caller=alice&number=erin", ADMIN).path("path");
            JsonNode frankPath = loopPath.path("then").get(0).path("path");
            assertEquals("frank forwards every call", frankPath.path("step").asText(), loopPath.toString());
            assertTrue(frankPath.path("then").get(0).path("step").asText().startsWith(
                    "not followed: a loop back to erin"), loopPath.toString());

            // busy: bob's phone says busy, the call goes to carol's, which sees who forwarded it
            Sipp bob = Sipp.start(sipp, "sipp-busy.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Sipp carol = Sipp.start(sipp, "sipp-answer-diverted.xml", server.sipPort, carolPort, "u1", "-m", "1");
            Sipp alice = call(server, sipp, "bob");
            assertEquals(0, alice.await(60), "alice heard 181 and carol answered\n" + alice.report());
            assertEquals(0, bob.await(30), bob.report());
            assertEquals(0, carol.await(30), "carol's phone saw alice and Diversion\n" + carol.report());
            JsonNode busy = record(server, "callee:bob");
            assertEquals("ANSWERED", busy.path("disposition").asText(), busy.toString());
            assertEquals("bob -> carol (user-busy)", busy.path("tags").path("forwards").asText(), busy.toString());

            // no answer: carol's phone rings 5 s, the call leaves on the trunk with alice's caller ID
            Sipp ringing = Sipp.start(sipp, "sipp-ring.xml", server.sipPort, carolPort, "u1", "-m", "1");
            Sipp carrier = Sipp.start(sipp, "sipp-carrier-forwarded.xml", server.sipPort, carrierPort, "u1", "-m", "1");
            Sipp alice2 = call(server, sipp, "carol");
            assertEquals(0, alice2.await(60), alice2.report());
            assertEquals(0, ringing.await(30), "carol's phone was cancelled at 5 s\n" + ringing.report());
            assertEquals(0, carrier.await(30), "the carrier saw alice's number, Diversion and History-Info\n"
                    + carrier.report());
            JsonNode out = record(server, "callee:carol");
            assertEquals("carrier", out.path("trunkOut").asText(), out.toString());
            assertEquals("carol -> 02079460000 (no-answer)", out.path("tags").path("forwards").asText(), out.toString());
            assertEquals("+442079460000", out.path("tags").path("sent").asText(), out.toString());

            // a loop: erin to frank to erin; frank's phone rings
            Sipp frank = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, frankPort, "u1", "-m", "1");
            Sipp alice3 = call(server, sipp, "erin");
            assertEquals(0, alice3.await(60), alice3.report());
            assertEquals(0, frank.await(30), frank.report());
            JsonNode loop = record(server, "callee:erin");
            assertEquals("erin -> frank (unconditional); frank -> erin (unconditional, not followed: a loop back to "
                    + "erin)", loop.path("tags").path("forwards").asText(), loop.toString());

            // call waiting off: bob is in a call with erin, so alice's call finds him busy and goes to carol
            assertEquals(200, server.put("/forwarding/users/bob", "{\"callWaiting\":false}", ADMIN).statusCode());
            Sipp bobTalks = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Sipp.awaitListening(bobPort);
            Sipp erin = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", "bob",
                    "-au", "erin", "-ap", PASSWORD, "-key", "caller", "erin", "-d", "8000", "-m", "1");
            // what a failure needs first stands first: a long message is cut in its middle
            PhoneChecks.await("bob in a call", () -> inCall(server, "bob"),
                    () -> "bob's SIPp on port " + bobPort + (bobTalks.alive() ? " runs" : " ended") + "\ncalls: "
                            + server.getJson("/sip/calls", ADMIN) + "\nregistrations: "
                            + server.getJson("/sip/registrations", ADMIN) + "\n" + bobTalks.report() + erin.report()
                            + server.output());
            JsonNode busyPath = server.getJson("/sip/simulate?caller=alice&number=bob", ADMIN).path("path");
            assertTrue(busyPath.path("rings").asText().contains("call waiting off, so is busy"), busyPath.toString());
            Sipp carolAgain = Sipp.start(sipp, "sipp-answer-diverted.xml", server.sipPort, carolPort, "u1", "-m", "1");
            Sipp alice5 = call(server, sipp, "bob");
            assertEquals(0, alice5.await(60), "bob busy in his call, carol answered\n" + alice5.report());
            assertEquals(0, carolAgain.await(30), carolAgain.report());
            assertEquals(0, erin.await(30), "erin's call with bob was never disturbed\n" + erin.report());
            assertEquals(0, bobTalks.await(30), bobTalks.report());
            JsonNode waited = PhoneChecks.latest(server, ADMIN, "callee:bob AND caller:alice", 2);
            assertEquals("bob -> carol (user-busy)", waited.path("tags").path("forwards").asText(), waited.toString());
            assertEquals("ANSWERED", waited.path("disposition").asText(), waited.toString());

            // dave may no longer call national numbers: his forward is refused on the call, with its reason
            assertEquals(200, server.put("/sip/users/dave", "{\"callClass\":\"internal\"}", ADMIN).statusCode());
            Sipp alice4 = Sipp.start(sipp, "sipp-call-fails.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                    "dave", "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-m", "1");
            assertEquals(0, alice4.await(60), alice4.report());
            JsonNode davePath = server.getJson("/sip/simulate?caller=alice&number=dave", ADMIN).path("path");
            assertTrue(davePath.path("then").get(0).path("step").asText().startsWith("refused 403: Class of service"),
                    "the simulator says it first: " + davePath);
            JsonNode dave = record(server, "callee:dave");
            assertEquals(403, dave.path("sipCode").asInt(), dave.toString());
            assertTrue(dave.path("tags").path("forwards").asText().startsWith("dave -> +442079460000 (unconditional, "
                    + "refused: Class of service: dave may call other users"), dave.toString());

            featureCodes(server);
        }
    }

    /**
     * With real phones: bob's phone (SIPp) is busy, his busy forward takes alice's call (the phone
     * engine, 440 Hz) to gina's baresip (1000 Hz), which answers; each hears the other.
     */
    @Test
    void aRealPhoneAnswersABusyForwardAndBothHearEachOther() throws Exception {
        ServerProcess.sipSettings(base, "algorithms", "MD5");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", PASSWORD, "bob", PASSWORD, "gina", PASSWORD);
            assertEquals(200, server.put("/forwarding/users/bob", "{\"busy\":\"gina\"}", ADMIN).statusCode());
            int bobPort = PhoneChecks.sippPhone(server, sipp, "bob", PASSWORD);
            Sipp bob = Sipp.start(sipp, "sipp-busy.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Path heard = base.resolve("alice-heard.wav");
            try (Baresip gina = new Baresip(base.resolve("gina"), server.sipPort, "gina", PASSWORD,
                    Tones.write(base.resolve("gina.wav"), 1000, 30));
                    PhoneEngineImpl engine = new PhoneEngineImpl();
                    Phone alice = engine.open(PhoneChecks.account(server, "alice", PASSWORD), new PhoneListener() {
                    })) {
                PhoneChecks.await("gina registered", () -> PhoneChecks.registered(server, "gina", ADMIN), gina::output);
                PhoneChecks.await("alice registered", alice::registered);
                PhoneCall call = alice.dial("bob", engine.tone(440), engine.record(heard));
                PhoneChecks.await("gina's phone answers", () -> call.state() == CallState.CONNECTED,
                        () -> server.output() + gina.output());
                Thread.sleep(3_000);
                call.hangup();
                PhoneChecks.await("the call ended", () -> PhoneChecks.noCalls(server, ADMIN));
                PhoneChecks.assertHears("gina", gina.lastHeard(), 440, 1000);
            }
            PhoneChecks.assertHears("alice", heard, 1000, 440);
            assertEquals(0, bob.await(30), bob.report());
            JsonNode record = PhoneChecks.record(server, ADMIN, "callee:bob");
            assertEquals("bob -> gina (user-busy)", record.path("tags").path("forwards").asText(), record.toString());
        }
    }

    /**
     * linphonec rings and is not answered (its auto-answer off): after carol's 5 s the call forwards to
     * gina's baresip, which answers; alice (the phone engine) and gina hear each other, carol's
     * linphonec stops ringing, and the record holds the forward.
     */
    @Test
    void linphonecLeftRingingForwardsToBaresipOnNoAnswer() throws Exception {
        ServerProcess.sipSettings(base, "algorithms", "MD5");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", PASSWORD, "carol", PASSWORD, "gina", PASSWORD);
            assertEquals(200, server.put("/forwarding/users/carol", "{\"noAnswer\":\"gina\",\"noAnswerSeconds\":5}",
                    ADMIN).statusCode());
            Path heard = base.resolve("alice-heard.wav");
            try (Linphonec carol = new Linphonec(base.resolve("carol"));
                    Baresip gina = new Baresip(base.resolve("gina"), server.sipPort, "gina", PASSWORD,
                            Tones.write(base.resolve("gina.wav"), 1000, 30));
                    PhoneEngineImpl engine = new PhoneEngineImpl();
                    Phone alice = engine.open(PhoneChecks.account(server, "alice", PASSWORD), new PhoneListener() {
                    })) {
                carol.type("autoanswer disable");
                carol.type("register sip:carol@127.0.0.1:" + server.sipPort + " sip:127.0.0.1:" + server.sipPort + " "
                        + PASSWORD);
                PhoneChecks.await("carol registered", () -> PhoneChecks.registered(server, "carol", ADMIN),
                        carol::output);
                PhoneChecks.await("gina registered", () -> PhoneChecks.registered(server, "gina", ADMIN), gina::output);
                PhoneChecks.await("alice registered", alice::registered);
                long dialled = System.nanoTime();
                PhoneCall call = alice.dial("carol", engine.tone(440), engine.record(heard));
                PhoneChecks.await("gina's phone answers", () -> call.state() == CallState.CONNECTED,
                        () -> server.output() + carol.output() + gina.output());
                long rang = (System.nanoTime() - dialled) / 1_000_000;
                assertTrue(rang >= 4_500, "carol's phone rang its 5 s first: " + rang + " ms");
                assertTrue(carol.output().toLowerCase(Locale.ROOT).contains("alice"),
                        "carol's linphonec showed alice's call: " + carol.output());
                Thread.sleep(3_000);
                call.hangup();
                PhoneChecks.await("the call ended", () -> PhoneChecks.noCalls(server, ADMIN));
                PhoneChecks.assertHears("gina", gina.lastHeard(), 440, 1000);
            }
            PhoneChecks.assertHears("alice", heard, 1000, 440);
            JsonNode record = PhoneChecks.record(server, ADMIN, "callee:carol");
            assertEquals("carol -> gina (no-answer)", record.path("tags").path("forwards").asText(), record.toString());
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
        }
    }

    /** Carol sets her forward from her phone, hears the tone, clears it; a number her class refuses is refused. */
    private void featureCodes(ServerProcess server) throws Exception {
        Path heard = base.resolve("carol-heard.wav");
        String heardStats;
        try (PhoneEngineImpl engine = new PhoneEngineImpl();
                Phone carol = engine.open(PhoneChecks.account(server, "carol", PASSWORD), new PhoneListener() {
                })) {
            PhoneChecks.await("carol's engine registered", carol::registered);
            PhoneCall set = carol.dial("*72bob", engine.tone(1000), engine.record(heard));
            PhoneChecks.await("the code answers", () -> set.state() == CallState.CONNECTED, server::output);
            PhoneChecks.await("the switch hangs up after the tone", () -> set.state() == CallState.ENDED,
                    server::output);
            heardStats = set.stats().toString();
            assertEquals("bob", server.getJson("/forwarding/users/carol", ADMIN).path("always").asText());
            PhoneCall refused = carol.dial("*72+14155550100", engine.tone(1000), null);
            PhoneChecks.await("refused", () -> refused.state() == CallState.ENDED);
            assertEquals(403, refused.failureCode());
            assertEquals("bob", server.getJson("/forwarding/users/carol", ADMIN).path("always").asText());
            PhoneCall clear = carol.dial("*73", engine.tone(1000), null);
            PhoneChecks.await("the switch hangs up after the tone", () -> clear.state() == CallState.ENDED);
            JsonNode rules = server.getJson("/forwarding/users/carol", ADMIN);
            assertTrue(rules.path("always").isNull(), rules.toString());
            assertEquals("02079460000", rules.path("noAnswer").asText(), "the other rules stay: " + rules);
        }
        double tone = Tones.power(heard, 880);
        double own = Tones.power(heard, 1000);
        assertTrue(tone > 1e9 && tone > 100 * own, "carol heard the confirmation tone: power " + tone
                + " at 880 Hz, " + own + " at 1000 Hz (her own), in " + Files.size(heard) + " bytes; her phone's "
                + heardStats);
    }

    private static Sipp call(ServerProcess server, Path sipp, String callee) throws Exception {
        return Sipp.start(sipp, "sipp-call-forwarded.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", callee,
                "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "500", "-m", "1");
    }

    private static JsonNode record(ServerProcess server, String query) throws Exception {
        return PhoneChecks.record(server, ADMIN, query);
    }

    private static boolean inCall(ServerProcess server, String user) {
        try {
            for (JsonNode c : server.getJson("/sip/calls", ADMIN)) {
                if (c.path("state").asText().equals("answered") && c.toString().contains("\"" + user + "\"")) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static JsonNode json(String body) throws Exception {
        return ServerProcess.JSON.readTree(body);
    }
}
