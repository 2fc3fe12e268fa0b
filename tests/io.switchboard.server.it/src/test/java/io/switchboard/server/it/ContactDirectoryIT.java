package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Tones;

/**
 * A contact directory plugin on the running server: the sample address book (samples/, built on
 * directory.api only) is dropped into the plugins folder with a CSV and a vCard export; a carrier's
 * call from a number in it rings bob's baresip showing the contact's name, and its record has the
 * name and company. Then the address book hangs (its file is a FIFO that nobody writes): a call from
 * another number rings at once without a name, and the directories' status counts the late answer.
 */
class ContactDirectoryIT {

    private static final String[] ADMIN = { "admin", "directory-it-secret-1" };
    private static final String PASSWORD = "bob-password-22";
    private static final String NUMBER = "+15550100000";

    @TempDir
    Path base;

    @Test
    void callersAreNamedFromTheDirectoryAndAHungDirectoryDelaysNoCall() throws Exception {
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            int carrierPort = ServerProcess.freePort();
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"" + PASSWORD + "\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false,\"maxChannels\":0}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/numbers/" + NUMBER.replace("+", "%2B"), "{\"destination\":\"bob\"}",
                    ADMIN).statusCode());

            Path csv = Files.writeString(base.resolve("crm.csv"), "number,name,company,link\n"
                    + "+1 212 555 0100,Ada Lovelace,Analytical Engines Ltd,https://crm.example.com/contacts/17\n"
                    + "+1212555,,,\n");
            Path vcf = Files.writeString(base.resolve("phone.vcf"), "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\n"
                    + "TEL:+12125550200\nEND:VCARD\n");
            Files.writeString(base.resolve("etc/com.acme.switchboard.directory.cfg"), "files = " + csv + "," + vcf + "\n");
            server.deploySample("io.switchboard.sample.directory");
            awaitDirectory(server);
            // the first lookup reads the files: on a loaded machine that outlasts what a call waits (answerMillis),
            // and the late answer fills the cache for the next lookup, as it would for the next call
            Eventually.within(Duration.ofSeconds(20), () -> "Ada Lovelace".equals(
                    server.getJson("/directory/lookup?number=%2B12125550100", ADMIN).path("name").asText()));
            JsonNode ada = server.getJson("/directory/lookup?number=%2B12125550100", ADMIN);
            assertEquals("Ada Lovelace", ada.path("name").asText(), ada + "\n" + server.output());
            assertEquals("Analytical Engines Ltd", ada.path("company").asText());
            assertTrue(server.output().contains("crm.csv line 3: has no name"), "a bad line is named");
            assertEquals("Grace Hopper", server.getJson("/directory/lookup?number=%2B12125550200", ADMIN)
                    .path("name").asText(), "from the vCard");

            // bob answers by hand, so that baresip shows who calls as a phone's display does
            try (Baresip bob = new Baresip(base.resolve("bob"), "<sip:bob@127.0.0.1:" + server.sipPort + ">;auth_pass="
                    + PASSWORD + ";answermode=manual", Tones.write(base.resolve("bob.wav"), 1000, 30), List.of())) {
                PhoneChecks.await("bob registered", () -> PhoneChecks.registered(server, "bob", ADMIN), bob::output);
                call(sipp, server, carrierPort, "+12125550100", bob, "Incoming call from: Ada Lovelace sip:+12125550100@");
                JsonNode record = PhoneChecks.record(server, ADMIN, "caller:\"+12125550100\"");
                assertEquals("Ada Lovelace", record.path("callerName").asText(), record.toString());
                assertEquals("Analytical Engines Ltd", record.path("tags").path("callerCompany").asText(),
                        record.toString());
                assertEquals("https://crm.example.com/contacts/17", record.path("tags").path("callerLink").asText());

                // the address book hangs: its file is a FIFO nobody writes, so reading it blocks for ever
                Path fifo = base.resolve("hung.csv");
                assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
                Files.writeString(base.resolve("etc/com.acme.switchboard.directory.cfg"), "files = " + fifo + "\n");
                Thread.sleep(2_500); // the settings file is read again within a second or two
                Instant before = Instant.now();
                call(sipp, server, carrierPort, "+12125550300", bob,
                        "Incoming call from: Caller +12125550300 sip:+12125550300@");
                JsonNode unnamed = PhoneChecks.record(server, ADMIN, "caller:\"+12125550300\"");
                assertEquals("ANSWERED", unnamed.path("disposition").asText(), unnamed.toString());
                assertEquals("Caller +12125550300", unnamed.path("callerName").asText(), "the carrier's name stays");
                Duration toRing = Duration.between(Instant.parse(unnamed.path("start").asText()),
                        Instant.parse(unnamed.path("ring").asText()));
                assertTrue(toRing.toMillis() < 2_000, "rang " + toRing.toMillis() + " ms after the INVITE, though "
                        + "the directory never answered");
                assertTrue(Duration.between(before, Instant.now()).toSeconds() < 30);
                JsonNode status = server.getJson("/directory/status", ADMIN);
                assertTrue(status.path("answeredLate").asInt() >= 1, status.toString());
                try (OutputStream unblock = Files.newOutputStream(fifo)) {
                    unblock.write("number,name\n".getBytes()); // lets the stuck reader finish
                }
            }
            assertFalse(server.output().contains("Exception in"), server.output());
        }
    }

    /** The carrier calls; bob's phone answers once it shows {@code shown}. */
    private static void call(Path sipp, ServerProcess server, int carrierPort, String from, Baresip bob, String shown)
            throws Exception {
        Sipp carrier = Sipp.start(sipp, "sipp-trunk-call.xml", server.sipPort, carrierPort, "u1", "-s", NUMBER,
                "-key", "caller", from, "-d", "1000", "-m", "1");
        PhoneChecks.await("bob's phone shows " + shown, () -> output(bob).contains(shown), () -> output(bob));
        bob.command("accept", "");
        assertEquals(0, carrier.await(40), carrier.report() + server.output());
        PhoneChecks.await("the call ended", () -> PhoneChecks.noCalls(server, ADMIN));
    }

    private static void awaitDirectory(ServerProcess server) throws Exception {
        for (int i = 0; i < 150; i++) {
            if (server.getJson("/directory/status", ADMIN).path("directories").size() == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the address book did not start:\n" + server.output());
    }

    private static String output(Baresip phone) {
        try {
            return phone.output();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
