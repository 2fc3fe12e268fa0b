package io.switchboard.metrics.prometheus.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;


import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.switchboard.alert.api.Alert;
import io.switchboard.alert.api.AlertService;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cdr.api.CdrStatus;
import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiQuery;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.KpiService;
import io.switchboard.kpi.api.Kpis;
import io.switchboard.kpi.api.Scope;
import io.switchboard.media.api.MediaRelay;
import io.switchboard.media.api.RelayStatus;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.queue.api.Queues;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.TrunkHealth;
import io.switchboard.sip.api.TrunkState;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/metrics} in the Prometheus text format: the switch's counters, live calls and
 * trunks, the CDR store and index, the media relay, the KPIs of the last 15 minutes per trunk, and
 * the alerts firing. Every figure is read at the scrape; a part whose service is not running is
 * left out.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=" + ManagementApi.METRICS_PATH })
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();
    private static final List<ApiRoute> ROUTES = List.of(ApiRoute.of("GET " + ManagementApi.METRICS_PATH));

    @Reference
    private transient Counters counters;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile CallControl calls;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile TrunkHealth trunks;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile CdrService cdr;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile MediaRelay relay;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile KpiService kpi;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile AlertService alerts;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Queues queues;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (JsonAnswers.refused(ROUTES, ManagementApi.METRICS_PATH, req, resp, ApiJson.MAPPER)) {
            return;
        }
        Families f = new Families();
        sip(f);
        cdr(f);
        media(f);
        kpis(f);
        alerts(f);
        QueueMetrics.add(f, queues);
        resp.setStatus(200);
        resp.setContentType(PrometheusTextFormatWriter.CONTENT_TYPE);
        WRITER.write(resp.getOutputStream(), new MetricSnapshots(f.snapshots()), EscapingScheme.UNDERSCORE_ESCAPING);
    }

    private void sip(Families f) {
        labelled(f.counter("switchboard_sip_calls_started", "Calls past authentication and routing, by direction"),
                counters.started, "direction");
        labelled(f.counter("switchboard_sip_calls_ended", "Calls ended, by disposition"), counters.ended, "disposition");
        labelled(f.counter("switchboard_sip_call_responses", "Final SIP responses of calls, by status code"),
                counters.responses, "code");
        f.counter("switchboard_sip_registrations", "Contacts registered or refreshed with a new source")
                .add(counters.registrations.sum()).done();
        f.counter("switchboard_sip_lockouts", "Addresses and users locked out for guessing or flooding")
                .add(counters.lockouts.sum()).done();
        Families.Samples changes = f.counter("switchboard_sip_trunk_changes", "Trunks going up or down");
        new TreeMap<>(counters.trunkChanges).forEach((k, v) -> changes.add(v.sum(), "trunk", k.substring(0,
                k.indexOf('\u0000')), "state", k.substring(k.indexOf('\u0000') + 1)));
        changes.done();
        CallControl c = calls;
        if (c != null) {
            f.gauge("switchboard_sip_calls_active", "Calls in progress").add(c.activeCalls().size()).done();
        }
        TrunkHealth t = trunks;
        if (t != null) {
            Families.Samples up = f.gauge("switchboard_sip_trunk_up", "1 while the trunk answers its probes");
            Families.Samples rtt = f.gauge("switchboard_sip_trunk_rtt_seconds", "The last probe's round trip");
            Families.Samples channels = f.gauge("switchboard_sip_trunk_channels", "Calls on the trunk now");
            for (TrunkState s : t.states()) {
                up.add(s.up() ? 1 : 0, "trunk", s.trunk());
                rtt.add(s.rttMillis() / 1000.0, "trunk", s.trunk());
                channels.add(s.channels(), "trunk", s.trunk());
            }
            up.done();
            rtt.done();
            channels.done();
        }
    }

    private void cdr(Families f) {
        f.counter("switchboard_cdr_records_ingested", "Call records stored since the server started, imported ones "
                + "included").add(counters.recordsStored.sum()).done();
        CdrService service = cdr;
        if (service != null) {
            CdrStatus s = service.status();
            f.gauge("switchboard_cdr_records_stored", "Call records in the database").add(s.storedRecords()).done();
            f.gauge("switchboard_cdr_records_indexed", "Call records in the search index").add(s.indexedRecords()).done();
            f.gauge("switchboard_cdr_index_lag_records", "Records stored but not searchable yet")
                    .add(Math.max(0, s.storedRecords() - s.indexedRecords())).done();
        }
    }

    private void media(Families f) {
        MediaRelay r = relay;
        if (r == null) {
            return;
        }
        RelayStatus s = r.status();
        f.gauge("switchboard_media_sessions", "Calls whose media the relay carries").add(s.sessions()).done();
        f.gauge("switchboard_media_ports_in_use", "Relay ports held").add(s.portsInUse()).done();
        f.gauge("switchboard_media_ports", "Relay ports in the range").add(s.portsTotal()).done();
        f.counter("switchboard_media_packets_received", "RTP packets received").add(s.packetsIn()).done();
        f.counter("switchboard_media_packets_sent", "RTP packets sent on").add(s.packetsOut()).done();
        f.counter("switchboard_media_packets_dropped", "Packets dropped, by reason")
                .add(s.droppedStrangers(), "reason", "stranger").add(s.droppedUnsent(), "reason", "unsent").done();
        f.counter("switchboard_media_timeouts", "Sessions ended by the media timeout").add(s.timeouts()).done();
    }

    private void kpis(Families f) {
        KpiService service = kpi;
        if (service == null) {
            return;
        }
        Instant now = Instant.now();
        Map<String, Kpis> byKey = new TreeMap<>();
        for (Scope scope : new Scope[] { Scope.ALL, Scope.TRUNK }) {
            for (KpiSeries s : service.query(new KpiQuery(scope, null, Granularity.FIVE_MINUTES, now.minusSeconds(900),
                    now, ZoneOffset.UTC, 1000)).series()) {
                byKey.put(scope.id() + "\u0000" + s.key(), s.total());
            }
        }
        kpi(f, byKey, "switchboard_kpi_attempts", "Calls attempted in the last 15 minutes", k -> (double) k.attempts());
        kpi(f, byKey, "switchboard_kpi_asr_ratio", "Answer-seizure ratio, last 15 minutes", k -> ratio(k.asr()));
        kpi(f, byKey, "switchboard_kpi_ner_ratio", "Network effectiveness ratio, last 15 minutes", k -> ratio(k.ner()));
        kpi(f, byKey, "switchboard_kpi_acd_seconds", "Average call duration, last 15 minutes", Kpis::acdSeconds);
        kpi(f, byKey, "switchboard_kpi_pdd_median_seconds", "Post-dial delay median, last 15 minutes",
                k -> k.pddMedianMs() == null ? null : k.pddMedianMs() / 1000.0);
        kpi(f, byKey, "switchboard_kpi_pdd_p95_seconds", "Post-dial delay 95th percentile, last 15 minutes",
                k -> k.pddP95Ms() == null ? null : k.pddP95Ms() / 1000.0);
        kpi(f, byKey, "switchboard_kpi_mos", "Mean MOS of measured calls, last 15 minutes", Kpis::mosMean);
        kpi(f, byKey, "switchboard_kpi_mos_p5", "5th percentile of MOS, last 15 minutes", Kpis::mosP5);
        kpi(f, byKey, "switchboard_kpi_loss_ratio", "Mean packet loss, last 15 minutes", k -> ratio(k.lossPercent()));
        kpi(f, byKey, "switchboard_kpi_jitter_seconds", "Mean jitter, last 15 minutes",
                k -> k.jitterMs() == null ? null : k.jitterMs() / 1000.0);
    }

    private void alerts(Families f) {
        AlertService service = alerts;
        if (service == null) {
            return;
        }
        Map<String, Integer> bySeverity = new TreeMap<>(Map.of("critical", 0, "major", 0, "minor", 0, "warning", 0));
        for (Alert a : service.firing()) {
            bySeverity.merge(a.severity(), 1, Integer::sum);
        }
        Families.Samples s = f.gauge("switchboard_alerts_firing", "Alerts firing now, by severity");
        bySeverity.forEach((severity, n) -> s.add(n, "severity", severity));
        s.done();
    }

    private static void kpi(Families f, Map<String, Kpis> byKey, String name, String help,
            Function<Kpis, Double> value) {
        Families.Samples s = f.gauge(name, help);
        byKey.forEach((k, kpis) -> {
            Double v = value.apply(kpis);
            if (v != null) {
                int sep = k.indexOf('\u0000');
                s.add(v, "scope", k.substring(0, sep), "key", k.substring(sep + 1));
            }
        });
        s.done();
    }

    private static Double ratio(Double percent) {
        return percent == null ? null : percent / 100;
    }

    private static void labelled(Families.Samples samples, Map<String, LongAdder> counts, String label) {
        new TreeMap<>(counts).forEach((k, v) -> samples.add(v.sum(), label, k));
        samples.done();
    }
}
