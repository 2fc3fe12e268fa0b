package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Webhooks aimed at the server's own networks through IPv6 spellings of internal IPv4 addresses, as
 * the second outside review sent them (issue 61, item 11): each is refused with 400 naming the rule,
 * when the subscription is saved; and a subscription saved while the setting allowed it is stopped
 * before its delivery once the setting no longer does.
 */
class WebhookTargetsIT {

    private static final String[] ADMIN = { "admin", "webhook-targets-it-1" };

    /** The review's targets, and the word of the rule each falls under. */
    private static final Map<String, String> TARGETS = Map.of("127.0.0.1", "loopback", "10.0.0.1", "private",
            "169.254.169.254", "link-local", "192.168.1.1", "private");

    @TempDir
    Path base;

    @Test
    void everyIpv6SpellingOfAnInternalAddressIsRefusedNamingItsRule() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Path settings = base.resolve("etc/io.switchboard.webhook.cfg");
        Files.writeString(settings, "retrySeconds = 1\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, String> target : TARGETS.entrySet()) {
                for (Map.Entry<String, String> spelling : spellings(target.getKey()).entrySet()) {
                    HttpResponse<String> r = save(server, "exfil", spelling.getKey());
                    String error = r.statusCode() == 400 ? ServerProcess.JSON.readTree(r.body()).path("error").asText()
                            : "";
                    boolean named = error.contains("internal address") && error.contains(spelling.getValue())
                            && (spelling.getValue().equals("Teredo") || error.contains(target.getValue()));
                    if (!named) {
                        problems.add(spelling.getKey() + " (" + target.getKey() + "): " + r.statusCode() + " "
                                + r.body());
                    }
                }
            }
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            assertEquals(0, server.getJson("/webhooks/subscriptions", ADMIN).size(), "none was saved");

            // saved while the setting allowed internal targets, stopped before delivery once it does not
            Files.writeString(settings, "retrySeconds = 1\nallowPrivateTargets = true\n");
            PhoneChecks.await("internal targets allowed", () -> status(server, "old", "64:ff9b::7f00:1") == 201,
                    server::output);
            Files.writeString(settings, "retrySeconds = 1\n");
            PhoneChecks.await("internal targets refused again", () -> status(server, "probe", "::7f00:1") == 400,
                    server::output);
            assertEquals(202, server.post("/webhooks/subscriptions/old/ping", new byte[0], ADMIN).statusCode());
            PhoneChecks.await("the ping refused before it was sent", () -> {
                try {
                    JsonNode d = server.getJson("/webhooks/deliveries?subscription=old", ADMIN).path(0);
                    return d.path("lastError").asText().contains("NAT64 (64:ff9b::/96) of 127.0.0.1, loopback");
                } catch (Exception e) {
                    return false;
                }
            }, server::output);
            JsonNode delivery = server.getJson("/webhooks/deliveries?subscription=old", ADMIN).path(0);
            assertEquals("null", delivery.path("lastStatus").asText("null"), "no answer: never sent " + delivery);
        }
    }

    /** @return the review's IPv6 spellings of the address and more of ours, each with the form it names */
    private static Map<String, String> spellings(String v4) throws Exception {
        byte[] b = InetAddress.getByName(v4).getAddress();
        String hex = Integer.toHexString((b[0] & 0xFF) << 8 | b[1] & 0xFF) + ":"
                + Integer.toHexString((b[2] & 0xFF) << 8 | b[3] & 0xFF);
        String teredo = String.format("%x:%x", ~((b[0] & 0xFF) << 8 | b[1] & 0xFF) & 0xFFFF,
                ~((b[2] & 0xFF) << 8 | b[3] & 0xFF) & 0xFFFF);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("::" + v4, "IPv4-compatible");
        m.put("::" + hex, "IPv4-compatible");
        m.put("::ffff:" + v4, v4); // Java reads a mapped address as the IPv4 one: the rule is the IPv4 one's
        m.put("::ffff:" + hex, v4);
        m.put("0:0:0:0:0:FFFF:" + hex.toUpperCase(), v4);
        m.put("::ffff:0:" + v4, "IPv4-translated");
        m.put("64:ff9b::" + v4, "NAT64");
        m.put("64:ff9b::" + hex, "NAT64");
        m.put("0064:ff9b:0:0:0:0:" + hex, "NAT64");
        m.put("2002:" + hex + "::", "6to4");
        m.put("2002:" + hex + "::1", "6to4");
        m.put("2001:0:4136:e378:8000:63bf:" + teredo, "Teredo");
        return m;
    }

    private static HttpResponse<String> save(ServerProcess server, String id, String address) throws Exception {
        return server.put("/webhooks/subscriptions/" + id, "{\"url\":\"https://[" + address + "]/hook\","
                + "\"events\":[\"*\"]}", ADMIN);
    }

    private static int status(ServerProcess server, String id, String address) {
        try {
            return save(server, id, address).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }
}
