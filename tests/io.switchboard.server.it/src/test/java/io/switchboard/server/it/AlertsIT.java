package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.internet.MimeMessage;

/**
 * A baseline alert on the running server: four past weeks answer 60 % of their calls at this time
 * of day, the last half hour 20 %; the rule of a .cfg file fires, the e-mail reaches an SMTP server
 * in the test (GreenMail) and the webhook an HTTP receiver in the test; calls that bring the ASR
 * back resolve it, and both learn that too.
 */
class AlertsIT {

    private static final String[] ADMIN = { "admin", "alerts-it-secret" };
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path base;

    private int line;

    @Test
    void aBaselineAlertFiresOnAnAsrDropAndResolvesAfterIt() throws Exception {
        int smtpPort = ServerProcess.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        LinkedBlockingQueue<String[]> hooks = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            hooks.add(new String[] { exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) });
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Path etc = Files.createDirectories(base.resolve("etc"));
            Files.writeString(etc.resolve("io.switchboard.alert.cfg"), "evaluateSeconds = 3600\n");
            Files.writeString(etc.resolve("io.switchboard.alert.email-noc.cfg"), "smtpHost = 127.0.0.1\nsmtpPort = "
                    + smtpPort + "\nsecurity = none\nfrom = switchboard@example.net\nto = noc@example.net\n");
            Files.writeString(etc.resolve("io.switchboard.alert.webhook-ops.cfg"), "url = http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook\n.authorization = Bearer hook-secret\n");
            Files.writeString(etc.resolve("io.switchboard.alert.rule-asr-drop.cfg"), "name = asr-drop\nkind = baseline\n"
                    + "kpi = asr\nscope = all\nbelow = true\nthreshold = 25\nbaselineWeeks = 4\nwindowMinutes = 30\n"
                    + "minAttempts = 20\nholdSeconds = 0\ncooldownSeconds = 0\nseverity = critical\n");
            try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
                server.deploySample("io.switchboard.sample.pager"); // a vendor's notifier, dropped in
                awaitNotifiers(server, "[\"acme-pager\",\"email\",\"webhook\"]");
                Instant now = Instant.now();
                StringBuilder csv = new StringBuilder();
                for (int week = 1; week <= 4; week++) {
                    calls(csv, now.minus(Duration.ofDays(7L * week)), 40, 24); // 60 %
                }
                calls(csv, now, 40, 8); // 20 %: 67 % below the baseline, the rule fires at 25 %
                importCsv(server, csv);
                awaitCounted(server, 200);
                assertEquals(200, server.getJson("/kpi?scope=all&granularity=5m&from=-30m", ADMIN).get("series").get(0)
                        .get("total").get("attempts").asInt() + 160, "the last half hour's 40 calls, read back");

                JsonNode firing = json(server.post("/alerts/evaluate", new byte[0], ADMIN).body());
                assertEquals(1, firing.size(), firing.toString());
                JsonNode alert = firing.get(0);
                assertEquals("asr-drop", alert.get("rule").asText());
                assertEquals(20.0, alert.get("value").asDouble(), "the window's ASR");
                assertEquals(60.0, alert.get("reference").asDouble(), "the four weeks' mean");
                assertTrue(alert.get("message").asText().contains("below its 4-week baseline 60"), alert.toString());

                assertTrue(smtp.waitForIncomingEmail(20_000, 1), "the alert e-mail arrives");
                MimeMessage mail = smtp.getReceivedMessages()[0];
                assertEquals("[CRITICAL] asr-drop", mail.getSubject());
                assertEquals("noc@example.net", mail.getAllRecipients()[0].toString());
                assertTrue(((String) mail.getContent()).contains("ASR of all calls is 20"), (String) mail.getContent());
                String[] hook = hooks.poll(20, TimeUnit.SECONDS);
                assertEquals("Bearer hook-secret", hook[0]);
                JsonNode posted = ServerProcess.JSON.readTree(hook[1]);
                assertEquals("firing", posted.get("state").asText());
                assertEquals(alert.get("id").asLong(), posted.get("alert").get("id").asLong());

