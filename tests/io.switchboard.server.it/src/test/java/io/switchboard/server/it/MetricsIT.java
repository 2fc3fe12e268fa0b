package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET /api/v1/metrics read by the Prometheus project's own text-format parser (Debian's
 * python3-prometheus-client): the counters move with real SIPp calls, registrations and records,
 * the KPI gauges follow; without credentials it is refused, unless the settings open it to the
 * scraper's address.
 */
class MetricsIT {

    private static final String[] ADMIN = { "admin", "metrics-it-secret" };
    private static final String ALICE_PASSWORD = "alice-password-1";
    private static final String BOB_PASSWORD = "bob-password-22";
    /** Hands every sample back as JSON on its standard output: name{labels} to value. */
    private static final String PARSER = """
            import sys, json
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(sys.stdin.read()):
                for s in family.samples:
                    key = s.name + "{" + ",".join(k + "=" + v for k, v in sorted(s.labels.items())) + "}"
                    out[key] = s.value
            json.dump(out, sys.stdout)
            """;

    @TempDir
    Path base;

    @Test
    void countersMoveWithRealCallsAndTheFormatParses() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int bobPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            assertEquals(401, scrape(server, null).statusCode(), "no metrics without credentials");
            HttpResponse<String> first = scrape(server, ADMIN);
            assertEquals(200, first.statusCode(), first.body());
            Map<String, Double> before = parse(first.body());
            assertEquals(0.0, before.get("switchboard_sip_calls_active{}"), before.toString());

            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"" + ALICE_PASSWORD + "\"}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"" + BOB_PASSWORD + "\"}", ADMIN)
                    .statusCode());
            Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, bobPort, "u1", "-s", "bob", "-au", "bob",
                    "-ap", BOB_PASSWORD, "-key", "expires", "300", "-m", "1");
            assertEquals(0, reg.await(60), reg.report());
            call(server, sipp, "sipp-answer.xml", "sipp-call.xml", bobPort);
            call(server, sipp, "sipp-busy.xml", "sipp-call-fails.xml", bobPort);
            awaitRecords(server, 2);

            Map<String, Double> after = parse(scrape(server, ADMIN).body());
            assertEquals(1.0, delta(before, after, "switchboard_sip_registrations_total{}"));
            assertEquals(2.0, delta(before, after, "switchboard_sip_calls_started_total{direction=internal}"));
            assertEquals(1.0, delta(before, after, "switchboard_sip_calls_ended_total{disposition=answered}"));
            assertEquals(1.0, delta(before, after, "switchboard_sip_calls_ended_total{disposition=busy}"));
            assertEquals(1.0, delta(before, after, "switchboard_sip_call_responses_total{code=200}"));
            assertEquals(1.0, delta(before, after, "switchboard_sip_call_responses_total{code=486}"));
            assertEquals(2.0, delta(before, after, "switchboard_cdr_records_ingested_total{}"));
            assertEquals(2.0, after.get("switchboard_cdr_records_stored{}"));
            assertEquals(0.0, after.get("switchboard_cdr_index_lag_records{}"));
            assertEquals(0.0, after.get("switchboard_sip_calls_active{}"));
            assertEquals(2.0, after.get("switchboard_kpi_attempts{key=,scope=all}"), "the KPIs of the last 15 minutes");
            assertEquals(0.5, after.get("switchboard_kpi_asr_ratio{key=,scope=all}"));
            assertEquals(0.0, after.get("switchboard_alerts_firing{severity=critical}"));
            assertTrue(after.containsKey("switchboard_media_ports{}"), "the relay's figures");
        }
        // The settings open it to 127.0.0.1: a scraper there needs no credentials.
        Files.writeString(base.resolve("etc/io.switchboard.mgmt.cfg"), "metricsOpenTo = 127.0.0.1\n"
                + "requiredResources = /sip/*, /cdr/*, /kpi/*, /alerts/*, /metrics\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            HttpResponse<String> open = scrape(server, null);
            assertEquals(200, open.statusCode(), open.body());
            assertEquals(2.0, parse(open.body()).get("switchboard_cdr_records_stored{}"));
            assertEquals(401, server.get("/cdr/status", null).statusCode(), "only the metrics are open");
        }
    }

    private static HttpResponse<String> scrape(ServerProcess server, String[] credentials) throws Exception {
        HttpResponse<String> r = server.get("/metrics", credentials);
        if (r.statusCode() != 200) {
            return r;
        }
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return r;
    }

    /** @return every sample by name{labels}, as the Prometheus client's parser reads them */
    private static Map<String, Double> parse(String exposition) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", PARSER).start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("The Prometheus parser refused the exposition: " + err + "\n" + exposition);
        }
        Map<String, Double> samples = new HashMap<>();
        JsonNode json = ServerProcess.JSON.readTree(out);
        json.fields().forEachRemaining(e -> samples.put(e.getKey(), e.getValue().asDouble()));
        return samples;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertTrue(after.containsKey(sample), sample + " in " + after.keySet());
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }

    private static void call(ServerProcess server, Path dir, String callee, String caller, int calleePort)
            throws Exception {
        Sipp b = Sipp.start(dir, callee, server.sipPort, calleePort, "u1", "-m", "1");
        Thread.sleep(300); // let it bind its port
        Sipp a = Sipp.start(dir, caller, server.sipPort, ServerProcess.freePort(), "u1", "-s", "bob", "-au", "alice",
                "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-d", "500", "-m", "1");
        int aExit = a.await(60);
        int bExit = b.await(30);
        if (aExit != 0 || bExit != 0) {
            fail("caller exit " + aExit + ", callee exit " + bExit + "\n" + a.report() + b.report() + server.output());
        }
    }

    private static void awaitRecords(ServerProcess server, int n) throws Exception {
        for (int i = 0; i < 150; i++) {
            if (server.getJson("/kpi/status", ADMIN).get("rolledUp").asInt() == n
                    && server.getJson("/cdr/status", ADMIN).get("indexedRecords").asInt() == n) {
                return;
            }
            Thread.sleep(100);
        }
        fail("records never stored: " + server.getJson("/cdr/status", ADMIN));
    }
}
