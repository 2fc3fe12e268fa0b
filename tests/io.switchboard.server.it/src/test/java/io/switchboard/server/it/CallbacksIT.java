package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Scheduled calls and callbacks on the running server. A call scheduled for alice and a customer is
 * asked for, then the server stops and starts again before it is due: it is placed once after the
 * restart (alice's baresip answers, the carrier's SIPp answers as the customer) and settled as done.
 * A callback asked for with a not-before time is cancelled when alice and the customer speak in the
 * meantime (a click-to-call): the customer is called once for each, never twice.
 */
class CallbacksIT {

    private static final String[] ADMIN = { "admin", "callbacks-it-secret-1" };
    private static final Map<String, String> ENV = Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]);
    private static final String PASSWORD = "alice-password-1";
    private static final String CUSTOMER = "+442079460123";

    @TempDir
    Path base;

    @Test
    void aScheduledCallSurvivesARestartAndACallbackIsCancelledOnceTheyHaveSpoken() throws Exception {
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.callback.cfg"), "pollSeconds = 1\n");
        int carrierPort = ServerProcess.freePort();
        ServerProcess first = ServerProcess.start(base, ENV);
        long scheduled;
        Baresip phone = null;
        try {
            first.awaitSip(ADMIN);
            assertEquals(201, first.put("/sip/users/alice", "{\"password\":\"" + PASSWORD
                    + "\",\"callClass\":\"international\"}", ADMIN).statusCode());
            assertEquals(201, first.put("/sip/numbers/%2B442071110001", "{\"destination\":\"alice\"}", ADMIN)
                    .statusCode());
            assertEquals(201, first.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"codecs\":[\"PCMA\"],\"probe\":false}", ADMIN)
                    .statusCode());
            assertEquals(201, first.put("/sip/routes/uk", "{\"pattern\":\"+44.\",\"trunks\":[\"carrier\"]}", ADMIN)
                    .statusCode());
            assertEquals(400, first.post("/callbacks", json("{\"user\":\"alice\",\"number\":\"" + CUSTOMER
                    + "\",\"repeat\":\"hourly\"}"), ADMIN).statusCode());
            // alice's phone stays registered across the switch's restart, as a desk phone does: its binding is
            // in the database, so the call is placed as soon as it is due, however long the restart takes
            phone = new Baresip(base.resolve("alice"), first.sipPort, "alice", PASSWORD,
                    Tones.write(base.resolve("alice.wav"), 440, 60));
            Baresip registering = phone;
            PhoneChecks.await("alice registered", () -> PhoneChecks.registered(first, "alice", ADMIN),
                    registering::output);
            var asked = first.post("/callbacks", json("{\"user\":\"alice\",\"number\":\"" + CUSTOMER
                    + "\",\"name\":\"Ada Lovelace\",\"at\":\"" + Instant.now().plusSeconds(20) + "\"}"), ADMIN);
            assertEquals(201, asked.statusCode(), asked.body());
            JsonNode s = ServerProcess.JSON.readTree(asked.body());
            assertEquals("scheduled", s.path("kind").asText());
            assertEquals("PENDING", s.path("state").asText());
            scheduled = s.path("id").asLong();
        } catch (Exception | AssertionError e) {
            if (phone != null) {
                phone.close();
            }
            throw e;
        } finally {
            assertEquals(0, first.terminate());
            first.close();
        }

        Sipp carrier = Sipp.start(sipp, "sipp-carrier.xml", first.sipPort, carrierPort, "u1", "-m", "2");
        try (Baresip alice = phone; ServerProcess server = ServerProcess.restart(first, ENV)) {
            server.awaitSip(ADMIN);
            String callId = awaitCall(server, scheduled);
            hangUpOnceAnswered(server, callId);
            JsonNode done = awaitState(server, scheduled, "DONE");
            assertEquals(1, done.path("attempts").asInt(), done.toString());
            assertTrue(done.path("report").asText().contains("attempt 1: answered"), done.toString());

            // a callback not before a moment from now; alice and the customer speak first
            var asked = server.post("/callbacks", json("{\"user\":\"alice\",\"number\":\"" + CUSTOMER
                    + "\",\"kind\":\"callback\",\"at\":\"" + Instant.now().plusSeconds(15) + "\"}"), ADMIN);
            assertEquals(201, asked.statusCode(), asked.body());
            long callback = ServerProcess.JSON.readTree(asked.body()).path("id").asLong();
            var placed = server.post("/calls", json("{\"from\":\"alice\",\"to\":\"" + CUSTOMER + "\"}"), ADMIN);
            assertEquals(202, placed.statusCode(), placed.body());
            hangUpOnceAnswered(server, ServerProcess.JSON.readTree(placed.body()).path("callId").asText());
            PhoneChecks.await("both calls recorded", () -> count(server) == 2, server::output);
            JsonNode cancelled = awaitState(server, callback, "CANCELLED");
            assertTrue(cancelled.path("report").asText().contains("alice and " + CUSTOMER + " spoke at"),
                    cancelled.toString());
            assertEquals(0, carrier.await(30), carrier.report());
            Thread.sleep(2_000);
            assertEquals(2, count(server), "the customer was called once for each: never twice");

            // "call back" from a record: the record's caller is the number called
            String inbound = server.getJson("/cdr/records?q=" + URLEncoder.encode("callee:\"" + CUSTOMER + "\"",
                    StandardCharsets.UTF_8), ADMIN).path("records").get(0).path("id").asText();
            var back = server.post("/callbacks", json("{\"user\":\"alice\",\"record\":\"" + inbound
                    + "\",\"at\":\"2030-01-01T09:00:00Z\",\"kind\":\"callback\"}"), ADMIN);
            assertEquals(201, back.statusCode(), back.body());
            assertEquals("+442071110001", ServerProcess.JSON.readTree(back.body()).path("number").asText(),
                    "the record's caller (alice's own number here)");
            assertEquals(400, server.post("/callbacks", json("{\"user\":\"alice\",\"record\":\"nope\"}"), ADMIN)
                    .statusCode());
            assertEquals("DONE", server.getJson("/callbacks/" + scheduled, ADMIN).path("state").asText());
        }
    }

    private static String awaitCall(ServerProcess server, long id) throws Exception {
        String[] callId = { null };
        PhoneChecks.await("the scheduled call placed", () -> {
            try {
                callId[0] = server.getJson("/callbacks/" + id, ADMIN).path("callId").asText(null);
                return callId[0] != null && !callId[0].equals("null");
            } catch (Exception e) {
                return false;
            }
        }, server::output);
        return callId[0];
    }

    private static void hangUpOnceAnswered(ServerProcess server, String callId) throws Exception {
        PhoneChecks.await("the customer answered", () -> {
            try {
                return "answered".equals(server.getJson("/calls/" + callId, ADMIN).path("state").asText());
            } catch (Exception e) {
                return false;
            }
        }, server::output);
        assertEquals(200, server.delete("/calls/" + callId, ADMIN).statusCode());
        PhoneChecks.await("the call ended", () -> PhoneChecks.noCalls(server, ADMIN));
    }

    private static JsonNode awaitState(ServerProcess server, long id, String state) throws Exception {
        PhoneChecks.await("callback " + id + " " + state, () -> {
            try {
                return state.equals(server.getJson("/callbacks/" + id, ADMIN).path("state").asText());
            } catch (Exception e) {
                return false;
            }
        }, () -> {
            try {
                return server.getJson("/callbacks", ADMIN).toPrettyString() + server.output();
            } catch (Exception e) {
                return e.toString();
            }
        });
        return server.getJson("/callbacks/" + id, ADMIN);
    }

    private static long count(ServerProcess server) {
        try {
            return server.getJson("/cdr/records?q=" + URLEncoder.encode("callee:\"" + CUSTOMER + "\"",
                    StandardCharsets.UTF_8), ADMIN).path("total").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
