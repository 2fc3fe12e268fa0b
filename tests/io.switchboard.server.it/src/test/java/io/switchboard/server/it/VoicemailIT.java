package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * Voicemail with real peers: alice's baresip calls bob, whose phone (SIPp) rings until the switch's
 * ring timeout; the call goes on to bob's mailbox, alice hears the greeting and the beep and her
 * phone plays its 440 Hz tone into the message. The mail server in the test (GreenMail) gets the
 * message, whose WAV attachment holds the tone; bob's message-waiting lamp (SIPp, RFC 3842) lights
 * with the message; bob hears it from his phone (the phone engine), records his greeting with key 0,
 * keeps the message with RFC 4733 key 9 and
 * the lamp goes dark (before that carol reaches the mailbox from her phone with *98, its number and
 * its PIN, one wrong try first, and hears the message); it is deleted through the API; the call leaves one record,
 * answered by voicemail, saying why it went there.
 */
class VoicemailIT {

    private static final String[] ADMIN = { "admin", "voicemail-it-secret" };

    @TempDir
    Path base;

    @Test
    void aMissedCallLeavesAMessageThatIsMailedAndLightsTheLamp() throws Exception {
        int smtpPort = ServerProcess.freePort();
        // the CRM's webhook endpoint: told of each message left
        List<String> hooks = new CopyOnWriteArrayList<>();
        HttpServer crm = HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/hooks", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        crm.start();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Path etc = Files.createDirectories(base.resolve("etc"));
            Files.writeString(etc.resolve("io.switchboard.voicemail.cfg"), "smtpHost = 127.0.0.1\nsmtpPort = " + smtpPort
                    + "\nsecurity = none\nfrom = voicemail@example.net\nminSeconds = 1\n");
            Files.writeString(etc.resolve("io.switchboard.webhook.cfg"), "allowPrivateTargets = true\nallowHttp = true\n");
            ServerProcess.sipSettings(base, "ringTimeout", "3");
            try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
                server.awaitSip(ADMIN);
                PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "bob", "bob-password-22", "carol",
                        "carol-password-3");
                assertEquals(201, server.put("/sip/numbers/%2B15550100000", "{\"destination\":\"bob\"}", ADMIN)
                        .statusCode());
                assertEquals(200, server.put("/voicemail/mailboxes/bob", "{\"enabled\":true,\"email\":\"bob@example.net\"}", ADMIN)
                        .statusCode());
                assertEquals(201, server.put("/webhooks/subscriptions/crm", "{\"url\":\"http://127.0.0.1:"
                        + crm.getAddress().getPort() + "/hooks\",\"events\":[\"voicemail.left\"]}", ADMIN).statusCode());
                Path sipp = Files.createDirectories(base.resolve("sipp"));
                int bobPort = ServerProcess.freePort();
                Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, bobPort, "u1", "-s", "bob", "-au",
                        "bob", "-ap", "bob-password-22", "-key", "expires", "3600", "-m", "1");
                assertEquals(0, reg.await(60), reg.report());
                Sipp ringing = Sipp.start(sipp, "sipp-ring.xml", server.sipPort, bobPort, "u1", "-m", "1");
                Sipp lamp = Sipp.start(sipp, "sipp-subscribe-mwi.xml", server.sipPort, ServerProcess.freePort(), "u1",
                        "-s", "bob", "-au", "bob", "-ap", "bob-password-22", "-key", "subscriber", "bob", "-m", "1");
                Thread.sleep(1000);

                try (Baresip alice = new Baresip(base.resolve("alice"), server.sipPort, "alice", "alice-password-1",
                        Tones.write(base.resolve("alice.wav"), 440, 30))) {
                    PhoneChecks.await("alice registered", () -> PhoneChecks.registered(server, "alice", ADMIN),
                            alice::output);
                    alice.command("dial", "sip:bob@127.0.0.1:" + server.sipPort);
                    PhoneChecks.await("voicemail answers", () -> answered(server), () -> server.output()
                            + alice.output());
                    Thread.sleep(11_000); // the greeting (6.3 s) and the beep, then 4 s of her tone
                    alice.command("hangup", "");
                }
                assertEquals(0, ringing.await(30), "bob's phone was cancelled at the ring timeout\n" + ringing.report());
                PhoneChecks.await("the message kept", () -> messages(server).size() == 1, server::output);
                JsonNode message = messages(server).get(0);
                assertEquals("alice", message.path("caller").asText(), message.toString());
                assertTrue(message.path("seconds").asInt() >= 3 && message.path("seconds").asInt() <= 6,
                        "the tone after the beep, its silent end trimmed: " + message);
                PhoneChecks.await("the CRM told", () -> !hooks.isEmpty(),
                        () -> server.get("/webhooks/deliveries", ADMIN).body() + "\n" + server.output());
                JsonNode left = ServerProcess.JSON.readTree(hooks.get(0));
                assertEquals("voicemail.left", left.path("event").asText(), hooks.get(0));
                assertEquals("bob", left.path("data").path("mailbox").asText(), hooks.get(0));
                assertEquals("alice", left.path("data").path("caller").asText(), hooks.get(0));
                assertEquals(message.path("id").asLong(), left.path("data").path("messageId").asLong(), hooks.get(0));
                assertEquals(message.path("seconds").asInt(), left.path("data").path("seconds").asInt(), hooks.get(0));
                assertFalse(left.path("data").path("callId").asText().isEmpty(), hooks.get(0));

                PhoneChecks.await("the mail", () -> smtp.getReceivedMessages().length == 1
                        && "sent".equals(mailState(server, message.path("id").asLong())),
                        () -> mailState(server, message.path("id").asLong()) + "\n" + server.output());
                MimeMessage mail = smtp.getReceivedMessages()[0];
                assertEquals("bob@example.net", mail.getAllRecipients()[0].toString());
                assertTrue(mail.getSubject().startsWith("Voice message from alice ("), mail.getSubject());
                Multipart parts = (Multipart) mail.getContent();
                assertTrue(((String) parts.getBodyPart(0).getContent()).contains("From:   alice"));
                Part wav = parts.getBodyPart(1);
                assertTrue(wav.getContentType().startsWith("audio/wav"), wav.getContentType());
                Path attached = base.resolve("attached.wav");
                Files.write(attached, wav.getInputStream().readAllBytes());
                assertTrue(Tones.power(attached, 440) > 1e9 && Tones.power(attached, 440) > 100 * Tones.power(attached,
                        1000), "alice's tone in the attachment, not the beep");
                var audio = server.getBytes("/voicemail/messages/" + message.path("id").asLong() + "/audio", null, ADMIN);
                assertEquals(200, audio.statusCode());
                assertEquals(Files.size(attached), audio.body().length, "the API serves the same WAV");

                // carol reaches bob's mailbox from her phone with its number and PIN, the first PIN wrong
                assertEquals(200, server.put("/voicemail/mailboxes/bob", "{\"pin\":\"4711\"}", ADMIN).statusCode());
                JsonNode box = server.getJson("/voicemail/mailboxes/bob", ADMIN);
                assertTrue(box.path("pinSet").asBoolean() && box.path("email").asText().equals("bob@example.net"),
                        "the PIN set, the address kept: " + box);
                assertEquals(400, server.put("/voicemail/mailboxes/bob", "{\"pin\":\"12\"}", ADMIN).statusCode());
                Path carolHeard = base.resolve("carol-heard.wav");
                try (PhoneEngineImpl engine = new PhoneEngineImpl();
                        Phone carol = engine.open(PhoneChecks.account(server, "carol", "carol-password-3"),
                                new PhoneListener() {
                                })) {
                    PhoneChecks.await("carol's phone registered", carol::registered);
                    PhoneCall login = carol.dial("*98", engine.tone(1000), engine.record(carolHeard));
                    PhoneChecks.await("the login answers", () -> login.state() == CallState.CONNECTED);
                    login.sendDtmf("15550100000#0000#");
                    Thread.sleep(5_000);
                    login.sendDtmf("15550100000#4711#");
                    Thread.sleep(13_000); // the menu (7.8 s), then the message
                    assertEquals(CallState.CONNECTED, login.state(), "still in the mailbox after one wrong PIN");
                    login.hangup();
                }
                assertTrue(Tones.power(carolHeard, 440) > 1e9, "carol heard alice's message");
                assertTrue(!messages(server).get(0).path("heard").asBoolean(), "still new: carol hung up within it");

                // bob hears it from his phone (the phone engine) and keeps it with 9: the lamp goes dark
                Path bobHeard = base.resolve("bob-heard.wav");
                try (PhoneEngineImpl engine = new PhoneEngineImpl();
                        Phone bob = engine.open(PhoneChecks.account(server, "bob", "bob-password-22"),
                                new PhoneListener() {
                                })) {
                    PhoneChecks.await("bob's phone registered", bob::registered);
                    PhoneCall listening = bob.dial("voicemail", engine.tone(1000), engine.record(bobHeard));
                    PhoneChecks.await("voicemail answers bob", () -> listening.state() == CallState.CONNECTED);
                    listening.sendDtmf("0"); // his greeting: the prompt (3.4 s), the beep, 3 s of his 1000 Hz tone
                    Thread.sleep(7_000);
                    listening.sendDtmf("#");
                    Thread.sleep(4_000); // "saved" (1.7 s), then the message
                    listening.sendDtmf("9");
                    PhoneChecks.await("the goodbye ends the call", () -> listening.state() == CallState.ENDED,
                            server::output);
                }
                assertTrue(Tones.power(bobHeard, 440) > 1e9, "bob heard alice's message");
                Path greeting = base.resolve("data/voicemail/bob/greeting-unavailable.wav");
                PhoneChecks.await("bob's greeting kept", () -> Files.isRegularFile(greeting));
                assertTrue(Tones.power(greeting, 1000) > 1e9 && Tones.power(greeting, 1000) > 100 * Tones.power(
                        greeting, 440), "his greeting is what his phone said");
                PhoneChecks.await("kept as heard", () -> messages(server).get(0).path("heard").asBoolean());

                assertEquals(204, server.delete("/voicemail/messages/" + message.path("id").asLong(), ADMIN)
                        .statusCode());
                assertEquals(404, server.get("/voicemail/messages/" + message.path("id").asLong(), ADMIN).statusCode());
                assertEquals(0, lamp.await(30), lamp.report());
                assertEquals(List.of("no", "yes", "no", "no", "no"), waiting(lamp.report()), "lit only while a new "
                        + "message waits: " + lamp.report());

                // bob records his busy greeting with 2, then changes his PIN with 8; carol's login takes the new one
                try (PhoneEngineImpl engine = new PhoneEngineImpl();
                        Phone bob = engine.open(PhoneChecks.account(server, "bob", "bob-password-22"),
                                new PhoneListener() {
                                })) {
                    PhoneChecks.await("bob's phone registered", bob::registered);
                    PhoneCall busy = bob.dial("voicemail", engine.tone(1000), null);
                    PhoneChecks.await("voicemail answers bob", () -> busy.state() == CallState.CONNECTED);
                    busy.sendDtmf("2"); // the prompt (4.7 s), the beep, then 3 s of his tone
                    Thread.sleep(8_500);
                    busy.sendDtmf("#");
                    PhoneChecks.await("no new message: goodbye", () -> busy.state() == CallState.ENDED, server::output);
                    PhoneCall pin = bob.dial("voicemail", engine.tone(1000), null);
                    PhoneChecks.await("voicemail answers bob", () -> pin.state() == CallState.CONNECTED);
                    pin.sendDtmf("8");
                    Thread.sleep(1_000);
                    pin.sendDtmf("2468#");
                    PhoneChecks.await("PIN changed, goodbye", () -> pin.state() == CallState.ENDED, server::output);
                }
                Path busyGreeting = base.resolve("data/voicemail/bob/greeting-busy.wav");
                PhoneChecks.await("bob's busy greeting kept", () -> Files.isRegularFile(busyGreeting));
                assertTrue(Tones.power(busyGreeting, 1000) > 1e9, "his busy greeting is what his phone said");
                try (PhoneEngineImpl engine = new PhoneEngineImpl();
                        Phone carol = engine.open(PhoneChecks.account(server, "carol", "carol-password-3"),
                                new PhoneListener() {
                                })) {
                    PhoneChecks.await("carol's phone registered", carol::registered);
                    PhoneCall login = carol.dial("*98", engine.tone(1000), null);
                    PhoneChecks.await("the login answers", () -> login.state() == CallState.CONNECTED);
                    login.sendDtmf("15550100000#2468#");
                    // the right PIN: "no messages" and goodbye; a wrong one would ask again and keep the call
                    PhoneChecks.await("in with the new PIN, nothing new: the call ends", () -> login.state()
                            == CallState.ENDED, server::output);
                }

                String q = "/cdr/records?q=" + URLEncoder.encode("callee:bob", StandardCharsets.UTF_8);
                PhoneChecks.await("the record", () -> total(server, q) == 1);
                JsonNode record = server.getJson(q, ADMIN).path("records").get(0);
                assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
                assertEquals("target:voicemail", record.path("tags").path("target").asText(), record.toString());
                assertTrue(record.path("tags").path("voicemail").asText().startsWith("480"), record.toString());
            }
        } finally {
            crm.stop(0);
            smtp.stop();
        }
    }

    private static boolean answered(ServerProcess server) {
        try {
            JsonNode calls = server.getJson("/sip/calls", ADMIN);
            return calls.size() == 1 && calls.get(0).path("state").asText().equals("answered");
        } catch (Exception e) {
            return false;
        }
    }

    private static JsonNode messages(ServerProcess server) {
        try {
            return server.getJson("/voicemail/mailboxes/bob/messages", ADMIN);
        } catch (Exception e) {
            return ServerProcess.JSON.createArrayNode();
        }
    }

    private static String mailState(ServerProcess server, long id) {
        try {
            return server.getJson("/voicemail/messages/" + id, ADMIN).path("mail").asText();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static int total(ServerProcess server, String query) {
        try {
            return server.getJson(query, ADMIN).path("total").asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    /** @return the Messages-Waiting values of the NOTIFYs in a SIPp trace, in order */
    private static List<String> waiting(String trace) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("Messages-Waiting: (yes|no)").matcher(trace);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
