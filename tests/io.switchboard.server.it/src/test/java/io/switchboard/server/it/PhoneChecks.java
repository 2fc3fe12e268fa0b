package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assertions;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.Transport;
import io.switchboard.testing.Tones;

/** What the phone tests wait for and check: registrations and calls at the switch, tones in recordings. */
final class PhoneChecks {

    private PhoneChecks() {
    }

    /** @return an account of the engine over UDP on the server's SIP port, registering for 5 minutes */
    static PhoneAccount account(ServerProcess server, String user, String password) {
        return account(server, user, password, Transport.UDP);
    }

    /** @return an account of the engine on the server's SIP port, registering for 5 minutes */
    static PhoneAccount account(ServerProcess server, String user, String password,
            Transport transport) {
        return new PhoneAccount(user, "127.0.0.1", password, "127.0.0.1", server.sipPort,
                transport, null, 300);
    }

    /** Makes SIP users through the API. @param userAndPassword user, password, user, password ... */
    static void users(ServerProcess server, String[] admin, String... userAndPassword) throws Exception {
        for (int i = 0; i < userAndPassword.length; i += 2) {
            var answer = server.put("/sip/users/" + userAndPassword[i], "{\"password\":\"" + userAndPassword[i + 1]
                    + "\"}", admin);
            if (answer.statusCode() != 201) {
                throw new AssertionError("user " + userAndPassword[i] + " not made: " + answer.body());
            }
        }
    }

    /** Registers a user's SIPp phone for an hour. @return the phone's SIP port, where its scenarios listen */
    static int sippPhone(ServerProcess server, Path sipp, String user, String password) throws Exception {
        int port = ServerProcess.freePort();
        Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, port, "u1", "-s", user, "-au", user, "-ap",
                password, "-key", "expires", "3600", "-m", "1");
        Assertions.assertEquals(0, reg.await(60), reg.report());
        return port;
    }

    /** @return the one call record the query finds, once it is searchable */
    static JsonNode record(ServerProcess server, String[] admin, String query)
            throws Exception {
        String q = "/cdr/records?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        await("the record of " + query, () -> {
            try {
                return server.getJson(q, admin).path("total").asLong() == 1;
            } catch (Exception e) {
                return false;
            }
        }, server::output);
        return server.getJson(q, admin).path("records").get(0);
    }

    /**
     * @return the page of the call records the query finds (up to 50, oldest first), once it finds
     *         {@code count}: a record is searchable within a second of its call's end, not at once
     */
    static JsonNode records(ServerProcess server, String[] admin, String query,
            int count) throws Exception {
        String q = "/cdr/records?limit=50&sort=start&order=asc&q=" + URLEncoder.encode(query,
                StandardCharsets.UTF_8);
        await(count + " record(s) of " + query, () -> {
            try {
                return server.getJson(q, admin).path("total").asLong() == count;
            } catch (Exception e) {
                return false;
            }
        }, server::output);
        return server.getJson(q, admin);
    }

    /** @return the latest of the call records the query finds, once it finds {@code count} */
    static JsonNode latest(ServerProcess server, String[] admin, String query, int count)
            throws Exception {
        JsonNode latest = null;
        for (JsonNode r : records(server, admin, query, count).path("records")) {
            if (latest == null || Instant.parse(r.path("start").asText()).isAfter(
                    Instant.parse(latest.path("start").asText()))) {
                latest = r;
            }
        }
        return latest;
    }

    static boolean registered(ServerProcess server, String user, String[] admin) {
        try {
            return server.getJson("/sip/registrations?user=" + user, admin).size() > 0;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean noCalls(ServerProcess server, String[] admin) {
        try {
            return server.getJson("/sip/calls", admin).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** Waits until this many subscriptions have had their first NOTIFY (a subscription holds its next version). */
    /**
     * Waits until each lamp's phone has its subscription's first NOTIFY in hand, so that what happens next is
     * a change it is told of (the server counting a NOTIFY as sent is not the phone having it).
     */
    static void awaitFirstNotify(Sipp... lamps) throws InterruptedException {
        for (Sipp lamp : lamps) {
            await("the lamp's first NOTIFY", () -> {
                try {
                    return lamp.messages().contains("NOTIFY sip:");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    /** As {@link #await(String, BooleanSupplier)}, with what to show when it times out (a phone's output). */
    static void await(String what, BooleanSupplier condition, Callable<String> log)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String shown;
                try {
                    shown = log.call();
                } catch (Exception e) {
                    shown = e.toString();
                }
                throw new AssertionError("Timed out: " + what + "\n" + shown);
            }
            Thread.sleep(100);
        }
    }

    /**
     * The recording holds the other end's tone, far above its own and above any of the frequencies
     * that must not be there.
     */
    static void assertHears(String who, Path recording, int otherHz, int ownHz, int... absentHz) throws Exception {
        assertNotNull(recording, who + " recorded nothing");
        double other = Tones.power(recording, otherHz);
        double own = Tones.power(recording, ownHz);
        assertTrue(other > 1e9 && other > 100 * own, who + " hears the other end's " + otherHz + " Hz in " + recording
                + ": " + other + " against " + own + " at its own " + ownHz + " Hz");
        for (int hz : absentHz) {
            double absent = Tones.power(recording, hz);
            assertTrue(other > 100 * absent, who + " hears " + otherHz + " Hz, not " + hz + " Hz, in " + recording
                    + ": " + other + " against " + absent);
        }
    }

    /** @return whether a second of the recording holds the hold music's G (392 Hz), far above what lies beside it */
    static boolean musicHeard(Path recording) throws Exception {
        double[] g = Tones.blockPowers(recording, 392, 1000);
        double[] beside = Tones.blockPowers(recording, 370, 1000);
        for (int i = 0; i < g.length; i++) {
            if (g[i] > 1e6 && g[i] > 20 * beside[i]) {
                return true;
            }
        }
        return false;
    }
}
