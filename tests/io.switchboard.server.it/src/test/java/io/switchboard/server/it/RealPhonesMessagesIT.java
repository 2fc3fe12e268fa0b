package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Text messages between real phones: baresip (bob) writes to alice while her linphonec is not
 * running yet (the switch keeps it, 202), then linphonec starts, registers and shows the message;
 * then bob writes again and linphonec shows it at once.
 */
class RealPhonesMessagesIT {

    private static final String[] ADMIN = { "admin", "real-phones-messages-it-secret" };

    @TempDir
    Path base;

    @Test
    void baresipWritesToLinphonecOfflineThenOnline() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"alice-password-1\"}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"bob-password-22\"}", ADMIN).statusCode());
            // baresip writes to its current contact (its contact module): alice
            java.nio.file.Files.createDirectories(base.resolve("baresip"));
            java.nio.file.Files.writeString(base.resolve("baresip/contacts"), "\"Alice\" <sip:alice@127.0.0.1:"
                    + server.sipPort + ">\n");
            try (Baresip bob = new Baresip(base.resolve("baresip"), "<sip:bob@127.0.0.1:" + server.sipPort
                    + ">;auth_pass=bob-password-22", Tones.write(base.resolve("tone.wav"), 440, 5),
                    java.util.List.of("module_app contact.so"))) {
                await("bob registered", () -> registered(server, "bob"), bob::output);
                String sent = bob.command("message", "Lunch at one?");
                await("the message kept for alice", () -> states(server).contains("stored"),
                        () -> sent + "\n" + bob.output() + server.getJson("/messages", ADMIN));
                try (Linphonec alice = new Linphonec(base.resolve("linphonec"))) {
                    alice.type("register sip:alice@127.0.0.1:" + server.sipPort + " sip:127.0.0.1:" + server.sipPort
                            + " alice-password-1");
                    await("linphonec shows the kept message", () -> alice.output().contains("Lunch at one?"),
                            () -> alice.output() + server.getJson("/messages", ADMIN));
                    bob.command("message", "Or at two");
                    await("linphonec shows the new message", () -> alice.output().contains("Or at two"),
                            () -> alice.output() + bob.output());
                    await("both delivered", () -> states(server).equals("delivered,delivered"),
                            () -> server.getJson("/messages", ADMIN).toString());
                }
            }
        }
    }

    private static boolean registered(ServerProcess server, String user) {
        try {
            return server.getJson("/sip/registrations?user=" + user, ADMIN).size() > 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String states(ServerProcess server) {
        try {
            StringBuilder sb = new StringBuilder();
            for (JsonNode m : server.getJson("/messages?user=alice", ADMIN)) {
                sb.append(sb.isEmpty() ? "" : ",").append(m.path("state").asText());
            }
            return sb.toString();
        } catch (Exception e) {
            return "";
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private interface Log {
        String text() throws Exception;
    }

    private static void await(String what, Check check, Log log) throws Exception {
        for (int i = 0; i < 150; i++) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " within 15 s:\n" + log.text());
    }
}
