package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Password guessing and floods against the running switch: one address guesses
 * alice's password with 10,000 REGISTERs a second for 30 s. It is locked out within its first ten
 * failures and then costs the switch little CPU, while alice's own phone on another address keeps
 * registering and calling throughout. Guessing spread over many addresses locks the user out, but
 * not its phones. Lockouts are listed, logged and lifted through the API.
 */
class SipLockoutIT {

    private static final System.Logger LOG = System.getLogger(SipLockoutIT.class.getName());
    private static final String[] ADMIN = { "admin", "sip-lockout-it-secret" };
    private static final String ALICE = "alice-password-1";
    private static final String BOB = "bob-password-22";
    private static final int FLOOD_RATE = 10_000;
    private static final int FLOOD_SECONDS = 30;

    @TempDir
    Path base;

    @Test
    void aGuessingFloodIsLockedOutWhileAlicesPhoneKeepsWorking() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        // loopback is trusted by default; here only 127.0.0.1 (the test's API calls and setup) is
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\ntrustedNetworks = 127.0.0.1\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                RawSip alicePhone = new RawSip(2000, new InetSocketAddress("127.0.0.2", 0));
                RawSip attacker = new RawSip(2000, new InetSocketAddress("127.0.0.66", 0))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"" + ALICE + "\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"" + BOB + "\"}", ADMIN).statusCode());
            assertEquals("[\"127.0.0.1\"]", server.getJson("/sip/lockouts", ADMIN).path("trustedNetworks").toString());
            int bobPort = ServerProcess.freePort();
            Sipp bobRegisters = Sipp.startFrom("127.0.0.3", sipp, "sipp-register.xml", server.sipPort, bobPort, "u1",
                    "-s", "bob", "-au", "bob", "-ap", BOB, "-key", "expires", "3600", "-m", "1");
            assertEquals(0, bobRegisters.await(60), bobRegisters.report());
            assertEquals(200, alicePhone.register(server.sipPort, "alice", ALICE), "alice's phone before the attack");

            String nonce = attacker.nonce(server.sipPort);
            double cpuBefore = server.cpuSeconds();
            try (UdpFlood flood = new UdpFlood("127.0.0.66", server.sipPort, "alice", nonce, FLOOD_RATE)) {
                JsonNode source = server.awaitLockout("source", "127.0.0.66", ADMIN);
                // the flood's datagrams already read when the lockout began still count, and renew it
                assertTrue(source.path("reason").asText().matches("[1-9][0-9]+ authentication failures in 60 s, last "
                        + "as 'alice'.*"), source.toString());
                JsonNode user = server.awaitLockout("user", "alice", ADMIN);
                assertTrue(user.path("reason").asText().contains("its own phones' addresses still pass"), user.toString());

                // alice's phone registers every second and calls bob three times while the flood goes on
                AtomicInteger registered = new AtomicInteger();
                List<Integer> refusals = new ArrayList<>();
                Thread phone = new Thread(() -> {
                    try {
                        for (int i = 0; i < 12; i++) {
                            int status = alicePhone.register(server.sipPort, "alice", ALICE);
                            if (status == 200) {
                                registered.incrementAndGet();
                            } else {
                                synchronized (refusals) {
                                    refusals.add(status);
                                }
                            }
                            Thread.sleep(1000);
                        }
                    } catch (Exception e) {
                        synchronized (refusals) {
                            refusals.add(-1);
                        }
                    }
                });
                phone.start();
                Thread.sleep(2000); // the lockout is in force: from here on the switch only drops the flood
                double cpuLocked = server.cpuSeconds();
                long droppedLocked = dropped(server);
                long sentLocked = flood.sent();
                long t0 = System.nanoTime();
                for (int call = 0; call < 3; call++) {
                    call(server, sipp, bobPort);
                }
                phone.join(30_000);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cores = (server.cpuSeconds() - cpuLocked) / seconds;
                double droppedPerSecond = (dropped(server) - droppedLocked) / seconds;
                double sentPerSecond = (flood.sent() - sentLocked) / seconds;
                LOG.log(System.Logger.Level.INFO, String.format("SipLockoutIT: flood %.0f REGISTERs/s sent, %.0f/s "
                        + "dropped unread, switch CPU %.2f cores while locked out (%.1f s; %.1f s CPU from start to the "
                        + "flood)", sentPerSecond, droppedPerSecond, cores, seconds, cpuLocked - cpuBefore));
                assertEquals(List.of(), refusals, "every REGISTER of alice's phone passed during the flood");
                assertEquals(12, registered.get());
                assertTrue(sentPerSecond > FLOOD_RATE * 0.9, "the flood was sent: " + sentPerSecond + "/s");
                assertTrue(droppedPerSecond > sentPerSecond * 0.9, "and dropped unread: " + droppedPerSecond + "/s");
                assertTrue(cores < 0.5, "a locked-out flood costs less than half a core: " + cores);
                while (flood.sent() < (long) FLOOD_RATE * FLOOD_SECONDS) {
                    Thread.sleep(200); // the rest of its 30 s
                }
            }

            // a new address with alice's right password is refused while alice is locked out
            try (RawSip laptop = new RawSip(2000, new InetSocketAddress("127.0.0.4", 0))) {
                assertEquals(403, laptop.register(server.sipPort, "alice", ALICE), "a new address for a locked-out user");
                assertEquals(200, server.delete("/sip/lockouts/user/alice", ADMIN).statusCode());
                assertEquals(200, laptop.register(server.sipPort, "alice", ALICE), "lifted: the laptop registers");
            }

            // the guesser's address gets no answer at all, until an admin lifts its lockout
            assertNull(attacker.ask(server.sipPort, "OPTIONS sip:127.0.0.1:" + server.sipPort + " SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.66:" + attacker.port + ";branch=z9hG4bK-probe\n"
                    + "From: <sip:probe@127.0.0.66>;tag=p1\nTo: <sip:127.0.0.1>\nCall-ID: probe-1\n"
                    + "CSeq: 1 OPTIONS\nMax-Forwards: 70", "probe-1"));
            assertEquals(200, server.delete("/sip/lockouts/source/127.0.0.66", ADMIN).statusCode());
            assertEquals(404, server.delete("/sip/lockouts/source/127.0.0.66", ADMIN).statusCode());
            assertNotNull(attacker.nonce(server.sipPort), "challenged again once lifted");
            String log = server.output();
            assertTrue(log.contains("SIP lockout of source 127.0.0.66 until "), log);
            assertTrue(log.contains("SIP lockout of source 127.0.0.66 ended (lifted by an admin)"), log);
            assertTrue(log.contains("SIP lockout of user alice ended (lifted by an admin)"), log);
        }
    }

    private static long dropped(ServerProcess server) throws Exception {
        return server.getJson("/sip/lockouts", ADMIN).path("droppedFromLockedOut").asLong();
    }

    /** alice's phone at 127.0.0.2 calls bob at 127.0.0.3, who answers; the call lasts half a second. */
    private static void call(ServerProcess server, Path dir, int bobPort) throws Exception {
        Sipp b = Sipp.startFrom("127.0.0.3", dir, "sipp-answer.xml", server.sipPort, bobPort, "u1", "-m", "1");
        Thread.sleep(300); // let it bind its port
        Sipp a = Sipp.startFrom("127.0.0.2", dir, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1",
                "-s", "bob", "-au", "alice", "-ap", ALICE, "-key", "caller", "alice", "-d", "500", "-m", "1");
        int aExit = a.await(60);
        int bExit = b.await(30);
        if (aExit != 0 || bExit != 0) {
            fail("caller exit " + aExit + ", callee exit " + bExit + "\n" + a.report() + b.report() + server.output());
        }
    }
}
