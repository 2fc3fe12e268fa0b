package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Calls through the B2BUA between real SIPp phones over loopback: the callee registers with
 * digest (MD5), the caller is challenged with 407 and then calls; answered with hold/resume,
 * busy, no answer (ring timeout), cancelled by the caller, not registered, unknown user. Every
 * call's record is read back from the CDR API. Registrations survive a restart.
 */
class SipCallIT {

    private static final String[] ADMIN = { "admin", "sip-call-it-secret" };
    private static final String ALICE_PASSWORD = "alice-password-1";
    private static final String BOB_PASSWORD = "bob-password-22";

    @TempDir
    Path base;

    @Test
    void callsBetweenRegisteredUsersAndTheirRecords() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "ringTimeout = 3\nmaxCallsInSetup = 1\n# SIPp answers only the first challenge and knows only MD5\nalgorithms = MD5\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int bobPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            user(server, "alice", ALICE_PASSWORD, 201);
            user(server, "bob", BOB_PASSWORD, 201);
            user(server, "carol", "carol-password-3", 201);
            assertEquals(400, server.put("/sip/users/bad%20name", "{\"password\":\"long-enough-1\"}", ADMIN).statusCode());
            assertEquals(400, server.put("/sip/users/dave", "{\"password\":\"short\"}", ADMIN).statusCode());
            String users = server.get("/sip/users", ADMIN).body();
            assertFalse(users.contains(ALICE_PASSWORD) || users.contains("ha1"), "no secret in the user list: " + users);

            register(server, sipp, "bob", BOB_PASSWORD, bobPort);
            JsonNode bindings = server.getJson("/sip/registrations?user=bob", ADMIN);
            assertEquals(1, bindings.size(), bindings.toString());
            assertEquals("sip:bob@127.0.0.1:" + bobPort, bindings.get(0).path("contact").asText());

            // answered, held, resumed, hung up by the caller
            call(server, sipp, "sipp-answer.xml", "sipp-call.xml", bobPort, "bob");
            JsonNode answered = record(server, "answered");
            assertEquals(200, answered.path("sipCode").asInt());
            assertEquals("CALLER", answered.path("hangupSide").asText());
            assertEquals("PCMA", answered.path("codec").asText());
            assertEquals("alice", answered.path("caller").asText());
            assertEquals("Caller alice", answered.path("callerName").asText());
            assertEquals("bob", answered.path("callee").asText());
            assertEquals(2, answered.path("callIds").size(), "both legs' Call-IDs");
            assertInOrder(answered, "start", "ring", "answer", "end");

