package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Paging with real phones: alice (the phone engine, 440 Hz) dials page group 800; gina's baresip (1000 Hz),
 * hank's desk phone (SIPp, which checks that the INVITE tells it to answer on its own and offers one-way audio)
 * and ivan's phone of the phone engine (660 Hz) answer at once, judy has no phone and is passed by. Ivan hears
 * alice; alice hears the chime once a phone took the page, and nothing of gina's or ivan's. Her hang-up ends the
 * members' calls; her record names the group and who took the page. Group 801 is an intercom, both ways: alice
 * and gina's baresip hear each other (baresip 1.0 plays nothing of a one-way offer, so it is heard on the
 * intercom).
 */
class PagingIT {

    private static final String[] ADMIN = { "admin", "paging-it-secret" };
    private static final String PASSWORD = "paging-password-1";
    private static final int IVAN_HZ = 660;

    @TempDir
    Path base;

    @Test
    void aPageIsHeardOnEveryPhoneAndAnsweredOnItsOwn() throws Exception {
        ServerProcess.sipSettings(base, "algorithms", "MD5");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", PASSWORD, "gina", PASSWORD, "hank", PASSWORD, "ivan", PASSWORD,
                    "judy", PASSWORD);

            // groups are checked as they are set, and a change made against another version is refused
            HttpResponse<String> nobody = server.put("/paging/groups/800", "{\"members\":[\"gina\",\"nobody\"]}",
                    ADMIN);
            assertEquals(400, nobody.statusCode(), nobody.body());
            assertTrue(nobody.body().contains("members: nobody is no user"), nobody.body());
            assertEquals(400, server.put("/paging/groups/alice", "{\"members\":[\"gina\"]}", ADMIN).statusCode(),
                    "a user's name");
            HttpResponse<String> made = server.put("/paging/groups/800",
                    "{\"members\":[\"gina\",\"hank\",\"ivan\",\"judy\"],\"description\":\"Warehouse\"}", ADMIN,
                    Map.of("If-None-Match", "*"));
            assertEquals(201, made.statusCode(), made.body());
            assertEquals("\"1\"", made.headers().firstValue("ETag").orElse(null));
            HttpResponse<String> stale = server.put("/paging/groups/800", "{\"members\":[\"gina\"],\"version\":7}",
                    ADMIN);
            assertEquals(412, stale.statusCode(), stale.body());
            assertEquals(201, server.put("/paging/groups/801", "{\"members\":[\"gina\"],\"duplex\":true}", ADMIN)
                    .statusCode());
            assertEquals(2, server.getJson("/paging/groups", ADMIN).size());
            JsonNode path = server.getJson("/sip/simulate?caller=alice&number=800", ADMIN).path("path");
            assertTrue(path.path("step").asText().startsWith("page group 800 (one way) calls gina, hank, ivan, judy"),
                    "the simulator names the phones a page calls: " + path);

            int hankPort = PhoneChecks.sippPhone(server, sipp, "hank", PASSWORD);
            Sipp hank = Sipp.start(sipp, "sipp-answer-page.xml", server.sipPort, hankPort, "u1", "-m", "1");
            Sipp.awaitListening(hankPort);
            Path heard = base.resolve("alice-heard.wav");
            Path heardIntercom = base.resolve("alice-heard-intercom.wav");
            Path ivanHeard = base.resolve("ivan-heard.wav");
            try (Baresip gina = new Baresip(base.resolve("gina"), server.sipPort, "gina", PASSWORD,
                    Tones.write(base.resolve("gina.wav"), 1000, 60));
                    PhoneEngineImpl engine = new PhoneEngineImpl();
                    Phone alice = engine.open(PhoneChecks.account(server, "alice", PASSWORD), new PhoneListener() {
                    });
                    Phone ivan = engine.open(PhoneChecks.account(server, "ivan", PASSWORD), new PhoneListener() {
                        @Override
                        public void incoming(PhoneCall call) {
                            call.answer(engine.tone(IVAN_HZ), engine.record(ivanHeard));
                        }
                    })) {
                PhoneChecks.await("gina registered", () -> PhoneChecks.registered(server, "gina", ADMIN), gina::output);
                PhoneChecks.await("alice and ivan registered", () -> alice.registered() && ivan.registered());

                PhoneCall page = alice.dial("800", engine.tone(440), engine.record(heard));
                PhoneChecks.await("gina, hank and ivan took the page", () -> answeredBy(server, "gina", "hank", "ivan"),
                        () -> server.getJson("/sip/calls", ADMIN) + "\n" + hank.report() + server.output());
                PhoneChecks.await("three seconds of alice's page sent", () -> page.stats().packetsSent() > 150);
                page.hangup();
                PhoneChecks.await("the page ended on every phone", () -> PhoneChecks.noCalls(server, ADMIN),
                        () -> server.getJson("/sip/calls", ADMIN) + server.output());
                assertEquals(0, hank.await(30), "hank's phone was told to answer, heard one way and got the BYE\n"
                        + hank.report());

                PhoneCall intercom = alice.dial("801", engine.tone(440), engine.record(heardIntercom));
                PhoneChecks.await("gina took the intercom", () -> answeredBy(server, "gina"),
                        () -> server.getJson("/sip/calls", ADMIN) + server.output());
                PhoneChecks.await("three seconds of the intercom", () -> intercom.stats().packetsReceived() > 150);
                intercom.hangup();
                PhoneChecks.await("the intercom ended", () -> PhoneChecks.noCalls(server, ADMIN));
                PhoneChecks.assertHears("gina (intercom)", gina.lastHeard(), 440, 1000);
            }
            PhoneChecks.assertHears("ivan", ivanHeard, 440, IVAN_HZ);
            double chime = Tones.power(heard, 784);
            assertTrue(chime > 1e9, "alice heard the chime once a phone took the page: " + chime);
            for (int hz : new int[] { 1000, IVAN_HZ }) {
                assertTrue(Tones.power(heard, hz) * 100 < chime, "a page is one way: alice heard nothing of the "
                        + "members', " + Tones.power(heard, hz) + " at " + hz + " Hz against the chime's " + chime);
            }
            PhoneChecks.assertHears("alice (intercom)", heardIntercom, 1000, 440);

            JsonNode record = PhoneChecks.latest(server, ADMIN, "caller:alice AND callee:800", 1);
            assertEquals("800", record.path("tags").path("page").asText(), record.toString());
            assertEquals("gina,hank,ivan", record.path("tags").path("paged").asText(), "judy has no phone: " + record);
        }
    }

    /** @return whether each user is in an answered call (the page's call to their phone) */
    private static boolean answeredBy(ServerProcess server, String... users) {
        try {
            JsonNode calls = server.getJson("/sip/calls", ADMIN);
            for (String user : users) {
                boolean found = false;
                for (JsonNode c : calls) {
                    found |= c.path("state").asText().equals("answered") && user.equals(c.path("callee").asText());
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
