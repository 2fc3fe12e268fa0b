package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Schedules through the running switch, with SIPp as phones and as the carrier. Two schedules hold
 * whatever the hour the test runs at: "open" (every day, all day) and "closed" (a holiday from
 * yesterday to tomorrow); an office schedule is asked about at chosen instants through the route
 * simulator, whose answer for the real calls is checked against where they really went:
 * <ul>
 * <li>a number rings its destination within its schedule and its after-hours destination outside;</li>
 * <li>a group whose schedule is closed sends its calls to its after-hours destination;</li>
 * <li>a user's "always" forward holds only while its schedule is closed;</li>
 * <li>routes name schedules (their own windows are refused), and a schedule in use is not deleted.</li>
 * </ul>
 */
class SchedulesIT {

    private static final String[] ADMIN = { "admin", "schedules-it-secret" };
    private static final String PASSWORD = "schedules-password-1";
    private static final String NUMBER = "+15550100000";

    @TempDir
    Path base;

    @Test
    void callsFollowTheSchedulesOfNumbersGroupsForwardingAndRoutes() throws Exception {
        ServerProcess.sipSettings(base, "algorithms", "MD5");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            for (String user : new String[] { "alice", "bob", "carol" }) {
                assertEquals(201, server.put("/sip/users/" + user, "{\"password\":\"" + PASSWORD + "\"}", ADMIN)
                        .statusCode());
            }
            int carrierPort = ServerProcess.freePort();
            assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false}", ADMIN).statusCode());

            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            assertEquals(200, schedule(server, "open", "{\"timeZone\":\"UTC\",\"hours\":[{\"from\":\"00:00\","
                    + "\"to\":\"24:00\"}]}"));
            assertEquals(200, schedule(server, "closed", "{\"timeZone\":\"UTC\",\"hours\":[{}],\"holidays\":[{\"from\":\""
                    + today.minusDays(1) + "\",\"to\":\"" + today.plusDays(1) + "\",\"name\":\"Test days\"}]}"));
            assertEquals(200, schedule(server, "office", "{\"timeZone\":\"America/New_York\",\"hours\":[{\"days\":"
                    + "\"mon-fri\",\"from\":\"09:00\",\"to\":\"17:00\"}],\"holidays\":[{\"from\":\"2026-12-25\","
                    + "\"name\":\"Christmas\"}],\"description\":\"the New York office\"}"));
            JsonNode office = server.getJson("/schedules/office?at=2026-12-22T15:00:00Z", ADMIN);
            assertTrue(office.path("now").path("open").asBoolean(), office.toString());
            assertEquals("open: mon-fri 09:00-17:00 (Tue 2026-12-22 10:00 America/New_York)",
                    office.path("now").path("why").asText());
            assertEquals(400, schedule(server, "bad", "{\"timeZone\":\"Mars/Base\"}"));
            assertTrue(server.put("/schedules/bad", "{\"timeZone\":\"UTC\",\"hours\":[{\"days\":\"moon\"}]}", ADMIN)
                    .body().contains("hours[0]: days 'moon'"));
            assertEquals(3, server.getJson("/schedules", ADMIN).size());

            // a number: its destination in office hours, carol after them; the simulator at chosen times
            assertEquals(201, server.put("/sip/numbers/" + NUMBER.replace("+", "%2B"), "{\"destination\":\"bob\","
                    + "\"schedule\":\"office\",\"closedDestination\":\"carol\"}", ADMIN).statusCode());
            assertEquals(400, server.put("/sip/numbers/%2B15550100001", "{\"destination\":\"bob\",\"schedule\":"
                    + "\"nonesuch\"}", ADMIN).statusCode());
            assertEquals(400, server.put("/sip/numbers/%2B15550100001", "{\"destination\":\"bob\",\"schedule\":"
                    + "\"office\",\"closedDestination\":\"nobody\"}", ADMIN).statusCode());
            JsonNode christmas = simulate(server, "carrier", "12125550100", NUMBER, "2026-12-25T15:00:00Z");
            assertEquals("internal: +15550100000 is our number, to carol", christmas.path("result").asText(),
                    christmas.toString());
            assertTrue(christmas.path("why").toString().contains("schedule office: closed: holiday Christmas"),
                    christmas.toString());
            assertEquals("bob", simulate(server, "carrier", "12125550100", NUMBER, "2026-12-22T15:00:00Z")
                    .path("destination").asText());

            int bobPort = PhoneChecks.sippPhone(server, sipp, "bob", PASSWORD);
            int carolPort = PhoneChecks.sippPhone(server, sipp, "carol", PASSWORD);

            // real calls now, the number on the closed schedule, then the open one
            setNumberSchedule(server, "closed");
            assertEquals("carol", simulate(server, "carrier", "12125550100", NUMBER, null).path("destination").asText());
            assertEquals("carol", carrierCallAnsweredBy(server, sipp, carrierPort, bobPort, carolPort));
            setNumberSchedule(server, "open");
            assertEquals("bob", simulate(server, "carrier", "12125550100", NUMBER, null).path("destination").asText());
            assertEquals("bob", carrierCallAnsweredBy(server, sipp, carrierPort, bobPort, carolPort));
            assertEquals(409, server.delete("/schedules/open", ADMIN).statusCode(), "the number uses it");

            // a group closed now goes to its after-hours destination
            assertEquals(201, server.put("/groups/sales", "{\"extension\":\"600\",\"members\":[\"bob\"],\"schedule\":"
                    + "\"closed\",\"closedDestination\":\"carol\"}", ADMIN).statusCode());
            String closedStep = "ring group sales: schedule closed closed: holiday Test days";
            PhoneChecks.await("routing knows group 600", () -> salesStep(server).startsWith(closedStep),
                    () -> salesStep(server) + server.output());
            assertEquals("carol", userCallAnsweredBy(server, sipp, "600", false, bobPort, carolPort));

