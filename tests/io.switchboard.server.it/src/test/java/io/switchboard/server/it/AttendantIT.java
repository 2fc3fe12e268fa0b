package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.server.it.PhoneEngineIT.Events;
import io.switchboard.testing.Tones;

/**
 * The auto attendant with phones on the server: a caller presses keys through two menu levels and dials an
 * extension directly, each time reaching the phone the menu names with audio both ways through the relay; a
 * caller who presses nothing hears goodbye. The menus' API refuses what would leave a caller in silence or
 * nowhere, and a change made against an old version.
 */
class AttendantIT {

    private static final String[] ADMIN = { "admin", "attendant-admin-1" };
    private static final int ALICE_HZ = 440;
    private static final int AGENT_HZ = 1000;
    private static final int RECORDED_HZ = 900;
    /** Carol's spoken name, as the directory reads it out. */
    private static final int NAME_HZ = 1300;

    @TempDir
    static Path base;
    static ServerProcess server;
    static PhoneEngineImpl engine;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.attendant.cfg"), "recorders = alice\n");
        server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        server.awaitSip(ADMIN);
        engine = new PhoneEngineImpl();
        PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "201", "bob-password-2", "202",
                "carol-password-3");
        assertEquals(201, put("801", "{\"greeting\":\"please-hold\",\"keys\":{\"3\":\"202\"}}", null).statusCode());
        assertEquals(201, put("800", "{\"greeting\":\"welcome\",\"keys\":{\"1\":\"201\",\"2\":\"menu:801\"},"
                + "\"directDial\":true,\"timeoutSeconds\":2,\"retries\":0}", null).statusCode());
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> put(String menu, String body, String ifMatch) throws Exception {
        return ifMatch == null ? server.put("/attendant/menus/" + menu, body, ADMIN)
                : server.put("/attendant/menus/" + menu, body, ADMIN, Map.of("If-Match", ifMatch));
    }

    @Test
    void keysTakeACallerThroughTwoMenusAndADirectDialToThePhones() throws Exception {
        Events aliceEvents = new Events();
        Events bobEvents = new Events();
        Events carolEvents = new Events();
        try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), aliceEvents);
                Phone bob = engine.open(PhoneChecks.account(server, "201", "bob-password-2"), bobEvents);
                Phone carol = engine.open(PhoneChecks.account(server, "202", "carol-password-3"), carolEvents)) {
            PhoneChecks.await("all register", () -> alice.registered() && bob.registered() && carol.registered());
            for (Phone p : List.of(alice, bob, carol)) {
                p.codecs(List.of("PCMU"));
            }
            reach(alice, "1", bob, bobEvents, "key 1 of menu 800");
            // menu 800 takes extensions: # ends a key there, else the pause does
            reach(alice, "2#3", carol, carolEvents, "key 2 to menu 801, then its key 3");
            reach(alice, "202#", carol, carolEvents, "202 dialled directly");
        }
    }

    /** Alice calls the menu, presses the keys, and talks with the phone they lead to. */
    private static void reach(Phone alice, String keys, Phone agent, Events agentEvents, String how)
            throws Exception {
        Heard aliceHears = new Heard("alice");
        Heard agentHears = new Heard("the phone reached by " + how);
        PhoneCall out = alice.dial("800", engine.tone(ALICE_HZ), aliceHears);
        PhoneChecks.await("the menu answers alice", () -> out.state() == CallState.CONNECTED);
        out.sendDtmf(keys);
        PhoneCall in = agentEvents.incoming.poll(20, TimeUnit.SECONDS);
        assertNotNull(in, "a phone rings after " + how);
        in.answer(engine.tone(AGENT_HZ), agentHears);
        aliceHears.expect(AGENT_HZ, ALICE_HZ, "after " + how);
        agentHears.expect(ALICE_HZ, AGENT_HZ, "after " + how);
        in.hangup();
        PhoneChecks.await("alice hears the hang-up", () -> out.state() == CallState.ENDED);
        PhoneChecks.await("no call left", () -> PhoneChecks.noCalls(server, ADMIN));
    }

    @Test
    void aCarriersCallerIsHandedOnByTheMenu() throws Exception {
        int carrierPort = ServerProcess.freePort();
        assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false}", ADMIN).statusCode());
        assertEquals(201, server.put("/sip/numbers/%2B15550100800", "{\"destination\":\"800\"}", ADMIN)
                .statusCode());
        Events bobEvents = new Events();
        try (Phone bob = engine.open(PhoneChecks.account(server, "201", "bob-password-2"), bobEvents)) {
            PhoneChecks.await("bob registers", bob::registered);
            Path sipp = Files.createDirectories(base.resolve("sipp"));
            Sipp carrier = Sipp.start(sipp, "sipp-carrier-menu-key.xml", server.sipPort, carrierPort, "u1", "-s",
                    "+15550100800", "-key", "caller", "+442071110099", "-mp",
                    Integer.toString(ServerProcess.freeMediaPort()), "-m", "1");
            PhoneCall in = bobEvents.incoming.poll(30, TimeUnit.SECONDS);
            assertNotNull(in, "bob rings after the carrier's caller pressed 1: " + carrier.report());
            assertTrue(in.remote().contains("442071110099"), "bob sees the carrier's caller: " + in.remote());
            in.answer(engine.tone(AGENT_HZ), null);
            PhoneChecks.await("bob is connected", () -> in.state() == CallState.CONNECTED);
            in.hangup();
            assertEquals(0, carrier.await(30), "the carrier's call ends with bob's hang-up: " + carrier.report());
        }
        JsonNode record = PhoneChecks.record(server, ADMIN, "callee:\"+15550100800\" AND disposition:ANSWERED");
        assertEquals("carrier", record.path("trunkIn").asText(), record.toString());
        assertEquals("800", record.path("tags").path("menu").asText(), "the menu it came through: " + record);
        assertTrue(record.path("tags").path("target").asText().startsWith("sip:201@"),
                "the phone that took it: " + record);
    }

    @Test
    void aCallerFindsAColleagueByLastNameInTheDirectory() throws Exception {
        assertEquals(200, server.put("/sip/users/201", "{\"displayName\":\"Bob Smith\"}", ADMIN).statusCode());
        assertEquals(200, server.put("/sip/users/202", "{\"displayName\":\"Carol Smithers\"}", ADMIN).statusCode());
        Path name = Tones.write(base.resolve("carol-name.wav"), NAME_HZ, 3);
        assertEquals(201, server.putBytes("/attendant/prompts/name-202", Files.readAllBytes(name), "audio/wav", ADMIN)
                .statusCode(), "carol's spoken name");
        assertEquals(201, put("820", "{\"keys\":{\"9\":\"directory\"},\"timeoutSeconds\":10}", null).statusCode());
        assertTrue(server.getJson("/sip/simulate?caller=alice&number=820", ADMIN).path("path").path("step").asText()
                .contains("key 9: the directory"), "the simulator names the directory's key");
        Events carolEvents = new Events();
        Heard aliceHears = new Heard("alice");
        Heard carolHears = new Heard("carol");
        try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), new Events());
                Phone carol = engine.open(PhoneChecks.account(server, "202", "carol-password-3"), carolEvents)) {
            PhoneChecks.await("both register", () -> alice.registered() && carol.registered());
            PhoneCall out = alice.dial("820", engine.tone(ALICE_HZ), aliceHears);
            PhoneChecks.await("the menu answers", () -> out.state() == CallState.CONNECTED);
            out.sendDtmf("9764"); // the directory, then S, M, I: Smith and Smithers are found
            aliceHears.expect(NAME_HZ, ALICE_HZ, "as the directory reads out carol's name, second after Bob Smith");
            out.sendDtmf("2");
            PhoneCall in = carolEvents.incoming.poll(20, TimeUnit.SECONDS);
            assertNotNull(in, "carol rings after alice chose her name");
            in.answer(engine.tone(AGENT_HZ), carolHears);
            aliceHears.expect(AGENT_HZ, ALICE_HZ, "after choosing carol");
            carolHears.expect(ALICE_HZ, AGENT_HZ, "after alice chose her");
            in.hangup();
            PhoneChecks.await("alice hears the hang-up", () -> out.state() == CallState.ENDED);
        } finally {
            assertEquals(204, server.delete("/attendant/menus/820", ADMIN).statusCode());
            assertEquals(204, server.delete("/attendant/prompts/name-202", ADMIN).statusCode());
        }
    }

    @Test
    void aPhoneThatSendsItsKeysInInfoIsHeardToo() throws Exception {
        assertEquals(201, put("802", "{\"keys\":{\"1\":\"201\"}}", null).statusCode());
        Events bobEvents = new Events();
        try (Phone bob = engine.open(PhoneChecks.account(server, "201", "bob-password-2"), bobEvents)) {
            PhoneChecks.await("bob registers", bob::registered);
            Path sipp = Files.createDirectories(base.resolve("sipp"));
            Sipp alice = Sipp.start(sipp, "sipp-call-menu-info.xml", server.sipPort, ServerProcess.freePort(), "u1",
                    "-s", "802", "-au", "alice", "-ap", "alice-password-1", "-key", "caller", "alice", "-mp",
                    Integer.toString(ServerProcess.freeMediaPort()), "-m", "1");
            PhoneCall in = bobEvents.incoming.poll(30, TimeUnit.SECONDS);
            assertNotNull(in, "bob rings after alice pressed 1 of menu 802 in INFO: " + alice.report());
            in.answer(engine.tone(AGENT_HZ), null);
            PhoneChecks.await("bob is connected", () -> in.state() == CallState.CONNECTED);
            in.hangup();
            assertEquals(0, alice.await(30), "alice's call ends with bob's hang-up: " + alice.report());
        }
    }

    @Test
    void aCallerWhoseChoiceFindsNobodyIsBackInTheMenu() throws Exception {
        PhoneChecks.users(server, ADMIN, "203", "dave-password-4"); // no phone, no mailbox
        assertEquals(201, put("803", "{\"keys\":{\"1\":\"201\",\"3\":\"203\"}}", null).statusCode());
        Events bobEvents = new Events();
        try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), new Events());
                Phone bob = engine.open(PhoneChecks.account(server, "201", "bob-password-2"), bobEvents)) {
            PhoneChecks.await("both register", () -> alice.registered() && bob.registered());
            PhoneCall out = alice.dial("803", engine.tone(ALICE_HZ), null);
            PhoneChecks.await("the menu answers", () -> out.state() == CallState.CONNECTED);
            out.sendDtmf("3");
            // 203 takes no call: the menu has alice back, and her next key counts
            PhoneCall in = null;
            for (int i = 0; i < 20 && in == null; i++) {
                assertEquals(CallState.CONNECTED, out.state(), "alice's call is kept after 203 took none");
                out.sendDtmf("1");
                in = bobEvents.incoming.poll(1, TimeUnit.SECONDS);
            }
            assertNotNull(in, "bob rings after alice, back in the menu, pressed 1");
            PhoneCall taken = in;
            taken.answer(engine.tone(AGENT_HZ), null);
            PhoneChecks.await("bob is connected", () -> taken.state() == CallState.CONNECTED);
            taken.hangup();
            PhoneChecks.await("alice hears the hang-up", () -> out.state() == CallState.ENDED);
        }
    }

    @Test
    void aCallerWhoPressesNothingHearsGoodbye() throws Exception {
        try (Phone dave = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), new Events())) {
            PhoneChecks.await("alice registers", dave::registered);
            PhoneCall out = dave.dial("800", engine.tone(ALICE_HZ), null);
            PhoneChecks.await("the menu answers", () -> out.state() == CallState.CONNECTED);
            PhoneChecks.await("the menu says goodbye and hangs up", () -> out.state() == CallState.ENDED);
        }
    }

    @Test
    void theSimulatorShowsACallsWayThroughTheMenus() throws Exception {
        JsonNode path = server.getJson("/sip/simulate?caller=alice&number=800", ADMIN).path("path");
        assertTrue(path.path("step").asText().startsWith("menu 800 plays welcome and waits 2 s for a key; callers "
                + "may dial an extension"), path.toString());
        JsonNode ways = path.path("then");
        assertEquals("key 1", ways.get(0).path("when").asText(), path.toString());
        assertEquals("201's phones ring", ways.get(0).path("path").path("step").asText(), path.toString());
        assertEquals("key 2", ways.get(1).path("when").asText(), path.toString());
        JsonNode menu801 = ways.get(1).path("path");
        assertTrue(menu801.path("step").asText().startsWith("menu 801 plays please-hold"), path.toString());
        assertEquals("202's phones ring", menu801.path("then").get(0).path("path").path("step").asText(),
                path.toString());
        assertEquals("no key", ways.get(2).path("when").asText(), "no retries: " + path);
        assertEquals("the call ends", ways.get(2).path("step").asText(), "goodbye: " + path);
    }

    @Test
    void theMenusApiRefusesWhatWouldStrandACallerAndAStaleChange() throws Exception {
        JsonNode menu = server.getJson("/attendant/menus/801", ADMIN);
        long version = menu.path("version").asLong();
        String body = "{\"greeting\":\"please-hold\",\"keys\":{\"3\":\"202\",\"4\":\"201\"}}";
        assertEquals(200, put("801", body, "\"" + version + "\"").statusCode(), "made on the stored version");
        HttpResponse<String> stale = put("801", "{\"greeting\":\"please-hold\",\"keys\":{\"3\":\"201\"}}",
                "\"" + version + "\"");
        assertEquals(412, stale.statusCode(), "made on the version before: " + stale.body());
        assertEquals("201", server.getJson("/attendant/menus/801", ADMIN).path("keys").path("4").asText(),
                "the other admin's change stands");
        assertEquals(Map.of("3", "202", "4", "201").size(),
                server.getJson("/attendant/menus/801", ADMIN).path("keys").size());

        HttpResponse<String> silent = put("900", "{\"greeting\":\"no-such-prompt\"}", null);
        assertEquals(400, silent.statusCode());
        assertTrue(silent.body().contains("greeting") && silent.body().contains("no-such-prompt"), silent.body());
        HttpResponse<String> nowhere = put("900", "{\"keys\":{\"1\":\"menu:nope\"}}", null);
        assertEquals(400, nowhere.statusCode());
        assertTrue(nowhere.body().contains("keys.1") && nowhere.body().contains("nope"), nowhere.body());
        HttpResponse<String> badKey = put("900", "{\"keys\":{\"x\":\"201\"}}", null);
        assertEquals(400, badKey.statusCode());
        assertTrue(badKey.body().contains("'x'"), badKey.body());
        HttpResponse<String> user = put("201", "{}", null);
        assertEquals(400, user.statusCode(), "a user's extension: " + user.body());
        assertEquals(404, server.get("/attendant/menus/900", ADMIN).statusCode(), "nothing bad was stored");
        assertTrue(server.getJson("/attendant/prompts", ADMIN).path("shipped").toString().contains("welcome"));
    }

    @Test
    void aRecorderRecordsAPromptFromHerPhoneAndHearsItBack() throws Exception {
        Path heardBack = base.resolve("alice-heard-back.wav");
        try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), new Events());
                Phone bob = engine.open(PhoneChecks.account(server, "201", "bob-password-2"), new Events())) {
            PhoneChecks.await("alice and bob register", () -> alice.registered() && bob.registered());
            PhoneCall refused = bob.dial("*94501", engine.tone(ALICE_HZ), null);
            PhoneChecks.await("bob may not record", () -> refused.state() == CallState.ENDED);
            assertEquals(403, refused.failureCode(), "bob is no recorder");
            PhoneCall rec = alice.dial("*94500", engine.tone(RECORDED_HZ), engine.record(heardBack));
            PhoneChecks.await("the recording answers", () -> rec.state() == CallState.CONNECTED);
            PhoneChecks.await("two seconds of alice's voice", () -> rec.stats().packetsSent() > 100);
            rec.sendDtmf("#");
            PhoneChecks.await("played back, the call ends", () -> rec.state() == CallState.ENDED,
                    () -> server.output());
        }
        assertTrue(server.getJson("/attendant/prompts", ADMIN).path("own").toString().contains("500"));
        Path kept = base.resolve("data/attendant/prompts/500.wav");
        assertTrue(Tones.power(kept, RECORDED_HZ) > 1e9, "the prompt is alice's voice: " + Tones.power(kept,
                RECORDED_HZ));
        PhoneChecks.assertHears("alice (her prompt played back)", heardBack, RECORDED_HZ, ALICE_HZ);
        assertEquals(204, server.delete("/attendant/prompts/500", ADMIN).statusCode());
    }

    @Test
    void anOfficesOwnGreetingIsUploadedUsedAndKeptWhileAMenuNeedsIt() throws Exception {
        Path stereo = Tones.write(base.resolve("office-greeting.wav"), 700, 2, 16000, 2);
        HttpResponse<String> up = server.putBytes("/attendant/prompts/office", Files.readAllBytes(stereo), "audio/wav",
                ADMIN);
        assertEquals(201, up.statusCode(), up.body());
        assertEquals(2.0, ServerProcess.JSON.readTree(up.body()).path("seconds").asDouble(), 0.05, up.body());
        assertTrue(server.getJson("/attendant/prompts", ADMIN).path("own").toString().contains("office"));
        assertEquals(201, put("810", "{\"greeting\":\"office\",\"keys\":{\"1\":\"201\"}}", null).statusCode());
        HttpResponse<String> inUse = server.delete("/attendant/prompts/office", ADMIN);
        assertEquals(409, inUse.statusCode(), inUse.body());
        assertTrue(inUse.body().contains("810"), inUse.body());
        HttpResponse<String> noise = server.putBytes("/attendant/prompts/noise", "not a wav".getBytes(), "audio/wav",
                ADMIN);
        assertEquals(400, noise.statusCode(), noise.body());
        assertTrue(noise.body().contains("WAV"), noise.body());
        assertEquals(204, server.delete("/attendant/menus/810", ADMIN).statusCode());
        assertEquals(204, server.delete("/attendant/prompts/office", ADMIN).statusCode(), "no menu needs it now");
    }
}