                StringBuilder recovery = new StringBuilder();
                calls(recovery, now, 60, 60);
                importCsv(server, recovery);
                awaitCounted(server, 260);
                assertEquals(0, json(server.post("/alerts/evaluate", new byte[0], ADMIN).body()).size(),
                        "68 % answered now: resolved");
                assertTrue(smtp.waitForIncomingEmail(20_000, 2), "the resolution e-mail arrives");
                assertEquals("[RESOLVED] asr-drop", smtp.getReceivedMessages()[1].getSubject());
                assertEquals("resolved", ServerProcess.JSON.readTree(hooks.poll(20, TimeUnit.SECONDS)[1]).get("state")
                        .asText());

                JsonNode history = awaitNotified(server, alert.get("id").asLong());
                assertTrue(history.get("resolvedAt").isTextual(), history.toString());
                List<String> notified = ServerProcess.JSON.convertValue(history.get("notified"),
                        ServerProcess.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
                assertTrue(notified.containsAll(List.of("fired, email: sent", "fired, webhook: sent",
                        "fired, acme-pager: sent", "resolved, email: sent", "resolved, webhook: sent")),
                        notified.toString());
                server.awaitOutput("Acme pager: PAGE asr-drop: ASR of all calls is 20");
                JsonNode rules = server.getJson("/alerts/rules", ADMIN);
                assertTrue(rules.toString().contains("\"name\":\"asr-drop\",\"kind\":\"baseline\""), rules.toString());
                assertEquals(400, server.put("/alerts/rules/asr-drop", "{\"kind\":\"threshold\",\"kpi\":\"asr\"}", ADMIN)
                        .statusCode(), "a rule of a .cfg file is changed there");
                assertTrue(!server.output().contains("hook-secret"), "the webhook's secret is never logged");
            }
        } finally {
            receiver.stop(0);
            smtp.stop();
        }
    }

    /** Asterisk Master.csv lines: {@code answered} of {@code count} calls in the 25 minutes before {@code end}. */
    private void calls(StringBuilder csv, Instant end, int count, int answered) {
        for (int i = 0; i < count; i++) {
            Instant start = end.minus(Duration.ofMinutes(25)).plusSeconds(i * 20L);
            boolean ok = i < answered;
            String s = CSV_TIME.format(start);
            csv.append("\"acct-7\",\"1001\",\"442079460").append(100 + i).append("\",\"from-internal\",\"\"\"Alice\"\" <1001>\",")
                    .append("\"SIP/1001-1\",\"SIP/carrier-1\",\"Dial\",\"SIP/carrier\",\"").append(s).append("\",\"")
                    .append(ok ? CSV_TIME.format(start.plusSeconds(3)) : "").append("\",\"")
                    .append(CSV_TIME.format(start.plusSeconds(ok ? 63 : 10))).append("\",").append(ok ? 63 : 10)
                    .append(',').append(ok ? 60 : 0).append(",\"").append(ok ? "ANSWERED" : "NO ANSWER")
                    .append("\",\"DOCUMENTATION\",\"it-").append(line++).append("\"\n");
        }
    }

    private static void importCsv(ServerProcess server, StringBuilder csv) throws Exception {
        JsonNode report = json(server.post("/cdr/import?format=asterisk-csv&source=asterisk:pbx1&fileName=Master.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), ADMIN).body());
        assertEquals(0, report.get("errorCount").asInt(), report.toString());
    }

    private static void awaitCounted(ServerProcess server, long calls) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (server.getJson("/kpi/status", ADMIN).get("rolledUp").asLong() == calls) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("KPIs never counted " + calls + " calls: " + server.getJson("/kpi/status", ADMIN));
    }

    private static void awaitNotifiers(ServerProcess server, String names) throws Exception {
        for (int i = 0; i < 150 && !server.get("/alerts/notifiers", ADMIN).body().equals(names); i++) {
            Thread.sleep(100);
        }
        assertEquals(names, server.get("/alerts/notifiers", ADMIN).body());
    }

    private static JsonNode awaitNotified(ServerProcess server, long id) throws Exception {
        for (int i = 0; i < 100; i++) {
            for (JsonNode a : server.getJson("/alerts/history", ADMIN)) {
                if (a.get("id").asLong() == id && a.get("notified").size() >= 6) {
                    return a;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The notifiers' answers never reached the history: "
                + server.getJson("/alerts/history", ADMIN));
    }

    private static JsonNode json(String body) throws Exception {
        return ServerProcess.JSON.readTree(body);
    }
}
