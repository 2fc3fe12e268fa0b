package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Webhooks to an endpoint of the test's own (an HTTP server on loopback, which the server is told
 * to allow): a subscription with a secret, its secret never read back, a ping; a carrier's call to
 * bob sends call.started, call.answered and call.ended in that order although the endpoint refused
 * the first attempt of call.started (500: it is tried again, and the call's later events wait for
 * it), then call.record; every delivery is signed with the secret over its time and body; the
 * deliveries' log shows the attempts; a resend comes again with the same delivery id; bad
 * subscriptions are refused with the reason. A receiver that hangs (takes the connection, never
 * answers) does not slow calls: SIPp's calls at a fixed rate connect as fast as while it answered,
 * none fails, nothing is dropped; when it answers again, every call's events arrive, in order.
 */
class WebhooksIT {

    private static final String[] ADMIN = { "admin", "webhooks-it-secret-1" };
    private static final String SECRET = "crm-signing-secret-0042";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request the endpoint got. */
    record Hook(String event, String delivery, String signature, String body) {
    }

    @TempDir
    Path base;

    @Test
    void eventsReachTheEndpointSignedInOrderAndRetried() throws Exception {
        List<Hook> hooks = new CopyOnWriteArrayList<>();
        AtomicBoolean refusedOnce = new AtomicBoolean();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String event = exchange.getRequestHeaders().getFirst("Switchboard-Event");
            if (event.equals("call.started") && refusedOnce.compareAndSet(false, true)) {
                exchange.sendResponseHeaders(500, -1); // the CRM is down for a moment
            } else {
                hooks.add(new Hook(event, exchange.getRequestHeaders().getFirst("Switchboard-Delivery"),
                        exchange.getRequestHeaders().getFirst("Switchboard-Signature"), body));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        endpoint.start();
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Files.writeString(base.resolve("etc/io.switchboard.webhook.cfg"),
                "allowPrivateTargets = true\nallowHttp = true\nretrySeconds = 1\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hooks";
        int carrierPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            assertEquals(400, server.put("/webhooks/subscriptions/bad", "{\"url\":\"" + url
                    + "\",\"events\":[\"call.nope\"]}", ADMIN).statusCode(), "an unknown event");
            assertTrue(server.put("/webhooks/subscriptions/bad", "{\"url\":\"ftp://example.com/x\",\"events\":[\"*\"]}",
                    ADMIN).body().contains("https://"), "a URL that is not HTTP(S)");
            assertEquals(400, server.put("/webhooks/subscriptions/bad", "{\"url\":\"" + url
                    + "\",\"events\":[\"*\"],\"secret\":\"short\"}", ADMIN).statusCode(), "a short secret");
            assertEquals(201, server.put("/webhooks/subscriptions/crm", "{\"url\":\"" + url + "\",\"events\":"
                    + "[\"call.started\",\"call.answered\",\"call.ended\",\"call.record\"],\"secret\":\"" + SECRET
                    + "\",\"description\":\"the CRM\"}", ADMIN).statusCode());
            JsonNode listed = server.getJson("/webhooks/subscriptions", ADMIN);
            assertEquals(1, listed.size(), listed.toString());
            assertTrue(listed.get(0).path("secretSet").asBoolean(), listed.toString());
            assertFalse(listed.toString().contains(SECRET), "the secret is never read back: " + listed);

            assertEquals(202, server.post("/webhooks/subscriptions/crm/ping", new byte[0], ADMIN).statusCode());
            await(hooks, "ping", 1);

            Sipp bob = CarrierToBob.provision(server, ADMIN, sipp, carrierPort, ServerProcess.freePort(), "+15550100000", 1);
            Sipp carrier = Sipp.start(sipp, "sipp-trunk-call.xml", server.sipPort, carrierPort, "u1", "-s",
                    "+15550100000", "-key", "caller", "12125550100", "-d", "500", "-m", "1");
            assertEquals(0, carrier.await(40), carrier.report());
            assertEquals(0, bob.await(30), bob.report());
            await(hooks, "call.record", 1);
            await(hooks, "call.ended", 1);

            // the endpoint has them; the server writes each taken once the answer is read
            PhoneChecks.await("the deliveries counted", () -> {
                try {
                    return server.getJson("/webhooks/status", ADMIN).path("deliveries").path("DELIVERED").asLong() >= 5;
                } catch (Exception e) {
                    return false;
                }
            }, server::output);
            assertEquals(0, server.getJson("/webhooks/status", ADMIN).path("dropped").asLong());

            List<String> callEvents = new ArrayList<>();
            for (Hook h : hooks) {
                JsonNode body = JSON.readTree(h.body());
                assertEquals(h.event(), body.path("event").asText(), h.body());
                assertTrue(body.path("occurredAt").asText().endsWith("Z"), h.body());
                String[] sig = h.signature().split(",");
                long t = Long.parseLong(sig[0].substring(2));
                assertTrue(Math.abs(System.currentTimeMillis() / 1000 - t) < 120, "a fresh time: " + h.signature());
                assertEquals("v1=" + hmac(SECRET, t + "." + h.body()), sig[1], "signed over its time and body: " + h);
                if (h.event().startsWith("call.") && !h.event().equals("call.record")) {
                    callEvents.add(h.event());
                    assertEquals("12125550100", body.path("data").path("caller").asText(), h.body());
                    assertEquals("INBOUND", body.path("data").path("direction").asText(), h.body());
                }
            }
            assertEquals(List.of("call.started", "call.answered", "call.ended"), callEvents,
                    "in order, the refused first attempt of call.started retried before the rest: " + hooks);
            JsonNode record = JSON.readTree(hooks.stream().filter(h -> h.event().equals("call.record")).findFirst()
                    .orElseThrow().body()).path("data");
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
            assertEquals("carrier", record.path("trunkIn").asText(), record.toString());

            JsonNode deliveries = server.getJson("/webhooks/deliveries?subscription=crm", ADMIN);
            JsonNode started = null;
            for (JsonNode d : deliveries) {
                assertEquals("DELIVERED", d.path("state").asText(), d.toString());
                if (d.path("event").asText().equals("call.started")) {
                    started = d;
                }
            }
            assertEquals(2, started.path("attempts").asInt(), "refused once, then taken: " + started);
            assertEquals(204, started.path("lastStatus").asInt(), started.toString());

            long id = started.path("id").asLong();
            int before = hooks.size();
            assertEquals(202, server.post("/webhooks/deliveries/" + id + "/resend", new byte[0], ADMIN).statusCode());
            long deadline = System.currentTimeMillis() + 10_000;
            while (hooks.size() == before && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(Long.toString(id), hooks.get(hooks.size() - 1).delivery(),
                    "a resend carries the same delivery id, the receiver's key to drop a repeat");
            assertEquals(404, server.post("/webhooks/deliveries/999999/resend", new byte[0], ADMIN).statusCode());
            assertEquals(204, server.delete("/webhooks/subscriptions/crm", ADMIN).statusCode());
            assertEquals(0, server.getJson("/webhooks/deliveries", ADMIN).size(), "its deliveries went with it");
            anInternalHttpsReceiverIsTrustedByItsCertificate(server);
        } finally {
            endpoint.stop(0);
        }
    }

    /**
     * An internal receiver over HTTPS with a self-signed certificate of its own: its deliveries fail
     * on the certificate until the admin names it in trustedCertificates, then the next attempt is
     * taken, with no plain HTTP and the host name still checked.
     */
    private void anInternalHttpsReceiverIsTrustedByItsCertificate(ServerProcess server) throws Exception {
        TestCertificate cert = TestCertificate.make(base, "receiver");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(cert.keystore)) {
            keys.load(in, TestCertificate.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, TestCertificate.PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer receiver = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(tls));
        CountDownLatch taken = new CountDownLatch(1);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            taken.countDown();
        });
        receiver.start();
        try {
            String url = "https://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            assertEquals(201, server.put("/webhooks/subscriptions/internal", "{\"url\":\"" + url
                    + "\",\"events\":[\"*\"]}", ADMIN).statusCode());
            assertEquals(202, server.post("/webhooks/subscriptions/internal/ping", new byte[0], ADMIN).statusCode());
            PhoneChecks.await("the receiver's certificate refused", () -> lastError(server).contains("certification"),
                    () -> lastError(server));
            assertEquals(1, taken.getCount(), "nothing reached the untrusted receiver");
            Files.writeString(base.resolve("etc/io.switchboard.webhook.cfg"), "allowPrivateTargets = true\n"
                    + "allowHttp = true\nretrySeconds = 1\ntrustedCertificates = " + cert.certPem + "\n");
            assertTrue(taken.await(60, TimeUnit.SECONDS), "trusted once named: " + lastError(server));
            PhoneChecks.await("the delivery taken", () -> delivery(server, "state").equals("DELIVERED"),
                    () -> lastError(server));
        } finally {
            receiver.stop(0);
        }
    }

    private static String lastError(ServerProcess server) {
        return delivery(server, "lastError");
    }

    /** @return a field of the internal receiver's latest delivery, or what went wrong reading it */
    private static String delivery(ServerProcess server, String field) {
        try {
            return server.getJson("/webhooks/deliveries?subscription=internal", ADMIN).path(0).path(field).asText();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void callsKeepTheirRateWhileTheReceiverHangs() throws Exception {
        int calls = 40;
        List<Hook> hooks = new CopyOnWriteArrayList<>();
        AtomicBoolean down = new AtomicBoolean();
        CountDownLatch back = new CountDownLatch(1);
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.setExecutor(Executors.newCachedThreadPool());
        endpoint.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (down.get()) {
                    back.await(60, TimeUnit.SECONDS); // hangs: the worst a receiver can do
                    exchange.close(); // the server has given up on this attempt by now
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hooks.add(new Hook(exchange.getRequestHeaders().getFirst("Switchboard-Event"),
                    exchange.getRequestHeaders().getFirst("Switchboard-Delivery"), null, body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Files.writeString(base.resolve("etc/io.switchboard.webhook.cfg"),
                "allowPrivateTargets = true\nallowHttp = true\nretrySeconds = 1\ntimeoutSeconds = 2\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hooks";
        int carrierPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            assertEquals(201, server.put("/webhooks/subscriptions/crm", "{\"url\":\"" + url + "\",\"events\":"
                    + "[\"call.started\",\"call.answered\",\"call.ended\"]}", ADMIN).statusCode());
            Sipp bob = CarrierToBob.provision(server, ADMIN, sipp, carrierPort, ServerProcess.freePort(), "+15550100000",
                    2 * calls);
            long up = run(sipp, server, carrierPort, calls);
            await(hooks, "call.ended", calls);

            down.set(true);
            long hung = run(sipp, server, carrierPort, calls);
            JsonNode status = server.getJson("/webhooks/status", ADMIN);
            assertTrue(status.path("deliveries").path("PENDING").asLong() > 0, "waiting to be sent: " + status);
            assertTrue(hung <= up * 3 / 2 + 1_000, String.format(
                    "%d calls at 10 a second took %d ms while the receiver hung, %d ms while it answered", calls, hung, up));
            down.set(false);
            back.countDown();
            assertEquals(0, bob.await(60), bob.report());
            await(hooks, "call.ended", 2 * calls);
            assertEquals(0, server.getJson("/webhooks/status", ADMIN).path("dropped").asLong());

            Map<String, List<String>> byCall = new HashMap<>();
            for (Hook h : hooks) {
                JsonNode body = JSON.readTree(h.body());
                byCall.computeIfAbsent(body.path("data").path("callId").asText(), k -> new ArrayList<>()).add(h.event());
            }
            assertEquals(2 * calls, byCall.size(), "every call's events: " + byCall.keySet());
            byCall.forEach((call, events) -> assertEquals(List.of("call.started", "call.answered", "call.ended"),
                    events.stream().distinct().toList(), "in order for " + call));
        } finally {
            back.countDown();
            endpoint.stop(0);
        }
    }

    /** @return how long SIPp took for the calls, placed 10 a second, each of which must connect */
    private static long run(Path sipp, ServerProcess server, int carrierPort, int calls) throws Exception {
        long started = System.nanoTime();
        Sipp carrier = Sipp.start(sipp, "sipp-trunk-call.xml", server.sipPort, carrierPort, "u1", "-s",
                "+15550100000", "-key", "caller", "12125550100", "-d", "200", "-r", "10", "-m", Integer.toString(calls));
        assertEquals(0, carrier.await(60), carrier.report());
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void await(List<Hook> hooks, String event, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (hooks.stream().filter(h -> h.event().equals(event)).count() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No " + event + " within 30 s; got " + hooks);
            }
            Thread.sleep(100);
        }
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