            // SRTP keys offered in a re-INVITE over UDP never reach bob's UDP leg, nor the stored ladder;
            // the ladder keeps no digest response either
            call(server, sipp, "sipp-answer-no-keys.xml", "sipp-call-reinvite-crypto.xml", bobPort, "bob");
            JsonNode second = awaitTotal(server, "/cdr/records?q=" + q("disposition:answered") + "&sort=start", 2)
                    .path("records").get(0);
            String ladder = awaitLadder(server, second.path("id").asText());
            assertTrue(ladder.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:********"), "the key masked");
            assertFalse(ladder.contains("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"), "no SRTP key in the ladder");
            assertTrue(ladder.contains("Proxy-Authorization") && ladder.contains("response=\"********\""),
                    "the digest response masked");
            assertFalse(ladder.matches("(?s).*response=\"[0-9a-f]{32}\".*"), "no digest response in the ladder");

            // busy
            call(server, sipp, "sipp-busy.xml", "sipp-call-fails.xml", bobPort, "bob");
            JsonNode busy = record(server, "busy");
            assertEquals(486, busy.path("sipCode").asInt());
            assertInOrder(busy, "start", "end");

            // no answer: the switch's ring timeout (3 s) cancels leg B and answers 480; while that
            // call rings the switch is at capacity (maxCallsInSetup = 1): the next INVITE gets 503
            Sipp ringing = Sipp.start(sipp, "sipp-ring.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Thread.sleep(300);
            Sipp waiting = Sipp.start(sipp, "sipp-call-fails.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                    "bob", "-au", "alice", "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-m", "1");
            Thread.sleep(1000);
            Sipp refused = Sipp.start(sipp, "sipp-overload.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                    "bob", "-m", "1");
            assertEquals(0, refused.await(30), "503 with Retry-After at capacity\n" + refused.report());
            assertEquals(0, waiting.await(30), waiting.report() + server.output());
            assertEquals(0, ringing.await(30), ringing.report());
            JsonNode noAnswer = record(server, "no_answer");
            assertEquals(480, noAnswer.path("sipCode").asInt());
            assertInOrder(noAnswer, "start", "ring", "end");

            // cancelled by the caller while ringing: 487 on both legs
            call(server, sipp, "sipp-ring.xml", "sipp-call-cancel.xml", bobPort, "bob");
            JsonNode cancelled = record(server, "cancelled");
            assertEquals(487, cancelled.path("sipCode").asInt());
            assertEquals("CALLER", cancelled.path("hangupSide").asText());

            // a user without registration, and no such user: the caller hears why, a record says so too
            callFails(server, sipp, "carol");
            callFails(server, sipp, "nobody");
            JsonNode failed = awaitTotal(server, "/cdr/records?q=" + q("disposition:failed") + "&sort=start&order=asc", 2);
            assertEquals(480, failed.path("records").get(0).path("sipCode").asInt());
            assertEquals(404, failed.path("records").get(1).path("sipCode").asInt());

            // a phone behind NAT: its Contact is a private address; the call goes where its REGISTER came from
            assertEquals(200, server.delete("/sip/registrations/bob", ADMIN).statusCode());
            Sipp nat = Sipp.start(sipp, "sipp-register-nat.xml", server.sipPort, bobPort, "u1", "-s", "bob", "-au",
                    "bob", "-ap", BOB_PASSWORD, "-key", "expires", "300", "-m", "1");
            assertEquals(0, nat.await(60), nat.report());
            call(server, sipp, "sipp-answer.xml", "sipp-call.xml", bobPort, "bob");
            JsonNode natCall = awaitTotal(server, "/cdr/records?q=" + q("disposition:answered") + "&sort=start", 3)
                    .path("records").get(0);
            assertEquals("sip:bob@127.0.0.1:" + bobPort, natCall.path("tags").path("target").asText(),
                    "sent to the address the REGISTER came from: " + natCall);

            // two phones of one user ring together: the one that answers takes the call, the other gets CANCEL
            int bobPort2 = ServerProcess.freePort();
            register(server, sipp, "bob", BOB_PASSWORD, bobPort2);
            assertEquals(2, server.getJson("/sip/registrations?user=bob", ADMIN).size());
            Sipp desk = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Sipp soft = Sipp.start(sipp, "sipp-ring.xml", server.sipPort, bobPort2, "u1", "-m", "1");
            Thread.sleep(300);
            Sipp forked = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", "bob",
                    "-au", "alice", "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-d", "300", "-m", "1");
            int forkedExit = forked.await(60);
            int deskExit = desk.await(30);
            int softExit = soft.await(30);
            if (forkedExit != 0 || deskExit != 0 || softExit != 0) {
                fail("forked call: caller " + forkedExit + ", answering " + deskExit + ", cancelled " + softExit + "\n"
                        + forked.report() + desk.report() + soft.report() + server.output());
            }
            awaitTotal(server, "/cdr/records?q=" + q("disposition:answered"), 4);

            assertEquals(0, server.getJson("/sip/calls", ADMIN).size(), "no call left behind");
            JsonNode status = server.getJson("/sip/status", ADMIN);
            assertEquals(9, status.path("completedCalls").asInt(), status.toString());
            assertEquals(1, status.path("rejectedOverload").asInt(), status.toString());
            assertEquals(0, server.terminate());
        }
        // registrations are in the database: still there after a restart. The restarted switch commits an
        // answer's journal row 1.5 s after it, so that a caller's CANCEL can cross the callee's answer
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "journalLingerMillis = 1500\n",
                StandardOpenOption.APPEND);
        try (ServerProcess again = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            again.awaitSip(ADMIN);
            JsonNode bindings = again.getJson("/sip/registrations?user=bob", ADMIN);
            assertEquals(2, bindings.size(), "bindings survive the restart: " + bindings);

            // bob answers 200 ms after the INVITE, alice cancels 500 ms after her ringing, while her answer
            // waits for the journal: she hears 487 and is billed nothing, bob's answered leg gets ACK and BYE
            assertEquals(200, again.delete("/sip/registrations/bob", ADMIN).statusCode());
            register(again, sipp, "bob", BOB_PASSWORD, bobPort);
            call(again, sipp, "sipp-answer.xml", "sipp-call-cancel.xml", bobPort, "bob");
            JsonNode crossed = awaitTotal(again, "/cdr/records?q=" + q("disposition:cancelled")
                    + "&sort=start&order=desc", 2).path("records").get(0);
            assertEquals(487, crossed.path("sipCode").asInt(), crossed.toString());
            assertEquals("CALLER", crossed.path("hangupSide").asText(), crossed.toString());
            assertTrue(crossed.path("answer").isMissingNode() || crossed.path("answer").isNull(), crossed.toString());
            assertEquals(0, again.getJson("/sip/calls", ADMIN).size(), "no call left behind");
            assertEquals(0, again.terminate());
        }
    }

