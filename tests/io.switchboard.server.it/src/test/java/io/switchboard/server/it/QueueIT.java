package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import com.fasterxml.jackson.databind.node.MissingNode;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Chromium;
import io.switchboard.testing.Tones;

/**
 * A call queue with real phones. Queue 600 has dave (the phone engine, 660 Hz) as its member, paused for lunch, and
 * takes logins. Alice (the phone engine, 440 Hz) calls it and waits, hearing the welcome and the hold music; carol
 * calls too, is second in line, presses 1 and is hung up with her place kept; erin calls and gives up after 6 s.
 * Bob's baresip (1000 Hz) logs in by
 * the feature code and takes alice, the first in line; alice then hears bob. Dave comes back from lunch through the
 * API and the queue calls carol back for him: his phone rings first, then hers. The records and the wallboard's
 * figures say what happened.
 */
class QueueIT {

    private static final String[] ADMIN = { "admin", "queue-it-secret" };
    private static final String PASSWORD = "queue-password-1";
    private static final int DAVE_HZ = 660;
    private static final int CAROL_HZ = 550;
    private static final int HAL_HZ = 480;
    private static final int GUS_HZ = 1200;
    private static final int MUSIC_HZ = 1500;
    private static final int KIM_HZ = 700;
    /** The G of the built-in music's chords. */
    private static final int BUILT_IN_G_HZ = 392;
    /** Middle C, in three of the built-in music's four chords: a caller with a class of music never hears it. */
    private static final int BUILT_IN_C_HZ = 262;

