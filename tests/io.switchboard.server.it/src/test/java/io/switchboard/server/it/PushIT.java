package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Push notifications for a mobile phone whose app sleeps (RFC 8599). Bob's phone registers with the
 * parameters of a push service the switch serves through a push gateway (the webhook notifier, with
 * a gateway of the test's own here): 200 with Feature-Caps. A carrier calls bob: the switch POSTs
 * the push to the gateway and holds the call; the gateway "wakes" the phone, which registers again
 * half a second later; the call then rings it and is answered, and its record says how long waking
 * took. A carrier's text message wakes it the same way and is delivered once it registered. A phone
 * naming a push service nobody serves gets 555.
 */
class PushIT {

    private static final String[] ADMIN = { "admin", "push-it-secret-1" };
    private static final String PASSWORD = "bob-password-22";

    @TempDir
    Path base;

    @Test
    void aSleepingPhoneIsWokenAndTheCallRingsIt() throws Exception {
        List<String> pushes = new CopyOnWriteArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Files.writeString(base.resolve("etc/io.switchboard.push.webhook-test.cfg"), "provider = webpush-test\n"
                + "url = http://127.0.0.1:" + gateway.getAddress().getPort() + "/push\n"
                + ".authorization = Bearer gateway-secret-7\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int bobPort = ServerProcess.freePort();
        int carrierPort = ServerProcess.freePort();
        String contact = "sip:bob@127.0.0.1:" + bobPort + ";pn-provider=webpush-test;pn-prid=device-token-42;pn-param=app";
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                RawSip phone = new RawSip(5000, new InetSocketAddress("127.0.0.1", 0));
                RawSip wakingPhone = new RawSip(5000, new InetSocketAddress("127.0.0.1", 0))) {
            gateway.createContext("/push", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                pushes.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
                try {
                    Thread.sleep(500); // the phone's app wakes up
                    wakingPhone.registerContact(server.sipPort, "bob", PASSWORD, contact);
                } catch (Exception e) {
                    pushes.add("wake failed: " + e);
                }
            });
            gateway.start();
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"" + PASSWORD
                    + "\",\"callClass\":\"international\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/numbers/%2B15550100000", "{\"destination\":\"bob\"}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/routes/uk", "{\"pattern\":\"+44.\",\"trunks\":[\"carrier\"]}", ADMIN)
                    .statusCode());

            RawSip.Reply unknown = phone.registerContact(server.sipPort, "bob", PASSWORD,
                    "sip:bob@127.0.0.1:" + bobPort + ";pn-provider=nobody-serves-this;pn-prid=x");
            assertEquals(555, unknown.status(), unknown.text());
            assertTrue(unknown.text().contains("Feature-Caps: *;+sip.pns=\"webpush-test\""), unknown.text());
            RawSip.Reply registered = phone.registerContact(server.sipPort, "bob", PASSWORD, contact);
            assertEquals(200, registered.status(), registered.text());
            assertTrue(registered.text().contains("+sip.pns=\"webpush-test\""), registered.text());

            Sipp bob = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Thread.sleep(300);
            Sipp carrier = Sipp.start(sipp, "sipp-trunk-call.xml", server.sipPort, carrierPort, "u1", "-s",
                    "+15550100000", "-key", "caller", "12125550100", "-d", "1000", "-m", "1");
            assertEquals(0, carrier.await(40), carrier.report() + server.output());
            assertEquals(0, bob.await(30), bob.report());

            assertEquals(1, pushes.size(), pushes.toString());
            String push = pushes.get(0);
            assertTrue(push.startsWith("Bearer gateway-secret-7 "), "the gateway's credentials: " + push);
            JsonNode sent = ServerProcess.JSON.readTree(push.substring(push.indexOf('{')));
            assertEquals("device-token-42", sent.path("prid").asText(), push);
            assertEquals("app", sent.path("param").asText(), push);
            assertEquals("bob", sent.path("user").asText(), push);
            assertEquals("call", sent.path("reason").asText(), push);

            JsonNode record = awaitRecord(server);
            String woken = record.path("tags").path("push").asText();
            long millis = record.path("tags").path("pushMillis").asLong(-1);
            assertTrue(woken.startsWith("woken in "), record.toString());
            assertTrue(millis >= 500 && millis < 10_000, "the time to wake the phone: " + record);
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());

            // a message for bob wakes the phone too, and reaches it once it registered again
            Sipp bobsMessages = Sipp.start(sipp, "sipp-message-receive.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Thread.sleep(300);
            try (RawSip carrierPhone = new RawSip(5000, new InetSocketAddress("127.0.0.1", carrierPort))) {
                RawSip.Reply text = TextMessages.send(carrierPhone, server.sipPort, "12125550100", "+15550100000",
                        "Your parcel is at the door", null, null);
                assertEquals(200, text.status(), text.text() + pushes);
            }
            assertEquals(0, bobsMessages.await(30), bobsMessages.report());
            assertEquals(2, pushes.size(), pushes.toString());
            assertTrue(pushes.get(1).contains("\"reason\":\"message\""), pushes.toString());

            // a click-to-call of bob's (a callback places its calls so too) wakes his phone before it rings it
            Sipp bobAnswers = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, bobPort, "u1", "-m", "1");
            // both are rung only once the push has woken bob's phone (half a second): their ports are bound by then
            Sipp customer = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carrierPort, "u1", "-m", "1");
            HttpResponse<String> placed = server.post("/calls", "{\"from\":\"bob\",\"to\":\"+442071110002\"}"
                    .getBytes(StandardCharsets.UTF_8), ADMIN);
            assertEquals(202, placed.statusCode(), placed.body());
            String id = ServerProcess.JSON.readTree(placed.body()).path("callId").asText();
            assertEquals("setup", server.getJson("/calls/" + id, ADMIN).path("state").asText(),
                    "the call is there while the phone wakes");
            PhoneChecks.await("bob answered and the customer was called", () -> {
                try {
                    return "answered".equals(server.getJson("/calls/" + id, ADMIN).path("state").asText());
                } catch (Exception e) {
                    return false;
                }
            }, () -> pushes + bobAnswers.report() + customer.report() + server.output());
            assertEquals(3, pushes.size(), pushes.toString());
            assertTrue(pushes.get(2).contains("\"reason\":\"call\""), pushes.toString());
            assertEquals(200, server.delete("/calls/" + id, ADMIN).statusCode());
            assertEquals(0, bobAnswers.await(30), bobAnswers.report());
            assertEquals(0, customer.await(30), customer.report());
            JsonNode clickToCall = PhoneChecks.record(server, ADMIN, "callee:\"+442071110002\"");
            assertTrue(clickToCall.path("tags").path("push").asText().startsWith("woken in "), clickToCall.toString());
            assertTrue(!server.output().contains("gateway-secret-7"), "the gateway's secret is never logged");
        } finally {
            gateway.stop(0);
        }
    }

    private static JsonNode awaitRecord(ServerProcess server) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode page = server.getJson("/cdr/records?q=*&limit=10", ADMIN);
            if (page.path("records").size() > 0) {
                return page.path("records").get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no call record");
    }
}
