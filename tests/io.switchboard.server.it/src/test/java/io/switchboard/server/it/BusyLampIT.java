package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Busy lamps: two phones (SIPp) subscribe to bob's dialog state (RFC 4235) while alice calls bob. Each
 * NOTIFY carries bob's whole state: idle, then the call ringing (early), answered (confirmed) and
 * ended (terminated), with alice as the other party. Carol unsubscribes and gets her last NOTIFY;
 * dave's subscription lives in the database and outlasts a restart of the switch: bob's next call
 * after it reaches dave's lamp too. A package nobody serves gets 489.
 */
class BusyLampIT {

    private static final String[] ADMIN = { "admin", "busy-lamp-it-secret" };
    private static final String PASSWORD = "lamp-password-1";
    private static final Pattern STATE = Pattern.compile("<state>([a-z]+)</state>");
    private static final Pattern VERSION = Pattern.compile("<dialog-info [^>]*version=\"(\\d+)\"");

    @TempDir
    Path base;

    @Test
    void lampsFollowBobsCallsAcrossARestart() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        // carol and dave share no group with bob: the admin lets them watch him and see whom he talks to
        Files.writeString(base.resolve("etc/io.switchboard.presence.cfg"), "allow = carol:bob, dave:bob\n"
                + "showParties = carol:bob, dave:bob\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int bobPort = ServerProcess.freePort();
        Sipp dave;
        ServerProcess first;
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            first = server;
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            for (String user : List.of("alice", "carol", "dave")) {
                assertEquals(201, server.put("/sip/users/" + user, "{\"password\":\"" + PASSWORD + "\"}", ADMIN)
                        .statusCode());
            }
            Sipp bob = CarrierToBob.provision(server, ADMIN, sipp, ServerProcess.freePort(), bobPort, "+15550100000", 1);
            Sipp carol = lamp(sipp, server, "sipp-subscribe-dialog.xml", "carol");
            dave = lamp(sipp, server, "sipp-subscribe-dialog-kept.xml", "dave");
            PhoneChecks.awaitFirstNotify(carol, dave);

            call(sipp, server);
            assertEquals(0, bob.await(30), bob.report());
            assertEquals(0, carol.await(30), carol.report() + server.output());
            String seen = carol.report();
            // bob's side of the call: shown from the moment his phone rings
            assertEquals(List.of("early", "confirmed", "terminated"), states(seen), seen);
            assertTrue(seen.contains("Content-Type: application/dialog-info+xml"), seen);
            assertTrue(seen.contains("entity=\"sip:bob@127.0.0.1\""), seen);
            assertTrue(seen.contains("direction=\"recipient\"") && seen.contains("<identity>sip:alice@"), seen);
            assertTrue(seen.matches("(?s).*Subscription-State: terminated.*"), "the last NOTIFY after Expires 0: " + seen);

            try (RawSip stranger = new RawSip()) {
                RawSip.Reply bad = stranger.ask(server.sipPort, "SUBSCRIBE sip:bob@127.0.0.1:" + server.sipPort
                        + " SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + stranger.port + ";branch=z9hG4bK-sub1\nFrom: "
                        + "<sip:carol@127.0.0.1>;tag=s1\nTo: <sip:bob@127.0.0.1>\nCall-ID: sub-foo\nCSeq: 1 SUBSCRIBE\n"
                        + "Contact: <sip:carol@127.0.0.1:" + stranger.port + ">\nEvent: foo\nMax-Forwards: 70", "sub-foo");
                assertEquals(489, bad.status(), bad.text());
                assertTrue(bad.text().matches("(?s).*Allow-Events: [^\\r\\n]*\\bdialog\\b.*"), bad.text());
            }
        }
        // the switch restarts: dave's subscription is in the database
        try (ServerProcess again = ServerProcess.restart(first, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            again.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            Sipp reg = Sipp.start(sipp, "sipp-register.xml", again.sipPort, bobPort, "u2", "-s", "bob", "-au", "bob",
                    "-ap", "bob-password-22", "-key", "expires", "3600", "-m", "1");
            assertEquals(0, reg.await(60), reg.report());
            Sipp bob = Sipp.start(sipp, "sipp-answer.xml", again.sipPort, bobPort, "u2", "-m", "1");
            Sipp.awaitListening(bobPort);
            call(sipp, again);
            assertEquals(0, bob.await(30), bob.report());
            assertEquals(0, dave.await(30), dave.report() + again.output());
            assertEquals(List.of("early", "confirmed", "terminated", "early", "confirmed", "terminated"),
                    states(dave.report()), dave.report());
        }
    }

    private static Sipp lamp(Path sipp, ServerProcess server, String scenario, String user) throws Exception {
        return Sipp.start(sipp, scenario, server.sipPort, ServerProcess.freePort(), "u1", "-s", "bob", "-au", user,
                "-ap", PASSWORD, "-key", "subscriber", user, "-m", "1");
    }

    private static void call(Path sipp, ServerProcess server) throws Exception {
        Sipp alice = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", "bob",
                "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "500", "-m", "1");
        assertEquals(0, alice.await(30), alice.report());
    }

    /**
     * @return the dialog states the NOTIFYs received carried, in order, once each NOTIFY is checked to carry a
     *         higher version than the one before (a phone drops a lower one, RFC 4235, and keeps a stale lamp)
     */
    static List<String> states(String trace) {
        List<String> out = new ArrayList<>();
        long last = -1;
        for (String message : trace.split("UDP message received")) {
            if (message.contains("NOTIFY sip:")) {
                Matcher v = VERSION.matcher(message);
                if (v.find()) {
                    long version = Long.parseLong(v.group(1));
                    assertTrue(version > last, "version " + version + " came after " + last + ": " + trace);
                    last = version;
                }
                Matcher m = STATE.matcher(message);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }
}