    @TempDir
    static Path base;
    static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        server.awaitSip(ADMIN);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void callersWaitWithMusicAndAgentsTakeThemInTurn() throws Exception {
        PhoneChecks.users(server, ADMIN, "alice", PASSWORD, "bob", PASSWORD, "carol", PASSWORD, "dave", PASSWORD,
                "erin", PASSWORD);

        HttpResponse<String> nobody = server.put("/queues/600", "{\"members\":[\"nobody\"]}", ADMIN);
        assertEquals(400, nobody.statusCode(), nobody.body());
        assertTrue(nobody.body().contains("members: nobody is no user"), nobody.body());
        HttpResponse<String> made = server.put("/queues/600", "{\"members\":[\"dave\"],\"dynamic\":true,"
                + "\"ringSeconds\":10,\"wrapUpSeconds\":1,\"announceSeconds\":0,\"callback\":true}", ADMIN,
                Map.of("If-None-Match", "*"));
        assertEquals(201, made.statusCode(), made.body());
        HttpResponse<String> unskilled = server.put("/queues/601",
                "{\"members\":[\"dave\"],\"strategy\":\"SKILL\"}", ADMIN);
        assertEquals(400, unskilled.statusCode(), unskilled.body());
        assertTrue(unskilled.body().contains("skill: the SKILL strategy"), unskilled.body());
        HttpResponse<String> tooGood = server.put("/queues/skills/dave", "{\"french\":12}", ADMIN);
        assertEquals(400, tooGood.statusCode(), tooGood.body());
        assertTrue(tooGood.body().contains("french's level is 1 to 10, not 12"), tooGood.body());
        assertEquals(200, server.put("/queues/skills/dave", "{\"french\":8,\"billing\":3}", ADMIN).statusCode());
        assertEquals(8, server.getJson("/queues/skills", ADMIN).path("dave").path("french").asInt());
        HttpResponse<String> stale = server.put("/queues/600", "{\"members\":[\"dave\"],\"version\":7}", ADMIN);
        assertEquals(412, stale.statusCode(), stale.body());
        JsonNode path = server.getJson("/sip/simulate?caller=alice&number=600", ADMIN).path("path");
        assertTrue(path.path("step").asText().startsWith("queue 600 (longest idle) rings dave and the agents "
                + "logged in"), "the simulator says what the queue does: " + path);
        HttpResponse<String> lunch = server.put("/queues/600/agents/dave", "{\"state\":\"PAUSED\","
                + "\"reason\":\"lunch\"}", ADMIN);
        assertEquals(200, lunch.statusCode(), lunch.body());
        assertEquals("lunch", agent(server, "dave").path("reason").asText());

        Path aliceHeard = base.resolve("alice-heard.wav");
        Path carolHeard = base.resolve("carol-heard.wav");
        try (Baresip bob = new Baresip(base.resolve("bob"), server.sipPort, "bob", PASSWORD,
                Tones.write(base.resolve("bob.wav"), 1000, 120));
                PhoneEngineImpl engine = new PhoneEngineImpl();
                Phone alice = engine.open(PhoneChecks.account(server, "alice", PASSWORD), new PhoneListener() {
                });
                Phone carol = engine.open(PhoneChecks.account(server, "carol", PASSWORD), new PhoneListener() {
                    @Override
                    public void incoming(PhoneCall call) {
                        call.answer(engine.tone(CAROL_HZ), engine.record(carolHeard));
                    }
                });
                Phone dave = engine.open(PhoneChecks.account(server, "dave", PASSWORD), new PhoneListener() {
                    @Override
                    public void incoming(PhoneCall call) {
                        call.answer(engine.tone(DAVE_HZ), null);
                    }
                });
                Phone erin = engine.open(PhoneChecks.account(server, "erin", PASSWORD), new PhoneListener() {
                })) {
            PhoneChecks.await("bob registered", () -> PhoneChecks.registered(server, "bob", ADMIN), bob::output);
            PhoneChecks.await("alice, carol, dave and erin registered", () -> alice.registered()
                    && carol.registered() && dave.registered() && erin.registered());

            PhoneCall first = alice.dial("600", engine.tone(440), engine.record(aliceHeard));
            PhoneChecks.await("alice waits in line", () -> status(server).path("waiting").asInt() == 1,
                    server::output);
            PhoneChecks.await("alice heard the welcome, the offer and some music (12 s)",
                    () -> first.stats().packetsReceived() > 600);
            PhoneCall second = carol.dial("600", engine.tone(CAROL_HZ), null);
            // her phone sends keys once it has taken the queue's answer, which the server counts a hair before
            PhoneChecks.await("carol is second in line", () -> second.state() == CallState.CONNECTED
                    && status(server).path("waiting").asInt() == 2);
            second.sendDtmf("1");
            PhoneChecks.await("carol chose a callback and was hung up, her place kept",
                    () -> second.state() == CallState.ENDED && status(server).path("callbacks").asInt() == 1,
                    () -> status(server) + server.output());
            wallScreenShowsAliceWaitingAndDavesLunch(server);

            PhoneCall third = erin.dial("600", engine.tone(CAROL_HZ), null);
            PhoneChecks.await("erin waited 6 s, past a short abandon", () -> third.stats().packetsReceived() > 300);
            third.hangup();
            PhoneChecks.await("erin abandoned", () -> status(server).path("abandonedToday").asInt() == 1);

            bob.command("dial", "sip:*45600@127.0.0.1:" + server.sipPort);
            PhoneChecks.await("bob logged in by the code and took alice", () -> status(server)
                    .path("answeredToday").asInt() == 1, () -> status(server) + bob.output() + server.output());
            long before = first.stats().packetsReceived();
            PhoneChecks.await("alice heard bob 3 s", () -> first.stats().packetsReceived() > before + 150,
                    () -> first.stats() + "\n" + server.getJson("/sip/calls", ADMIN) + "\n"
                            + server.getJson("/media/sessions", ADMIN) + "\n" + bob.output()
                            + server.output());
            first.hangup();

            assertEquals(200, server.put("/queues/600/agents/dave", "{\"state\":\"READY\"}", ADMIN)
                    .statusCode());
            PhoneChecks.await("the queue called carol back for dave", () -> status(server).path("answeredToday")
                    .asInt() == 2, () -> status(server) + server.output());
            PhoneChecks.await("carol talked to dave 2 s", () -> carol.calls().stream().anyMatch(c -> c.stats()
                    .packetsReceived() > 100));
            dave.calls().forEach(PhoneCall::hangup);
            PhoneChecks.await("no call left", () -> PhoneChecks.noCalls(server, ADMIN), server::output);
        }
        assertTrue(PhoneChecks.musicHeard(aliceHeard),
                "alice heard the hold music: a second of its G (392 Hz) far above 370 Hz");
        PhoneChecks.assertHears("alice (bob's)", aliceHeard, 1000, 440);
        PhoneChecks.assertHears("carol (called back for dave)", carolHeard, DAVE_HZ, CAROL_HZ);

        JsonNode alices = PhoneChecks.latest(server, ADMIN, "caller:alice AND callee:600", 1);
        assertEquals("answered", alices.path("tags").path("queueOutcome").asText(), alices.toString());
        assertEquals("bob", alices.path("tags").path("agent").asText(), alices.toString());
        assertEquals(3, PhoneChecks.records(server, ADMIN, "tag:\"queue 600\" AND tag:queueOutcome", 3)
                .path("records").size(),
                "a dashboard's point of the queue scope opens its callers' records by this search");
        JsonNode carols = PhoneChecks.latest(server, ADMIN, "caller:carol AND callee:600", 1);
        assertEquals("callback", carols.path("tags").path("queueOutcome").asText(), carols.toString());
        JsonNode erins = PhoneChecks.latest(server, ADMIN, "caller:erin AND callee:600", 1);
        assertEquals("abandoned", erins.path("tags").path("queueOutcome").asText(), erins.toString());
        JsonNode report = server.getJson("/queues/600/report?intervalMinutes=15", ADMIN);
        JsonNode total = report.path("total");
        assertEquals(3, total.path("offered").asInt(), "alice, carol and erin, from the records: " + report);
        assertEquals(1, total.path("answered").asInt(), report.toString());
        assertEquals(1, total.path("callbacks").asInt(), report.toString());
        assertEquals(1, total.path("abandoned").asInt(), "erin's 6 s is past a short abandon: " + report);
        assertEquals("bob", report.path("agents").path(0).path("agent").asText(), report.toString());
        assertTrue(report.path("agents").path(0).path("loggedInSeconds").asLong() > 0, "bob logged in by the code: "
                + report.path("agents"));
        assertEquals("dave", report.path("agents").path(1).path("agent").asText(), report.toString());
        assertTrue(report.path("agents").path(1).path("pausedSeconds").asLong() > 0, "dave's lunch: "
                + report.path("agents"));
        PhoneChecks.await("the KPIs' queue scope has the three callers", () -> queueKpis(server).path("offered")
                .asInt() == 3, () -> queueKpis(server).toString());
        JsonNode kpis = queueKpis(server);
        assertEquals(1, kpis.path("agentAnswered").asInt(), "the KPIs count as the report: " + kpis);
        assertEquals(1, kpis.path("callbacks").asInt(), kpis.toString());
        assertEquals(1, kpis.path("abandoned").asInt(), kpis.toString());
        assertEquals(total.path("longestWaitSeconds").asLong(), kpis.path("longestWaitSeconds").asLong(),
                "report " + total + ", KPIs " + kpis);
        assertEquals(total.path("serviceLevel").asDouble(), kpis.path("serviceLevel").asDouble(), 0.1,
                "report " + total + ", KPIs " + kpis);
        JsonNode s = status(server);
        assertEquals(3, s.path("offeredToday").asInt(), s.toString());
        assertEquals(1, s.path("abandonedToday").asInt(), s.toString());
        String metrics = server.get("/metrics", ADMIN).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("switchboard_queue_calls_today{")
                && l.contains("outcome=\"answered\"") && l.contains("queue=\"600\"") && l.endsWith(" 2.0")),
                "Prometheus has the day's answered calls: " + metrics.lines().filter(l -> l.contains("queue"))
                        .toList());
        PhoneChecks.await("dave ready after his wrap-up", () -> agent(server, "dave").path("state").asText()
                .equals("READY"), () -> status(server).toString());
    }

    /**
     * Queue 610 rings all, and hal reaches it through menu 611's key 1 (a caller a menu handed on is handed on again
     * by the queue): fay's and gus's phones ring at once; gus answers, fay's phone stops ringing (she is free again at
     * once) and hal talks with gus through the relay session the menu answered him with.
     */
    @Test
    void aQueueThatRingsAllRingsEveryFreeAgentAndTheFirstToAnswerTakesTheCaller() throws Exception {
        PhoneChecks.users(server, ADMIN, "fay", PASSWORD, "gus", PASSWORD, "hal", PASSWORD);
        HttpResponse<String> made = server.put("/queues/610", "{\"members\":[\"fay\",\"gus\"],\"strategy\":"
                + "\"RING_ALL\",\"ringSeconds\":20,\"wrapUpSeconds\":1,\"announceSeconds\":0}", ADMIN);
        assertEquals(201, made.statusCode(), made.body());
        assertTrue(server.getJson("/sip/simulate?caller=hal&number=610", ADMIN).path("path").path("step").asText()
                .startsWith("queue 610 (ring all)"), "the simulator names the strategy");
        assertEquals(201, server.put("/attendant/menus/611", "{\"keys\":{\"1\":\"610\"},\"timeoutSeconds\":20}",
                ADMIN).statusCode());
        PhoneEngineIT.Events fayEvents = new PhoneEngineIT.Events();
        PhoneEngineIT.Events gusEvents = new PhoneEngineIT.Events();
        Heard halHears = new Heard("hal");
        Heard gusHears = new Heard("gus");
        try (PhoneEngineImpl engine = new PhoneEngineImpl();
                Phone fay = engine.open(PhoneChecks.account(server, "fay", PASSWORD), fayEvents);
                Phone gus = engine.open(PhoneChecks.account(server, "gus", PASSWORD), gusEvents);
                Phone hal = engine.open(PhoneChecks.account(server, "hal", PASSWORD), new PhoneListener() {
                })) {
            PhoneChecks.await("fay, gus and hal registered", () -> fay.registered() && gus.registered()
                    && hal.registered());
            PhoneCall call = hal.dial("611", engine.tone(HAL_HZ), halHears);
            PhoneChecks.await("the menu answers hal", () -> call.state() == CallState.CONNECTED);
            call.sendDtmf("1");
            PhoneCall fayRings = fayEvents.incoming.poll(20, TimeUnit.SECONDS);
            PhoneCall gusRings = gusEvents.incoming.poll(20, TimeUnit.SECONDS);
            assertNotNull(fayRings, "fay's phone rings: " + status(server, "610"));
            assertNotNull(gusRings, "gus's phone rings at the same time: " + status(server, "610"));
            gusRings.answer(engine.tone(GUS_HZ), gusHears);
            PhoneChecks.await("fay's phone stops ringing", () -> fayRings.state() == CallState.ENDED);
            halHears.expect(GUS_HZ, HAL_HZ, "once gus answered");
            gusHears.expect(HAL_HZ, GUS_HZ, "once he answered");
            PhoneChecks.await("gus is busy and fay ready for the next caller", () -> {
                JsonNode s = status(server, "610");
                return agentIn(s, "gus").path("state").asText().equals("BUSY")
                        && agentIn(s, "fay").path("state").asText().equals("READY");
            }, () -> status(server, "610").toString());
            call.hangup();
            PhoneChecks.await("no call left", () -> PhoneChecks.noCalls(server, ADMIN), server::output);
        }
        JsonNode record = PhoneChecks.latest(server, ADMIN, "caller:hal AND callee:611", 1);
        assertEquals("answered", record.path("tags").path("queueOutcome").asText(), record.toString());
        assertEquals("gus", record.path("tags").path("agent").asText(), "the agent whose phone answered: " + record);
        assertTrue(record.path("tags").path("group").isMissingNode(), "a queue's agents are no ring group: " + record);
        assertEquals("611", record.path("tags").path("menu").asText(), "the menu it came through: " + record);
    }

    /**
     * Queue 602 plays the music class "sales": a piece the admin uploads as a CD's stereo WAV (1500 Hz, 44.1 kHz, 8 s),
     * kept mono at 16 kHz; ivy waits in line (jill, its member, is away) and hears the piece, not the built-in chords.
     * Bad uploads, a class with no pieces and a second create are refused, each with its reason.
     */
    @Test
    void aQueuesCallersHearItsMusicClass() throws Exception {
        PhoneChecks.users(server, ADMIN, "ivy", PASSWORD, "jill", PASSWORD);
        HttpResponse<String> notWav = server.putBytes("/music/sales/01-theme", "not audio".getBytes(
                StandardCharsets.UTF_8), "audio/wav", ADMIN);
        assertEquals(400, notWav.statusCode(), notWav.body());
        assertTrue(notWav.body().contains("not a WAV file"), notWav.body());
        // as a CD holds it (44.1 kHz, 16-bit stereo), 1.4 MB: more than the API's other bodies may have
        byte[] theme = Files.readAllBytes(Tones.write(base.resolve("theme.wav"), MUSIC_HZ, 8, 44100, 2));
        HttpResponse<String> badName = server.putBytes("/music/sales!/01", theme, "audio/wav", ADMIN);
        assertEquals(400, badName.statusCode(), badName.body());
        assertTrue(badName.body().contains("class: sales! is no name"), badName.body());
        HttpResponse<String> noClass = server.put("/queues/602", "{\"members\":[\"jill\"],\"music\":\"sales\"}",
                ADMIN);
        assertEquals(400, noClass.statusCode(), noClass.body());
        assertTrue(noClass.body().contains("music: no music class sales"), noClass.body());

        HttpResponse<String> stored = server.putWav("/music/sales/01-theme", theme, Map.of("If-None-Match", "*"),
                ADMIN);
        assertEquals(201, stored.statusCode(), stored.body());
        assertEquals(412, server.putWav("/music/sales/01-theme", theme, Map.of("If-None-Match", "*"), ADMIN)
                .statusCode(), "a second create is refused");
        String etag = stored.headers().firstValue("ETag").orElse("");
        assertEquals(412, server.putWav("/music/sales/01-theme", theme, Map.of("If-Match", "\"12345\""), ADMIN)
                .statusCode(), "a change over another version is refused");
        HttpResponse<String> replaced = server.putWav("/music/sales/01-theme", theme, Map.of("If-Match", etag), ADMIN);
        assertEquals(200, replaced.statusCode(), "over the version stored: " + replaced.body());
        JsonNode listed = server.getJson("/music", ADMIN).path(0);
        assertEquals("sales", listed.path("name").asText(), listed.toString());
        assertEquals(16000, listed.path("pieces").path(0).path("rate").asInt(), "kept at 16 kHz: " + listed);
        assertEquals(8.0, listed.path("seconds").asDouble(), 0.1, listed.toString());
        HttpResponse<byte[]> wav = server.getBytes("/music/sales/01-theme", null, ADMIN);
        assertEquals("audio/wav", wav.headers().firstValue("Content-Type").orElse(""));
        assertEquals("RIFF", new String(wav.body(), 0, 4, StandardCharsets.US_ASCII));

        HttpResponse<String> made = server.put("/queues/602", "{\"members\":[\"jill\"],\"announceSeconds\":0,"
                + "\"music\":\"sales\"}", ADMIN);
        assertEquals(201, made.statusCode(), made.body());
        assertEquals("sales", server.getJson("/queues/602", ADMIN).path("music").asText());
        assertEquals(200, server.put("/queues/602/agents/jill", "{\"state\":\"PAUSED\",\"reason\":\"away\"}",
                ADMIN).statusCode());
        Heard ivyHears = new Heard("ivy");
        try (PhoneEngineImpl engine = new PhoneEngineImpl();
                Phone ivy = engine.open(PhoneChecks.account(server, "ivy", PASSWORD), new PhoneListener() {
                })) {
            PhoneChecks.await("ivy registered", ivy::registered);
            PhoneCall call = ivy.dial("602", engine.tone(HAL_HZ), ivyHears);
            PhoneChecks.await("ivy waits in line", () -> status(server, "602").path("waiting").asInt() == 1);
            ivyHears.expect(MUSIC_HZ, BUILT_IN_C_HZ, "after the welcome: the class's piece, not the built-in music");
            call.hangup();
            PhoneChecks.await("no call left", () -> PhoneChecks.noCalls(server, ADMIN), server::output);
        }
        assertEquals(204, server.delete("/music/sales/01-theme", ADMIN).statusCode());
        assertEquals(404, server.delete("/music/sales/01-theme", ADMIN).statusCode(), "gone");
    }

    /**
     * The wallboard page in Chromium, with a token of the wallboard scope in its address, as a wall screen opens it:
     * alice in line, carol to call back, dave paused for lunch. A token the server does not know shows the sign-in.
     */
    private void wallScreenShowsAliceWaitingAndDavesLunch(ServerProcess server) throws Exception {
        HttpResponse<String> made = server.post("/tokens", "{\"name\":\"wall\",\"scopes\":[\"wallboard\"]}"
                .getBytes(StandardCharsets.UTF_8), ADMIN);
        assertEquals(201, made.statusCode(), made.body());
        String token = ServerProcess.JSON.readTree(made.body()).path("token").asText();
        String wall = "http://127.0.0.1:" + server.port + "/wallboard/#queue=600&token=";
        Chromium chromium = new Chromium(base);
        String page = chromium.dom(wall + token, 4000);
        assertTrue(page.contains("<section class=\"queue\" data-queue=\"600\">"), "queue 600's figures: " + page);
        assertTrue(page.contains("<div class=\"label\">Waiting</div><div class=\"value\">1</div>"
                + "<div class=\"note\">1 to call back</div>"), "alice waits, carol is to be called back: " + page);
        assertTrue(page.contains("<tr data-agent=\"dave\"><td>dave</td><td class=\"state-PAUSED\">Paused</td>"
                + "<td>lunch</td>"), "dave's lunch: " + page);
        String refused = chromium.dom(wall + "sbt_0_unknown", 4000);
        assertTrue(refused.contains("The token in this address was refused") && !refused.contains("data-queue"),
                "an unknown token shows no figures: " + refused);
        HttpResponse<String> settings = server.get("/queues/600", new String[] { token });
        assertEquals(403, settings.statusCode(), "the wall's token reads the live figures only: " + settings.body());
        wallPageServesItsFilesOnly(server);
        HttpResponse<String> list = server.get("/queues", new String[] { token });
        assertEquals(403, list.statusCode(), "nor the list of queues, their members and overflows: " + list.body());
    }

    /**
     * The page outside /api/v1 that needs no login serves its three files and nothing else, however a path is spelt
     * (dot segments, encoded, with path parameters): no figure is ever read without the API's rules.
     */
    private static void wallPageServesItsFilesOnly(ServerProcess server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String root = "http://127.0.0.1:" + server.port;
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(root + "/wallboard/wallboard.js"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"),
                script.headers().map().toString());
        for (String path : List.of("/wallboard/..%2Fapi/v1/queues/600/status", "/wallboard/%2e%2e/api/v1/queues",
                "/wallboard/..;x=1/api/v1/queues/600/status", "/wallboard;x=1/../api/v1/queues/600/status",
                "/wallboard/index.html", "/wallboard/..%2F..%2Fetc%2Fpasswd")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(root + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() != 200 || !r.body().contains("\"waiting\"") && !r.body().contains("root:"),
                    path + " gave " + r.statusCode() + ": " + r.body());
            assertTrue(r.statusCode() >= 400 || r.statusCode() == 200 && r.body().contains("<!DOCTYPE html>"),
                    path + " is refused or is the page itself: " + r.statusCode() + " " + r.body());
        }
    }

    /**
     * Queue 603's agent is an outside number, +12025550603, which route "outside-agents" sends to a carrier's echo test
     * number (SIPp, its RTP echoed): kim calls the queue, the switch rings the number through the trunk, and once it
     * answers kim hears her own tone come back instead of the music. A number no route takes is refused as a member.
     */
    @Test
    void anOutsideNumberIsAnAgentRungThroughTheTrunks() throws Exception {
        PhoneChecks.users(server, ADMIN, "kim", PASSWORD);
        HttpResponse<String> nowhere = server.put("/queues/603", "{\"members\":[\"+12025550603\"]}", ADMIN);
        assertEquals(400, nowhere.statusCode(), nowhere.body());
        assertTrue(nowhere.body().contains("members: +12025550603 is no user, nor an outside number"), nowhere.body());
        int carrierPort = ServerProcess.freePort();
        assertEquals(201, server.put("/sip/trunks/agents-carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false}", ADMIN).statusCode());
        assertEquals(201, server.put("/sip/routes/outside-agents", "{\"pattern\":\"+1202555060X\","
                + "\"trunks\":[\"agents-carrier\"]}", ADMIN).statusCode());
        HttpResponse<String> made = server.put("/queues/603", "{\"members\":[\"+12025550603\"],\"ringSeconds\":15,"
                + "\"wrapUpSeconds\":1,\"announceSeconds\":0}", ADMIN);
        assertEquals(201, made.statusCode(), made.body());
        Path sipp = Files.createDirectories(base.resolve("sipp-603"));
        Sipp agent = Sipp.start(sipp, "sipp-carrier-echo.xml", server.sipPort, carrierPort, "u1", "-m", "1",
                "-rtp_echo", "-mp", Integer.toString(ServerProcess.freeMediaPort()));
        Heard kimHears = new Heard("kim");
        try (PhoneEngineImpl engine = new PhoneEngineImpl();
                Phone kim = engine.open(PhoneChecks.account(server, "kim", PASSWORD), new PhoneListener() {
                })) {
            PhoneChecks.await("kim registered", kim::registered);
            PhoneCall call = kim.dial("603", engine.tone(KIM_HZ), kimHears);
            kimHears.expect(KIM_HZ, BUILT_IN_G_HZ, "once the outside agent's echo answered");
            JsonNode busy = agentIn(status(server, "603"), "+12025550603");
            assertEquals("BUSY", busy.path("state").asText(), status(server, "603").toString());
            call.hangup();
            assertEquals(0, agent.await(20), "the carrier took the call and its BYE\n" + agent.report());
            PhoneChecks.await("no call left", () -> PhoneChecks.noCalls(server, ADMIN), server::output);
        }
        JsonNode record = PhoneChecks.latest(server, ADMIN, "caller:kim AND callee:603", 1);
        assertEquals("answered", record.path("tags").path("queueOutcome").asText(), record.toString());
        assertEquals("+12025550603", record.path("tags").path("agent").asText(), record.toString());
        PhoneChecks.await("the outside agent is ready after its wrap-up", () -> agentIn(status(server, "603"),
                "+12025550603").path("state").asText().equals("READY"), () -> status(server, "603").toString());
    }

    /** @return queue 600's figures of the last two hours from the KPI API, as its dashboards read them */
    private static JsonNode queueKpis(ServerProcess server) {
        try {
            return server.getJson("/kpi?scope=queue&key=600&granularity=1h&from=-2h", ADMIN).path("series").path(0)
                    .path("total").path("queue");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode status(ServerProcess server) {
        return status(server, "600");
    }

    private static JsonNode status(ServerProcess server, String queue) {
        try {
            return server.getJson("/queues/" + queue + "/status", ADMIN);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode agent(ServerProcess server, String user) {
        return agentIn(status(server), user);
    }

    private static JsonNode agentIn(JsonNode status, String user) {
        for (JsonNode a : status.path("agents")) {
            if (a.path("agent").asText().equals(user)) {
                return a;
            }
        }
        return MissingNode.getInstance();
    }
}
