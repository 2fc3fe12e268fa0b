package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.api.Transport;
import io.switchboard.phone.core.internal.PhoneEngineImpl;

/**
 * The engine over TLS to a switch whose certificate no authority signed: pinned by its SHA-256, alice
 * registers over TLS, calls bob (UDP) and is called by him over the connection she opened, each
 * hearing the other; a phone with another pin is refused before it sends its password, and is told
 * which certificate it was shown.
 */
class PhoneTlsIT {

    private static final String[] ADMIN = { "admin", "phone-tls-it-secret" };
    private static final int ALICE_HZ = 700;
    private static final int BOB_HZ = 1300;

    @TempDir
    Path base;

    @Test
    void theEngineRegistersAndCallsOverTlsWithAPinnedCertificate() throws Exception {
        TestCertificate cert = TestCertificate.make(base, "switch");
        int tls = TestCertificate.tlsListeningPoint(base);
        try (ServerProcess server = ServerProcess.launch(base, ServerProcess.freePort(),
                Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]), cert.serverArgs());
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitHealthy();
            PhoneChecks.await("the TLS listening point", () -> listening(server, "tls:127.0.0.1:" + tls));
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "bob", "bob-password-22");

            AtomicReference<String> refusal = new AtomicReference<>();
            PhoneAccount wrongPin = tlsAccount("alice", "alice-password-1", tls, "AB".repeat(32));
            try (Phone impostor = engine.open(wrongPin, new PhoneListener() {
                @Override
                public void registration(Phone phone, boolean registered, String reason) {
                    refusal.set(reason);
                }
            })) {
                PhoneChecks.await("the wrong pin is refused", () -> refusal.get() != null);
                assertFalse(impostor.registered());
                assertTrue(refusal.get().contains(cert.fingerprint().replace(":", "")),
                        "the refusal names the certificate shown: " + refusal.get());
            }

            try (Phone alice = engine.open(tlsAccount("alice", "alice-password-1", tls, cert.fingerprint()), null);
                    Phone bob = engine.open(PhoneChecks.account(server, "bob", "bob-password-22"), null)) {
                PhoneChecks.await("alice registers over TLS", alice::registered);
                PhoneChecks.await("bob registers", bob::registered);
                String binding = server.getJson("/sip/registrations?user=alice", ADMIN).toString();
                assertTrue(binding.toLowerCase(Locale.ROOT).contains("transport=tls"), "over TLS: " + binding);
                try {
                    call(engine, alice, bob, "bob", "alice-out");
                    call(engine, bob, alice, "alice", "alice-in");
                } catch (AssertionError e) {
                    String out = server.output();
                    throw new AssertionError(e.getMessage() + "; the server says: "
                            + out.substring(Math.max(0, out.length() - 6000)), e);
                }
            }
        }
    }

    /** The caller dials, the called phone answers; each recording holds the other's tone. */
    private void call(PhoneEngineImpl engine, Phone from, Phone to, String target, String name) throws Exception {
        int fromHz = from.account().user().equals("alice") ? ALICE_HZ : BOB_HZ;
        int toHz = fromHz == ALICE_HZ ? BOB_HZ : ALICE_HZ;
        Path fromHeard = base.resolve(name + "-caller.wav");
        Path toHeard = base.resolve(name + "-called.wav");
        PhoneCall out = from.dial(target, engine.tone(fromHz), engine.record(fromHeard));
        PhoneChecks.await(target + " rings", () -> !to.calls().isEmpty());
        PhoneCall in = to.calls().get(0);
        assertNotNull(in);
        in.answer(engine.tone(toHz), engine.record(toHeard));
        PhoneChecks.await(name + " connects", () -> out.state() == CallState.CONNECTED);
        Thread.sleep(3000);
        out.hangup();
        PhoneChecks.await(name + " ends", () -> in.state() == CallState.ENDED);
        Thread.sleep(300);
        PhoneChecks.assertHears(name + " caller", fromHeard, toHz, fromHz);
        PhoneChecks.assertHears(name + " called", toHeard, fromHz, toHz);
    }

    private static PhoneAccount tlsAccount(String user, String password, int tlsPort, String pin) {
        return new PhoneAccount(user, "127.0.0.1", password, "127.0.0.1", tlsPort, Transport.TLS, null, 300, pin);
    }

    private static boolean listening(ServerProcess server, String point) {
        try {
            return server.getJson("/sip/status", ADMIN).path("listeningPoints").toString().contains(point);
        } catch (Exception notYet) {
            return false;
        }
    }
}
