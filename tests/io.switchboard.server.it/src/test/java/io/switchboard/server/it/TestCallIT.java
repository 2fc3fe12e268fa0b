package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Synthetic test calls through three SIPp carriers on a real server: one whose test number echoes
 * the audio (the call passes, with its MOS), one that refuses with 503 (twice in a row: the
 * built-in alert fires for the trunk) and one that answers without a sound (no audio). The first
 * schedule is a .cfg file the scheduler runs by itself, the others are made and run through the
 * API. Each test call leaves a call record tagged synthetic, which the KPIs count.
 */
class TestCallIT {

    private static final String[] ADMIN = { "admin", "testcall-it-secret" };
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path base;

    @Test
    void testCallsThroughCarriersThatEchoRefuseAndStaySilent() throws Exception {
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        // UK numbers (020 7946 0xxx, set aside for drama): the class of service must know their kind
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.numbering.cfg"), "defaultCountryCode = 44\n");
        int echoPort = ServerProcess.freePort();
        int downPort = ServerProcess.freePort();
        int mutePort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            for (Object[] t : new Object[][] { { "carrier-echo", echoPort }, { "carrier-down", downPort },
                    { "carrier-mute", mutePort } }) {
                assertEquals(201, server.put("/sip/trunks/" + t[0], "{\"host\":\"127.0.0.1\",\"port\":" + t[1]
                        + ",\"addresses\":[\"127.0.0.1:" + t[1] + "\"],\"probe\":false}", ADMIN).statusCode());
            }
            assertEquals(201, server.put("/sip/routes/test-numbers", "{\"priority\":10,\"pattern\":\"0207946.\","
                    + "\"trunks\":[\"carrier-down\",\"carrier-mute\",\"carrier-echo\"]}", ADMIN).statusCode());
            Sipp echo = Sipp.start(sipp, "sipp-carrier-echo.xml", server.sipPort, echoPort, "u1", "-m", "1",
                    "-rtp_echo", "-mp", Integer.toString(ServerProcess.freeMediaPort()));
            Sipp down = Sipp.start(sipp, "sipp-503.xml", server.sipPort, downPort, "u1", "-m", "2");
            Sipp mute = Sipp.start(sipp, "sipp-carrier-echo.xml", server.sipPort, mutePort, "u1", "-m", "1", "-mp",
                    Integer.toString(ServerProcess.freeMediaPort()));

            // a schedule of a .cfg file: the scheduler places its first call within seconds
            Files.writeString(server.conf.resolve("io.switchboard.testcall.schedule-echo.cfg"),
                    "name = echo\ntrunk = carrier-echo\nnumber = 02079460100\nintervalMinutes = 60\naudio = echo\n"
                            + "minMos = 3.5\n");
            JsonNode echoed = awaitResult(server, "echo");
            assertEquals("passed", echoed.path("outcome").asText(), echoed.toString());
            assertEquals(200, echoed.path("sipCode").asInt());
            assertTrue(echoed.path("mos").asDouble() >= 3.5, echoed.toString());
            assertTrue(echoed.path("pddMs").asLong() > 0, echoed.toString());
            assertEquals(400, server.put("/testcalls/echo", "{\"number\":\"02079460100\"}", ADMIN).statusCode(),
                    "a schedule of a .cfg file is not changed through the API");

            // schedules of the API, run by hand
            assertEquals(200, server.put("/testcalls/down", "{\"trunk\":\"carrier-down\",\"number\":\"02079460101\","
                    + "\"intervalMinutes\":60,\"enabled\":false}", ADMIN).statusCode());
            assertEquals(400, server.put("/testcalls/bad", "{\"number\":\"not a number\"}", ADMIN).statusCode());
            for (int i = 0; i < 2; i++) {
                JsonNode refused = JSON.readTree(server.post("/testcalls/down/run", new byte[0], ADMIN).body());
                assertEquals("rejected", refused.path("outcome").asText(), refused.toString());
                assertEquals(503, refused.path("sipCode").asInt(), refused.toString());
            }
            JsonNode firing = JSON.readTree(server.post("/alerts/evaluate", new byte[0], ADMIN).body());
            assertTrue(firing.toString().contains("\"subject\":\"carrier-down\"") && firing.toString().contains(
                    "fails its test calls"), "the trunk's alert fires after two failures in a row: " + firing);

            assertEquals(200, server.put("/testcalls/mute", "{\"trunk\":\"carrier-mute\",\"number\":\"02079460102\","
                    + "\"intervalMinutes\":60,\"enabled\":false,\"listenSeconds\":2,\"answerSeconds\":8}", ADMIN)
                    .statusCode());
            JsonNode silent = JSON.readTree(server.post("/testcalls/mute/run", new byte[0], ADMIN).body());
            assertEquals("no-audio", silent.path("outcome").asText(), silent + "\n" + mute.report() + server.output());
            assertEquals(200, silent.path("sipCode").asInt(), silent.toString());

            JsonNode list = server.getJson("/testcalls", ADMIN);
            assertEquals(3, list.size(), list.toString());
            assertEquals(404, server.get("/testcalls/nothing", ADMIN).statusCode());
            for (Sipp s : new Sipp[] { echo, down, mute }) {
                assertEquals(0, s.await(30), s.report());
            }

            // the records of the test calls are tagged with their schedules, and the KPIs count them
            JsonNode records = null;
            for (int i = 0; i < 75 && (records == null || records.path("total").asInt() < 4); i++) {
                Thread.sleep(200);
                records = server.getJson("/cdr/records?q=caller:switchboard-testcalls", ADMIN);
            }
            assertEquals(4, records.path("total").asInt(), records.toString());
            for (JsonNode r : records.path("records")) {
                String schedule = r.path("tags").path("synthetic").asText();
                assertTrue(schedule.equals("echo") || schedule.equals("down") || schedule.equals("mute"), r.toString());
            }
            JsonNode kpi = null;
            for (int i = 0; i < 50 && (kpi == null || kpi.path("series").path(0).path("total").path("attempts")
                    .asInt() < 1); i++) {
                Thread.sleep(200);
                kpi = server.getJson("/kpi?scope=trunk&key=carrier-echo&granularity=1h&from=-1h", ADMIN);
            }
            assertEquals(1, kpi.path("series").path(0).path("total").path("attempts").asInt(), kpi.toString());
        }
    }

    /** Waits for a schedule's first result: the .cfg file is read and its first call judged in seconds. */
    private static JsonNode awaitResult(ServerProcess server, String name) throws Exception {
        for (int i = 0; i < 150; i++) {
            var answer = server.get("/testcalls/" + name + "/results", ADMIN); // 404 until the .cfg file is read
            JsonNode results = answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
            if (results != null && results.size() > 0) {
                return results.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Test call " + name + " never ran: " + server.getJson("/testcalls", ADMIN));
    }
}
