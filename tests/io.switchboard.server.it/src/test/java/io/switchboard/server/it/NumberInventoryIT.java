package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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

/**
 * The number inventory's lifecycle on the running server: moves the lifecycle allows and refuses
 * (an active number is quarantined before it is released, and leaves the inventory only then), each
 * in the audit log; a carrier's calls to a quarantined number refused with 404 and counted until an
 * alert fires; a port-in past its date alerts; a CSV import with states keeps its good lines and
 * names its bad ones; the report sums the inventory up.
 */
class NumberInventoryIT {

    private static final String[] ADMIN = { "admin", "inventory-it-secret" };
    private static final String ACTIVE = "%2B15125550100";

    @TempDir
    Path base;

    @Test
    void numbersLiveThroughTheirLifecycle() throws Exception {
        Path etc = Files.createDirectories(base.resolve("etc"));
        Files.writeString(etc.resolve("io.switchboard.numbering.cfg"), "defaultCountryCode = 1\n");
        Files.writeString(etc.resolve("io.switchboard.alert.rule-quarantine.cfg"), "name = quarantine-busy\n"
                + "kind = quarantine-calls\nthreshold = 2\nholdSeconds = 0\ncooldownSeconds = 0\nseverity = minor\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"bob-password-22\"}", ADMIN).statusCode());
            int carrierPort = ServerProcess.freePort();
            assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/numbers/" + ACTIVE, "{\"destination\":\"bob\",\"carrier\":\"carrier\","
                    + "\"monthlyCost\":\"1.50\"}", ADMIN).statusCode());
            JsonNode active = server.getJson("/sip/numbers/" + ACTIVE, ADMIN);
            assertEquals("ACTIVE", active.path("lifecycle").path("state").asText(), active.toString());
            assertTrue(active.path("type").isTextual(), "libphonenumber's reading: " + active);
            assertTrue(active.path("emergencyLocation").isNull(), "no location assigned to it");

            // the lifecycle's moves
            refused(server, "{\"destination\":\"bob\",\"state\":\"released\"}", "cannot go from active to released");
            refused(server, "{\"destination\":\"bob\",\"state\":\"quarantined\"}", "needs its releaseDate");
            refused(server, "{\"destination\":\"bob\",\"state\":\"lost\"}", "Invalid state 'lost'");
            assertEquals(409, server.delete("/sip/numbers/" + ACTIVE, ADMIN).statusCode(), "an active number stays");
            assertEquals(200, server.put("/sip/numbers/" + ACTIVE, "{\"destination\":\"bob\",\"state\":\"quarantined\","
                    + "\"releaseDate\":\"2027-03-01\"}", ADMIN).statusCode());
            assertEquals(200, server.put("/sip/numbers/" + ACTIVE, "{\"destination\":\"bob\",\"description\":\"was "
                    + "sales\"}", ADMIN).statusCode());
            JsonNode kept = server.getJson("/sip/numbers/" + ACTIVE, ADMIN).path("lifecycle");
            assertEquals("QUARANTINED", kept.path("state").asText(), "an edit that names no state keeps it");
            assertEquals("carrier", kept.path("carrier").asText());
            assertEquals(1.5, kept.path("monthlyCost").asDouble());
            JsonNode audit = server.getJson("/audit", ADMIN);
            assertTrue(audit.toString().contains("\"QUARANTINED\""), "the move is in the audit log: " + audit);

            // a carrier's calls to it are refused, counted, and past the threshold an alert says so
            Sipp calls = Sipp.start(sipp, "sipp-trunk-call-404.xml", server.sipPort, carrierPort, "u1", "-s", "5125550100",
                    "-key", "caller", "+15125559999", "-m", "3", "-l", "1");
            assertEquals(0, calls.await(60), calls.report());
            JsonNode record = record(server, "callee:5125550100");
            assertEquals("Number not in service (quarantined)", record.path("sipReason").asText(), record.toString());
            awaitAlert(server, "quarantine-busy", "Quarantined number +15125550100 got 3 calls in the last 24 hours, "
                    + "more than 2: its old callers still use it");

            // a port-in past its firm order commitment date
            String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
            assertEquals(400, server.put("/sip/numbers/%2B15125550101", "{\"state\":\"porting-in\"}", ADMIN).statusCode(),
                    "no date");
            assertEquals(201, server.put("/sip/numbers/%2B15125550101", "{\"state\":\"porting-in\",\"portDate\":\""
                    + yesterday + "\",\"carrier\":\"other-telco\"}", ADMIN).statusCode());
            awaitAlert(server, "porting-overdue", "Number +15125550101 was to port in on " + yesterday
                    + " from other-telco and is still not active");

            String csv = "number,destination,state,carrier,monthlyCost,releaseDate\n"
                    + "+15125550102,,reserved,carrier,0.90,\n"
                    + "+15125550103,,lost,carrier,,\n"
                    + "+15125550100,,reserved,,,\n"
                    + "+15125550100,,released,,,\n"
                    + "+15125550104,bob,active,carrier,abc,\n";
            JsonNode imported = ServerProcess.JSON.readTree(server.post("/sip/numbers/import",
                    csv.getBytes(StandardCharsets.UTF_8), ADMIN).body());
            assertEquals(2, imported.path("saved").asInt(), imported.toString());
            assertEquals(3, imported.path("errors").get(0).path("line").asInt(), imported.toString());
            assertTrue(imported.path("errors").get(0).path("error").asText().contains("Invalid state 'lost'"));
            assertEquals(4, imported.path("errors").get(1).path("line").asInt());
            assertTrue(imported.path("errors").get(1).path("error").asText().contains("cannot go from quarantined to "
                    + "reserved"), imported.toString());
            assertEquals(6, imported.path("errors").get(2).path("line").asInt());
            assertTrue(imported.path("errors").get(2).path("error").asText().startsWith("Invalid monthlyCost 'abc'"));
            assertEquals("RELEASED", server.getJson("/sip/numbers/" + ACTIVE, ADMIN).path("lifecycle").path("state")
                    .asText());
            assertEquals(200, server.delete("/sip/numbers/" + ACTIVE, ADMIN).statusCode(), "released: it may go");

            JsonNode report = server.getJson("/sip/numbers/report", ADMIN);
            assertEquals(1, report.path("byState").path("reserved").asInt(), report.toString());
            assertEquals(1, report.path("byState").path("porting-in").asInt());
            assertEquals(0.9, report.path("monthlyCost").asDouble());
            assertEquals(1, report.path("byCarrier").path("other-telco").asInt());
            int typed = 0;
            for (JsonNode n : report.path("byType")) {
                typed += n.asInt();
            }
            assertEquals(2, typed, "each number has libphonenumber's type: " + report);
            JsonNode reserved = server.getJson("/sip/numbers?state=reserved&carrier=carrier", ADMIN);
            assertEquals(1, reserved.size());
            assertEquals("+15125550102", reserved.get(0).path("number").asText());
        }
    }

    private static void refused(ServerProcess server, String body, String why) throws Exception {
        var r = server.put("/sip/numbers/" + ACTIVE, body, ADMIN);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains(why), r.body());
    }

    private static JsonNode record(ServerProcess server, String query) throws Exception {
        JsonNode result = null;
        for (int i = 0; i < 75; i++) {
            result = server.getJson("/cdr/records?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), ADMIN);
            if (result.path("total").asInt() >= 3) {
                return result.path("records").get(0);
            }
            Thread.sleep(200);
        }
        fail("No 3 records for " + query + ": " + result);
        return null;
    }

    private static void awaitAlert(ServerProcess server, String rule, String message) throws Exception {
        JsonNode firing = null;
        for (int i = 0; i < 150; i++) {
            firing = server.getJson("/alerts", ADMIN);
            for (JsonNode a : firing) {
                if (rule.equals(a.path("rule").asText())) {
                    assertEquals(message, a.path("message").asText());
                    return;
                }
            }
            Thread.sleep(200);
        }
        fail("No " + rule + " alert: " + firing);
    }
}