            // bob forwards to carol outside his hours only
            assertEquals(200, server.put("/forwarding/users/bob", "{\"always\":\"carol\",\"schedule\":\"open\"}", ADMIN)
                    .statusCode());
            assertEquals("bob's phones ring", simulate(server, "alice", null, "bob", null).path("path").path("step")
                    .asText());
            assertEquals("bob", userCallAnsweredBy(server, sipp, "bob", false, bobPort, carolPort));
            assertEquals(200, server.put("/forwarding/users/bob", "{\"schedule\":\"closed\"}", ADMIN).statusCode());
            assertEquals("bob forwards every call (outside schedule closed)", simulate(server, "alice", null, "bob", null)
                    .path("path").path("step").asText());
            assertEquals("carol", userCallAnsweredBy(server, sipp, "bob", true, bobPort, carolPort));

            // routes name schedules; a window of their own is refused
            JsonNode windowed = json(server.put("/sip/routes/night", "{\"pattern\":\"+44.\",\"days\":\"mon-fri\","
                    + "\"trunks\":[\"carrier\"]}", ADMIN).body());
            assertTrue(windowed.toString().contains("schedule"), windowed.toString());
            assertEquals(201, server.put("/sip/routes/uk", "{\"pattern\":\"+44.\",\"schedule\":\"closed\","
                    + "\"trunks\":[\"carrier\"]}", ADMIN).statusCode());
            JsonNode uk = simulate(server, "alice", null, "+442079460000", null);
            assertEquals("no route", uk.path("result").asText(), uk.toString());
            assertTrue(uk.path("why").toString().contains("route uk: pattern matches, but schedule closed is closed"),
                    uk.toString());
            assertEquals(200, server.put("/sip/routes/uk", "{\"pattern\":\"+44.\",\"schedule\":\"open\","
                    + "\"trunks\":[\"carrier\"]}", ADMIN).statusCode());
            JsonNode open = simulate(server, "alice", null, "+442079460000", null);
            assertTrue(open.path("why").toString().contains("route uk: pattern +44. matches, schedule open open: every "
                    + "day 00:00-24:00"), open.toString());
            assertEquals(409, server.delete("/schedules/closed", ADMIN).statusCode(), "the group uses it");
            assertEquals(204, server.delete("/schedules/office", ADMIN).statusCode());
        }
    }

    private static int schedule(ServerProcess server, String name, String body) throws Exception {
        return server.put("/schedules/" + name, body, ADMIN).statusCode();
    }

    private static void setNumberSchedule(ServerProcess server, String schedule) throws Exception {
        assertEquals(200, server.put("/sip/numbers/" + NUMBER.replace("+", "%2B"), "{\"destination\":\"bob\","
                + "\"schedule\":\"" + schedule + "\",\"closedDestination\":\"carol\"}", ADMIN).statusCode());
    }

    private static JsonNode simulate(ServerProcess server, String caller, String trunk, String number, String time)
            throws Exception {
        return server.getJson("/sip/simulate?caller=" + caller + (trunk == null ? "" : "&trunk=" + trunk) + "&number="
                + URLEncoder.encode(number, StandardCharsets.UTF_8) + (time == null ? "" : "&time=" + time), ADMIN);
    }

    /** @return what the simulator says of the sales group's step, or why it could not ask */
    private static String salesStep(ServerProcess server) {
        try {
            return simulate(server, "alice", null, "600", null).path("path").path("step").asText();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }

    /** @return which of bob's and carol's SIPp phones took the carrier's call to the number */
    private static String carrierCallAnsweredBy(ServerProcess server, Path sipp, int carrierPort, int bobPort,
            int carolPort) throws Exception {
        Sipp bob = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, bobPort, "u1", "-m", "1");
        Sipp carol = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carolPort, "u1", "-m", "1");
        Thread.sleep(300);
        Sipp carrier = Sipp.start(sipp, "sipp-trunk-call.xml", server.sipPort, carrierPort, "u1", "-s", NUMBER,
                "-key", "caller", "12125550100", "-d", "300", "-m", "1");
        assertEquals(0, carrier.await(60), carrier.report());
        return answeredBy(server, bob, carol);
    }

    /** @return which of bob's and carol's SIPp phones took alice's call to the extension */
    private static String userCallAnsweredBy(ServerProcess server, Path sipp, String extension, boolean forwarded,
            int bobPort, int carolPort) throws Exception {
        Sipp bob = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, bobPort, "u1", "-m", "1");
        Sipp carol = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carolPort, "u1", "-m", "1");
        Thread.sleep(300);
        Sipp alice = Sipp.start(sipp, forwarded ? "sipp-call-forwarded.xml" : "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", extension,
                "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "300", "-m", "1");
        assertEquals(0, alice.await(60), alice.report());
        return answeredBy(server, bob, carol);
    }

    /** The phone that answered ends its scenario; the other was never called and is stopped. */
    private static String answeredBy(ServerProcess server, Sipp bob, Sipp carol) throws Exception {
        PhoneChecks.await("a phone's call ended", () -> !bob.alive() || !carol.alive(), server::output);
        String who = !bob.alive() ? "bob" : "carol";
        Sipp other = who.equals("bob") ? carol : bob;
        Sipp answered = who.equals("bob") ? bob : carol;
        assertEquals(0, answered.await(30), answered.report());
        assertTrue(other.alive(), "only one phone rang");
        other.kill();
        return who;
    }
}
