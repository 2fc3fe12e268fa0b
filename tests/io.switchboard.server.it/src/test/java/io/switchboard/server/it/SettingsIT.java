package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Settings that describe themselves: the running server lists, from the Metatype its bundles ship
 * (generated at build time from the settings' annotations), every PID with each attribute's type,
 * default and description. Every key the shipped {@code defaults/*.cfg} set is described under its
 * PID; secrets are declared as such; an unknown PID is a 404.
 */
class SettingsIT {

    private static final String[] ADMIN = { "admin", "settings-it-secret-1" };
    /** PIDs of bundles the server ships that must describe their settings. */
    private static final List<String> EXPECTED = List.of("io.switchboard.sip", "io.switchboard.sip.store",
            "io.switchboard.sip.listener", "io.switchboard.media", "io.switchboard.mgmt", "io.switchboard.webhook",
            "io.switchboard.callback", "io.switchboard.directory", "io.switchboard.voicemail");

    @TempDir
    Path base;

    @Test
    void everyPidIsListedWithItsAttributesAndTheShippedSettingsAreAllDescribed() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            Map<String, JsonNode> byPid = new HashMap<>();
            PhoneChecks.await("the settings of every bundle described", () -> {
                try {
                    byPid.clear();
                    for (JsonNode pid : server.getJson("/settings", ADMIN)) {
                        byPid.put(pid.path("pid").asText(), pid);
                    }
                    return byPid.keySet().containsAll(EXPECTED);
                } catch (Exception e) {
                    return false;
                }
            }, () -> byPid.keySet().toString());
            assertTrue(byPid.size() >= 25, "PIDs described: " + byPid.keySet());
            for (JsonNode pid : byPid.values()) {
                assertFalse(pid.path("name").asText().isBlank(), "named: " + pid);
                for (JsonNode a : pid.path("attributes")) {
                    assertFalse(a.path("id").asText().isBlank(), pid.path("pid") + ": " + a);
                    assertTrue(Set.of("string", "long", "integer", "short", "character", "byte", "double", "float",
                            "boolean", "password").contains(a.path("type").asText()), pid.path("pid") + ": " + a);
                }
            }

            JsonNode relay = attribute(byPid, "io.switchboard.media", "portMin");
            assertEquals("integer", relay.path("type").asText(), relay.toString());
            assertEquals("10000", relay.path("defaultValue").asText(), relay.toString());
            assertTrue(byPid.get("io.switchboard.sip.listener").path("factory").asBoolean(),
                    "listening points are a factory: one file each");
            for (String[] secret : new String[][] { { "io.switchboard.mgmt", ".adminPassword" },
                    { "io.switchboard.voicemail", ".password" }, { "io.switchboard.sip.listener", ".keystorePassword" },
                    { "io.switchboard.sip.listener", "privateKey" } }) {
                JsonNode a = attribute(byPid, secret[0], secret[1]);
                assertTrue(a.path("secret").asBoolean() && a.path("type").asText().equals("password"),
                        "a secret: " + secret[0] + " " + a);
            }
            assertTrue(attribute(byPid, "io.switchboard.sip", "journalLingerMillis").path("description").asText()
                    .contains("answer"), "no setting read from system properties any more");
            assertEquals("50", attribute(byPid, "io.switchboard.cdr", "commitLingerMillis").path("defaultValue").asText(),
                    "the call records' one group commit is the CDR service's");

            // every setting the server ships with is one it describes
            try (Stream<Path> files = Files.list(ServerProcess.SERVER_DIR.resolve("defaults"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".cfg")).toList()) {
                    String name = file.getFileName().toString().replace(".cfg", "");
                    String pid = byPid.containsKey(name) ? name : name.substring(0, name.lastIndexOf('-'));
                    assertTrue(byPid.containsKey(pid), file + " configures " + pid + ", which nothing describes");
                    Set<String> ids = Stream.of(byPid.get(pid).path("attributes")).flatMap(n -> {
                        List<String> l = new ArrayList<>();
                        n.forEach(a -> l.add(a.path("id").asText()));
                        return l.stream();
                    }).collect(Collectors.toSet());
                    for (String line : Files.readAllLines(file)) {
                        String t = line.strip();
                        if (t.isEmpty() || t.startsWith("#") || !t.contains("=")) {
                            continue;
                        }
                        String key = t.substring(0, t.indexOf('=')).strip();
                        assertTrue(ids.contains(key), file.getFileName() + " sets " + key + ", which " + pid
                                + " does not describe: " + ids);
                    }
                }
            }
            JsonNode one = server.getJson("/settings/io.switchboard.webhook", ADMIN);
            assertEquals("etc/io.switchboard.webhook.cfg", one.path("file").asText(), one.toString());
            assertEquals(404, server.get("/settings/io.switchboard.nope", ADMIN).statusCode());
        }
    }

    private static JsonNode attribute(Map<String, JsonNode> byPid, String pid, String id) {
        for (JsonNode a : byPid.get(pid).path("attributes")) {
            if (a.path("id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError(pid + " describes no " + id + ": " + byPid.get(pid));
    }
}