    private static void user(ServerProcess server, String name, String password, int expected) throws Exception {
        var r = server.put("/sip/users/" + name, "{\"password\":\"" + password + "\",\"displayName\":\"" + name + "\"}",
                ADMIN);
        assertEquals(expected, r.statusCode(), r.body());
    }

    private static void register(ServerProcess server, Path dir, String user, String password, int port)
            throws Exception {
        Sipp reg = Sipp.start(dir, "sipp-register.xml", server.sipPort, port, "u1", "-s", user, "-au", user, "-ap",
                password, "-key", "expires", "300", "-m", "1");
        assertEquals(0, reg.await(60), "REGISTER with digest passes\n" + reg.report() + server.output());
    }

    /** Runs the callee's scenario on its registered port, then the caller's, and waits for both. */
    private static void call(ServerProcess server, Path dir, String callee, String caller, int calleePort, String to)
            throws Exception {
        Sipp b = Sipp.start(dir, callee, server.sipPort, calleePort, "u1", "-m", "1");
        Thread.sleep(300); // let it bind its port
        Sipp a = Sipp.start(dir, caller, server.sipPort, ServerProcess.freePort(), "u1", "-s", to, "-au", "alice",
                "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-d", "500", "-m", "1");
        int aExit = a.await(60);
        int bExit = b.await(30);
        if (aExit != 0 || bExit != 0) {
            fail("caller exit " + aExit + ", callee exit " + bExit + "\n" + a.report() + b.report() + server.output());
        }
    }

    /** @return the messages of the call's stored SIP ladder, once the call's last messages have passed */
    private static String awaitLadder(ServerProcess server, String id) throws Exception {
        HttpResponse<String> r = server.awaitLadder(id, ADMIN);
        if (r.statusCode() != 200) {
            fail("No ladder for record " + id + ": " + r.statusCode() + " " + r.body());
        }
        StringBuilder text = new StringBuilder();
        ServerProcess.JSON.readTree(r.body()).path("messages").forEach(m -> text.append(m.path("message").asText()));
        return text.toString();
    }

    private static void callFails(ServerProcess server, Path dir, String to) throws Exception {
        Sipp a = Sipp.start(dir, "sipp-call-fails.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", to, "-au",
                "alice", "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-m", "1");
        assertEquals(0, a.await(60), a.report() + server.output());
    }

    /** @return the one record with this disposition, waiting for it to be stored and indexed */
    private static JsonNode record(ServerProcess server, String disposition) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode result = null;
        while (System.currentTimeMillis() < deadline) {
            result = server.getJson("/cdr/records?q=" + q("disposition:" + disposition), ADMIN);
            if (result.path("total").asInt() > 0) {
                assertEquals(1, result.path("total").asInt(), "one record per call: " + result);
                JsonNode r = result.path("records").get(0);
                assertEquals("switchboard", r.path("source").asText());
                assertEquals("INTERNAL", r.path("direction").asText());
                return r;
            }
            Thread.sleep(200);
        }
        fail("No " + disposition + " call record: " + result + "\n" + server.output());
        return null;
    }

    private static JsonNode awaitTotal(ServerProcess server, String path, int total) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode result = server.getJson(path, ADMIN);
        while (result.path("total").asInt() < total && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            result = server.getJson(path, ADMIN);
        }
        assertEquals(total, result.path("total").asInt(), result.toString());
        return result;
    }

    private static void assertInOrder(JsonNode record, String... fields) {
        Instant previous = null;
        for (String f : fields) {
            assertTrue(record.hasNonNull(f), f + " missing in " + record);
            Instant t = Instant.parse(record.path(f).asText());
            if (previous != null) {
                assertFalse(t.isBefore(previous), f + " before the previous time in " + record);
            }
            previous = t;
        }
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
