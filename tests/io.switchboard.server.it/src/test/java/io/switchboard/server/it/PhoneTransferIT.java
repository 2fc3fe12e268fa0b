package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.core.internal.PhoneEngineImpl;

/**
 * Transfers in a three-party flow through the switch, three engines. Blind: alice calls bob, bob
 * transfers her to carol (REFER); alice calls carol, carol hears alice's tone, and bob's call with
 * alice ends once alice's NOTIFY says carol answered. Attended: bob puts alice on hold, calls carol,
 * then hands alice over (REFER with Replaces); alice's INVITE to carol replaces bob's call with
 * carol, whose audio goes on with alice's tone, and both of bob's calls end.
 */
class PhoneTransferIT {

    private static final String[] ADMIN = { "admin", "phone-transfer-it-secret" };
    private static final int ALICE_HZ = 440;
    private static final int CAROL_HZ = 1000;
    private static final int BOB_HZ = 700;

    @TempDir
    Path base;

    @Test
    void bobTransfersAliceToCarol() throws Exception {
        aliceTalkingToBob(p -> {
            p.bobFromAlice().transfer("carol");
            PhoneCall carolFromAlice = p.carolEvents().incoming.poll(20, TimeUnit.SECONDS);
            assertNotNull(carolFromAlice, "alice calls carol as bob asked: " + p.server().output());
            Path carolHeard = base.resolve("carol-heard.wav");
            carolFromAlice.answer(p.engine().tone(CAROL_HZ), p.engine().record(carolHeard));
            PhoneChecks.await("bob's call ends once carol answered",
                    () -> p.bobFromAlice().state() == CallState.ENDED);
            PhoneChecks.await("alice's call with bob ends", () -> p.aliceToBob().state() == CallState.ENDED);
            PhoneChecks.await("alice talks with carol", () -> p.alice().calls().size() == 1
                    && p.alice().calls().get(0).state() == CallState.CONNECTED);
            Thread.sleep(3000);
            carolFromAlice.hangup();
            return carolHeard;
        });
    }

    @Test
    void bobConnectsAliceToCarolAfterTalkingToHer() throws Exception {
        aliceTalkingToBob(p -> {
            p.bobFromAlice().hold();
            // bob asks carol first, then hands alice over to her in his place
            PhoneCall bobToCarol = p.bob().dial("carol", p.engine().tone(BOB_HZ), null);
            PhoneCall carolFromBob = p.carolEvents().incoming.poll(20, TimeUnit.SECONDS);
            assertNotNull(carolFromBob, "carol hears of bob's call");
            Path carolHeard = base.resolve("carol-heard-attended.wav");
            carolFromBob.answer(p.engine().tone(CAROL_HZ), p.engine().record(carolHeard));
            PhoneChecks.await("bob and carol talk", () -> bobToCarol.state() == CallState.CONNECTED);
            p.bobFromAlice().transfer(bobToCarol);
            PhoneChecks.await("bob's calls end", () -> p.bobFromAlice().state() == CallState.ENDED
                    && bobToCarol.state() == CallState.ENDED);
            PhoneChecks.await("alice talks with carol", () -> p.alice().calls().size() == 1
                    && p.alice().calls().get(0).state() == CallState.CONNECTED && p.carol().calls().size() == 1
                    && p.carol().calls().get(0).state() == CallState.CONNECTED);
            Thread.sleep(3000);
            p.carol().calls().get(0).hangup();
            return carolHeard;
        });
    }

    /** The three phones, alice talking to bob. */
    record Parties(ServerProcess server, PhoneEngineImpl engine, Phone alice, Phone bob, Phone carol,
            PhoneEngineIT.Events carolEvents, PhoneCall aliceToBob, PhoneCall bobFromAlice) {
    }

    /** A transfer: @return carol's recording, which must hold alice's tone once the call has ended */
    @FunctionalInterface
    interface Transfer {
        Path run(Parties parties) throws Exception;
    }

    private void aliceTalkingToBob(Transfer transfer) throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "bob", "bob-password-22", "carol",
                    "carol-password-3");
            PhoneEngineIT.Events bobEvents = new PhoneEngineIT.Events();
            PhoneEngineIT.Events carolEvents = new PhoneEngineIT.Events();
            try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), null);
                    Phone bob = engine.open(PhoneChecks.account(server, "bob", "bob-password-22"), bobEvents);
                    Phone carol = engine.open(PhoneChecks.account(server, "carol", "carol-password-3"),
                            carolEvents)) {
                PhoneChecks.await("all three register", () -> alice.registered() && bob.registered()
                        && carol.registered());
                PhoneCall aliceToBob = alice.dial("bob", engine.tone(ALICE_HZ), null);
                PhoneCall bobFromAlice = bobEvents.incoming.poll(20, TimeUnit.SECONDS);
                assertNotNull(bobFromAlice, "bob hears of alice's call");
                bobFromAlice.answer(engine.tone(CAROL_HZ), null);
                PhoneChecks.await("alice and bob talk", () -> aliceToBob.state() == CallState.CONNECTED);
                Path carolHeard = transfer.run(new Parties(server, engine, alice, bob, carol, carolEvents, aliceToBob,
                        bobFromAlice));
                PhoneChecks.await("the call ends at the switch", () -> PhoneChecks.noCalls(server, ADMIN));
                Thread.sleep(300);
                PhoneChecks.assertHears("carol", carolHeard, ALICE_HZ, CAROL_HZ);
            }
        }
    }
}
