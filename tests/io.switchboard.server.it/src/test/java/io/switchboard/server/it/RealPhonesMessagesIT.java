package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            Files.createDirectories(base.resolve("baresip"));
            Files.writeString(base.resolve("baresip/contacts"), "\"Alice\" <sip:alice@127.0.0.1:"
                    + server.sipPort + ">\n");
            try (Baresip bob = new Baresip(base.resolve("baresip"), "<sip:bob@127.0.0.1:" + server.sipPort
                    + ">;auth_pass=bob-password-22", Tones.write(base.resolve("tone.wav"), 440, 5),
                    List.of("module_app contact.so"))) {
                PhoneChecks.await("bob registered", () -> PhoneChecks.registered(server, "bob", ADMIN), bob::output);
                String sent = bob.command("message", "Lunch at one?");
                PhoneChecks.await("the message kept for alice", () -> states(server).contains("stored"),
                        () -> sent + "\n" + bob.output() + server.getJson("/messages", ADMIN));
                try (Linphonec alice = new Linphonec(base.resolve("linphonec"))) {
                    alice.type("register sip:alice@127.0.0.1:" + server.sipPort + " sip:127.0.0.1:" + server.sipPort
                            + " alice-password-1");
                    PhoneChecks.await("linphonec shows the kept message", () -> shows(alice, "Lunch at one?"),
                            () -> alice.output() + server.getJson("/messages", ADMIN));
                    bob.command("message", "Or at two");
                    PhoneChecks.await("linphonec shows the new message", () -> shows(alice, "Or at two"),
                            () -> alice.output() + bob.output());
                    PhoneChecks.await("both delivered", () -> states(server).equals("delivered,delivered"),
                            () -> server.getJson("/messages", ADMIN).toString());
                }
            }
        }
    }

    private static boolean shows(Linphonec phone, String text) {
        try {
            return phone.output().contains(text);
        } catch (IOException e) {
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
}
