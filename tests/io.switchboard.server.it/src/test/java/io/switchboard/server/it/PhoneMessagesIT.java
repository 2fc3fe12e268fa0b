package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * The phone engine (the console's softphone) writes and reads text messages through the switch: to
 * a user who is offline (kept, 202, then delivered with the time it was written when the user's
 * phone registers), to one online (200), and with real phones: baresip writes to it, linphonec reads it.
 */
class PhoneMessagesIT {

    private static final String[] ADMIN = { "admin", "phone-messages-it-secret" };

    @TempDir
    Path base;

    @Test
    void theEngineWritesToAnOfflineUserAndAnswersARealPhone() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "bob", "bob-password-22");
            assertEquals(201, server.put("/sip/users/carol", "{\"password\":\"carol-password-3\"}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/users/dave", "{\"password\":\"dave-password-4\"}", ADMIN)
                    .statusCode());
            Inbox aliceInbox = new Inbox();
            try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), aliceInbox)) {
                PhoneChecks.await("alice registers", alice::registered);

                // bob is offline: the switch keeps it
                Instant written = Instant.now();
                assertEquals(202, alice.send("bob", "Call me when you land").toCompletableFuture().get(20,
                        TimeUnit.SECONDS));
                Thread.sleep(6000); // kept longer than 5 s: the switch says when it was written (Date)
                Inbox bobInbox = new Inbox();
                try (Phone bob = engine.open(PhoneChecks.account(server, "bob", "bob-password-22"), bobInbox)) {
                    Received kept = bobInbox.messages.poll(20, TimeUnit.SECONDS);
                    assertNotNull(kept, "bob's phone gets the kept message when it registers");
                    assertEquals("Call me when you land", kept.text());
                    assertTrue(kept.from().startsWith("sip:alice@"), kept.from());
                    assertTrue(Math.abs(kept.written().getEpochSecond() - written.getEpochSecond()) <= 1,
                            "shown with when it was written, not when it came: " + kept.written() + " vs " + written);

                    // bob online: at once
                    assertEquals(200, bob.send("alice", "Landed, taxi in 10").toCompletableFuture().get(20,
                            TimeUnit.SECONDS));
                    Received reply = aliceInbox.messages.poll(20, TimeUnit.SECONDS);
                    assertNotNull(reply, "alice's phone gets bob's answer");
                    assertEquals("Landed, taxi in 10", reply.text());
                }
                assertEquals(404, alice.send("nobody", "hello?").toCompletableFuture().get(20, TimeUnit.SECONDS));

                // a real phone: baresip writes to the engine, and the engine to baresip
                Files.createDirectories(base.resolve("baresip"));
                Files.writeString(base.resolve("baresip/contacts"), "\"Alice\" <sip:alice@127.0.0.1:" + server.sipPort
                        + ">\n");
                try (Baresip carol = new Baresip(base.resolve("baresip"), "<sip:carol@127.0.0.1:" + server.sipPort
                        + ">;auth_pass=carol-password-3", Tones.write(base.resolve("tone.wav"), 440, 5),
                        List.of("module_app contact.so"))) {
                    PhoneChecks.await("carol registered", () -> PhoneChecks.registered(server, "carol", ADMIN),
                            carol::output);
                    carol.command("message", "Meeting moved to 3");
                    Received fromCarol = aliceInbox.messages.poll(20, TimeUnit.SECONDS);
                    assertNotNull(fromCarol, "the engine gets baresip's message\n" + carol.output());
                    assertEquals("Meeting moved to 3", fromCarol.text());
                }
                // (baresip takes a message but shows it on no console here: linphonec reads the engine's)
                try (Linphonec dave = new Linphonec(base.resolve("linphonec"))) {
                    dave.type("register sip:dave@127.0.0.1:" + server.sipPort + " sip:127.0.0.1:" + server.sipPort
                            + " dave-password-4");
                    PhoneChecks.await("dave registered", () -> PhoneChecks.registered(server, "dave", ADMIN),
                            dave::output);
                    assertEquals(200, alice.send("dave", "Thanks, see you at 3").toCompletableFuture().get(20,
                            TimeUnit.SECONDS));
                    PhoneChecks.await("linphonec shows the engine's message", () -> shows(dave, "Thanks, see you at 3"),
                            dave::output);
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

    record Received(String from, String text, Instant written) {
    }

    private static final class Inbox implements PhoneListener {
        final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();

        @Override
        public void message(Phone phone, String from, String text, Instant written) {
            messages.add(new Received(from, text, written));
        }
    }
}
