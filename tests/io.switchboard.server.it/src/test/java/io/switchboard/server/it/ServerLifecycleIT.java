package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The whole life of a server: first start with a generated password, authentication, every
 * bundle active, a plugin hot-deployed and removed, a password change, a clean SIGTERM stop and a
 * second start on the same data that applies no schema change.
 */
class ServerLifecycleIT {

    @TempDir
    Path base;

    @Test
    void firstStartAuthPluginsAndCleanStop() throws Exception {
        String password;
        // an empty database folder: this start makes its database from the product's schema template, as an
        // admin's first start does, not from the ITs' seed (ServerJvm.seed)
        Files.createDirectories(base.resolve("data/db"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        try (ServerProcess server = ServerProcess.start(base, Map.of())) {
            System.out.println("Server start: " + server.reportedStartMillis() + " ms (launcher's own count)");
            assertTrue(server.output().contains("New embedded database made from the product's schema template"),
                    server.output());
            assertTrue(server.output().contains("Bundle cache made anew"), server.output());
            assertTrue(Pattern.compile("Schemas of [1-9]\\d* bundle\\(s\\): 0 changeset\\(s\\) applied")
                    .matcher(server.output()).find(), "the template holds every shipped changelog: " + server.output());
            password = generatedPassword(server.output());
            String[] admin = { "admin", password };

            // Open health, closed everything else.
            HttpResponse<String> health = server.get("/health", null);
            assertEquals(200, health.statusCode());
            assertEquals("UP", ServerProcess.JSON.readTree(health.body()).path("status").asText());
            assertTrue(ServerProcess.JSON.readTree(health.body()).path("checks").isMissingNode(),
                    "a stranger learns UP or DOWN, nothing of what is inside: " + health.body());
            assertTrue(ServerProcess.JSON.readTree(server.get("/health", admin).body()).path("checks").isMissingNode(),
                    "health never looks at credentials");
            assertEquals("UP", server.getJson("/health/checks", admin).path("checks").path("store").asText(),
                    "an account sees each check");
            assertEquals(401, server.get("/health/checks", null).statusCode());
            for (String path : List.of("/status", "/version", "/plugins", "/account", "/no-such-thing")) {
                HttpResponse<String> r = server.get(path, null);
                assertEquals(401, r.statusCode(), path + " without credentials");
                assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), path);
                assertEquals(401, server.get(path, new String[] { "admin", password + "x" }).statusCode(),
                        path + " with a wrong password");
            }
            assertFalse(server.output().contains(password + "x"), "a tried password is never logged");

            // Every bundle active.
            JsonNode status = server.getJson("/status", admin);
            assertTrue(status.path("uptimeSeconds").asLong() >= 0);
            JsonNode bundles = status.path("bundles");
            assertTrue(bundles.size() > 40, "the whole runtime is listed: " + bundles.size());
            for (JsonNode b : bundles) {
                String expected = b.path("fragment").asBoolean() ? "RESOLVED" : "ACTIVE";
                assertEquals(expected, b.path("state").asText(), b.path("symbolicName").asText() + "\n" + server.output());
            }
            assertEquals("Switchboard", server.getJson("/version", admin).path("product").asText());
            assertEquals("admin", server.getJson("/account", admin).path("name").asText());
            HttpResponse<String> missing = server.get("/no-such-thing", admin);
            assertEquals(404, missing.statusCode());
            assertEquals(404, ServerProcess.JSON.readTree(missing.body()).path("status").asInt());

            // Built-in normalisation, then the sample plugin hot-deployed into plugins/.
            assertEquals("built-in", normalize(server, admin).path("normalizer").asText());
            int builtIn = server.getJson("/plugins", admin).size();
            assertTrue(builtIn >= 3, "the built-in CDR importers and exporters are plugins too");
            Path jar = sampleJar();
            Path deployed = Files.copy(jar, server.plugins.resolve(jar.getFileName()));
            JsonNode plugins = awaitPlugins(server, admin, builtIn + 1);
            JsonNode acme = null;
            for (JsonNode p : plugins) {
                if (p.path("name").asText().equals("acme-uk-dialplan")) {
                    acme = p;
                }
            }
            assertTrue(acme != null, plugins.toString());
            assertEquals("Acme Telecom", acme.path("vendor").asText());
            assertEquals(100, acme.path("ranking").asInt());
            assertEquals("acme-uk-dialplan", plugins.get(0).path("name").asText(), "listed in ranking order");
            JsonNode n = normalize(server, admin);
            assertEquals("acme-uk-dialplan", n.path("normalizer").asText());
            assertEquals("+442079460000", n.path("e164").asText());
            Files.delete(deployed);
            awaitPlugins(server, admin, builtIn);
            assertEquals("built-in", normalize(server, admin).path("normalizer").asText());

            // Bad input gets a clear 400.
            HttpResponse<String> bad = server.get("/numbering/normalize?number=call%20me", admin);
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("not a telephone number"), bad.body());
            HttpResponse<String> huge = server.put("/sip/users/big", "{\"displayName\":\"" + "x".repeat(1_100_000)
                    + "\"}", admin);
            assertEquals(413, huge.statusCode(), "a body over 1 MB");
            assertTrue(huge.body().contains("maxBodyKilobytes"), huge.body());
            assertEquals(400, server.put("/sip/users/small", "{\"displayName\":\"x\"}", admin).statusCode(),
                    "a small body still reaches its resource (no password: refused there)");

            // Password change: the old one stops working at once.
            assertEquals(400, server.put("/account/password", "{\"current\":\"" + password
                    + "\",\"password\":\"short\"}", admin).statusCode());
            assertEquals(400, server.put("/account/password", "{\"password\":\"a-much-longer-secret\"}", admin)
                    .statusCode(), "the current password is needed");
            assertEquals(403, server.put("/account/password", "{\"current\":\"not-it-at-all\",\"password\":"
                    + "\"a-much-longer-secret\"}", admin).statusCode(), "the current password must be right");
            assertEquals(200, server.put("/account/password", "{\"current\":\"" + password
                    + "\",\"password\":\"a-much-longer-secret\"}", admin).statusCode());
            assertEquals(401, server.get("/status", admin).statusCode());
            assertEquals(200, server.get("/status", new String[] { "admin", "a-much-longer-secret" }).statusCode());

            assertEquals(0, server.terminate(), "SIGTERM stops the server with exit code 0");
            String out = server.output();
            assertTrue(out.contains("Switchboard stopped"), out);
            assertFalse(out.contains("Exception"), "a clean run logs no exception:\n" + out);
        }
        String log = Files.readString(base.resolve("data/logs/switchboard.0.log"));
        assertTrue(log.contains("Switchboard started in"), "the log file is written");
        // secrets at rest: the data folder and all in it for the server's user only
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve("data"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                base.resolve("data/keys/secrets.key"))));
        try (var all = Files.walk(base.resolve("data"))) {
            List<String> open = all.filter(p -> {
                try {
                    return Files.getPosixFilePermissions(p).stream()
                            .anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"));
                } catch (IOException e) {
                    return false; // went while walking (a lock file)
                }
            }).map(Path::toString).toList();
            assertTrue(open.isEmpty(), "open to others: " + open);
        }
        assertTrue(Files.exists(base.resolve("data/db/switchboard.mv.db")), "the database is among them");
        assertFalse(log.contains(password), "the generated password is shown on the console, never logged");

        // Second start on the same data with a password in the environment: nothing to migrate, and
        // the variable, which sets the first start's password only, leaves the account's alone.
        try (ServerProcess again = ServerProcess.start(base,
                Map.of("SWITCHBOARD_ADMIN_PASSWORD", "configured-by-a-script"))) {
            String out = again.output();
            assertTrue(out.contains("Schema of io.switchboard.mgmt.core: 0 changeset(s) applied"), out);
            assertTrue(out.contains("Bundles from the cache of the last start"), "the same jars: " + out);
            assertFalse(out.contains("shown only this once"), "no new password on a second start");
            assertTrue(out.contains("SWITCHBOARD_ADMIN_PASSWORD ignored: account 'admin' exists"), out);
            assertEquals(401, again.get("/status", new String[] { "admin", "configured-by-a-script" }).statusCode());
            assertEquals(200, again.get("/status", new String[] { "admin", "a-much-longer-secret" }).statusCode(),
                    "the password the admin changed it to through the API");
            assertEquals(0, again.terminate());
        }
    }

    @Test
    void refusesToStartOnATakenPortOrAnUnusableDataFolder() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            try (ServerProcess server = ServerProcess.launch(base, taken.getLocalPort(), Map.of(), List.of())) {
                assertEquals(2, server.waitForExit(60));
                assertTrue(server.output().contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                        server.output());
            }
        }
        try (DatagramSocket sipTaken = new DatagramSocket(0)) {
            Path sip = Files.createDirectories(base.resolve("sip"));
            try (ServerProcess server = ServerProcess.launch(sip, ServerProcess.freePort(), Map.of(),
                    List.of("--sip-port", Integer.toString(sipTaken.getLocalPort())))) {
                assertEquals(2, server.waitForExit(60));
                assertTrue(server.output().contains("Cannot listen on SIP port " + sipTaken.getLocalPort()),
                        server.output());
            }
        }
        Path broken = Files.createDirectories(base.resolve("broken"));
        Files.writeString(broken.resolve("data"), "a file where the data folder should be");
        try (ServerProcess server = ServerProcess.launch(broken, ServerProcess.freePort(), Map.of(), List.of())) {
            assertEquals(2, server.waitForExit(60));
            assertTrue(server.output().contains("data folder " + broken.resolve("data")), server.output());
        }
        Path other = Files.createDirectories(base.resolve("other"));
        try (ServerProcess server = ServerProcess.launch(other, ServerProcess.freePort(),
                Map.of("SWITCHBOARD_HTTP_PORT", "eighty"), List.of("--http-port", "eighty"))) {
            assertEquals(2, server.waitForExit(60));
            assertTrue(server.output().contains("Invalid HTTP port 'eighty'"), server.output());
        }
        // a plugins folder others can write to: whatever they drop there would run in the server
        Path shared = Files.createDirectories(base.resolve("shared"));
        Path plugins = Files.createDirectories(shared.resolve("plugins"));
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (ServerProcess server = ServerProcess.launch(shared, ServerProcess.freePort(), Map.of(), List.of())) {
            assertEquals(2, server.waitForExit(60));
            assertTrue(server.output().contains("The plugins folder can be written by others")
                    && server.output().contains("chmod -R go-w " + plugins), server.output());
        }
    }

    private static JsonNode normalize(ServerProcess server, String[] admin) throws Exception {
        return server.getJson("/numbering/normalize?number=020%207946%200000&country=1", admin);
    }

    private static JsonNode awaitPlugins(ServerProcess server, String[] admin, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode plugins;
        do {
            plugins = server.getJson("/plugins", admin);
            if (plugins.size() == expected) {
                return plugins;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("Expected " + expected + " plugins within 30 s, have " + plugins + "\n"
                + server.output());
    }

    static Path sampleJar() throws Exception {
        return ServerProcess.sample("io.switchboard.sample.normalizer");
    }

    static String generatedPassword(String output) {
        Matcher m = Pattern.compile("with the password\\s+(\\S+)").matcher(output);
        assertTrue(m.find(), "the generated password is shown on first start:\n" + output);
        return m.group(1);
    }
}
