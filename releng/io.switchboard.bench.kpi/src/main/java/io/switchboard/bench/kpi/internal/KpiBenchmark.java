package io.switchboard.bench.kpi.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.sun.management.OperatingSystemMXBean;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cdr.demo.DemoCalls;
import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiBucket;
import io.switchboard.kpi.api.KpiQuery;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.KpiService;
import io.switchboard.kpi.api.Scope;
import io.switchboard.store.api.Store;

/**
 * The KPI benchmark, run inside a real server (releng/bench-kpi.sh), twice on stores of their own:
 * first with the KPI bundle stopped, then with it running. Each run stores N demo records over 30
 * days on 20 trunks through the CDR service in one go, a twentieth at a time as stored and all of
 * them until indexed and rolled up; the second prints both runs side by side, rebuilds the rollups
 * of all N, then times a month of hourly KPIs per trunk through the KPI service and the HTTP API against the same figures from a GROUP BY on H2 (the
 * server's sb_cdr) and on PostgreSQL (a COPY of the records). Writes {@code <data>/bench/kpi-report.txt}.
 */
@Component(configurationPid = "io.switchboard.bench.kpi", configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
public class KpiBenchmark {

    @ObjectClassDefinition
    @interface Config {
        long records() default 10_000_000;

        int trunks() default 20;

        /** The records' span: the benchmark's is 30; fewer with fewer records keeps its density for a quick run. */
        int days() default 30;

        int iterations() default 200;

        int groupByIterations() default 3;

        String pgUrl() default "jdbc:postgresql://127.0.0.1:5432/test";

        String pgUser() default "postgres";

        int httpPort() default 8080;

        String apiPassword() default "";

        /** Off: the KPI bundle is stopped, and only the ingest is timed, into {@code ingest-off.txt}. */
        boolean rollups() default true;

        /** With the rollups on: the {@code ingest-off.txt} of the run without them. */
        String baseline() default "";
    }

    private static final Logger LOG = System.getLogger(KpiBenchmark.class.getName());
    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");

    private final BundleContext context;

    @Activate
    public KpiBenchmark(@Reference CdrService cdr, @Reference Store store, BundleContext context, Config config) {
        this.context = context;
        Path dir = Path.of(context.getProperty("switchboard.data"), "bench");
        Thread t = new Thread(() -> {
            try {
                run(cdr, store, dir, config);
            } catch (Exception e) {
                LOG.log(Level.ERROR, "KPI benchmark failed: " + e, e);
            }
        }, "switchboard-bench-kpi");
        t.start();
    }

    private void run(CdrService cdr, Store store, Path dir, Config config) throws Exception {
        Files.createDirectories(dir);
        long n = config.records();
        DemoCalls demo = DemoCalls.inTimeOrder(7, FROM, config.days(), n);
        Trunked records = new Trunked(demo, config.trunks());
        StringBuilder report = new StringBuilder();
        line(report, "KPI benchmark: %,d records over %d days on %d trunks, %d cores, Java %s, max heap %d MB", n, config.days(),
                config.trunks(), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20);
        awaitKpi(cdr, 0);
        if (!config.rollups()) {
            kpiBundle().stop(Bundle.STOP_TRANSIENT);
        }
        warmUp(cdr, records, Math.min(200_000, n), config.rollups());
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            // H2 hands back the last result of a query whose tables did not change: every run must compute
            s.execute("SET OPTIMIZE_REUSE_RESULTS 0");
        }
        // All N in one go, as an import runs, timed until every record is stored, indexed and (rollups
        // on) counted; each twentieth is timed as it is stored. The server without rollups ran first
        // on a store of its own; its figures are in the baseline file.
        awaitQuiet();
        List<double[]> mine = ingest(cdr, records, 0, n, Math.max(5_000, n / 20 / 5_000 * 5_000));
        if (!config.rollups()) {
            StringBuilder off = new StringBuilder();
            for (double[] c : mine) {
                off.append(String.format("%.0f %.0f %.3f %.4f%n", c[0], c[1], c[2], c[3]));
            }
            Files.writeString(dir.resolve("ingest-off.txt"), off);
            Files.writeString(dir.resolve("kpi-report.txt"), "ingest without rollups done\n");
            return;
        }
        compareIngest(report, mine, Files.readAllLines(Path.of(config.baseline())));
        long t0 = System.nanoTime();
        rebuild(cdr, n);
        line(report, "rebuild all rollups from the records: %,.0f records/s", n / ((System.nanoTime() - t0) / 1e9));

        Instant to = FROM.plusSeconds(30 * 86_400L);
        KpiService kpi = kpi();
        KpiQuery q = new KpiQuery(Scope.TRUNK, null, Granularity.HOUR, FROM, to, ZoneOffset.UTC, config.trunks());
        KpiReport answer = kpi.query(q);
        Map<String, Long> sql;
        try (Connection c = store.dataSource().getConnection()) {
            sql = GroupBy.run(c, "sb_cdr", FROM, to);
        }
        line(report, "");
        line(report, "a month of hourly KPIs per trunk (%d series x %d buckets): %s", answer.series().size(),
                answer.series().get(0).buckets().size(), agree(answer, sql));
        line(report, "%-44s %10s %10s %14s", "", "p50", "p99", "CPU per query");
        awaitQuiet(); // the rebuild's writes are still being compacted into H2's file
        double[] service = time(config.iterations(), () -> kpi.query(q));
        line(report, "%-44s %8.2f ms %8.2f ms %11.2f ms", "Switchboard, KpiService.query", service[0], service[1],
                service[2]);
        double[] api = http(config, q);
        if (api != null) {
            line(report, "%-44s %8.2f ms %8.2f ms %14s", "Switchboard, GET /api/v1/kpi (HTTP, JSON)", api[0], api[1],
                    "-");
        }
        double[] h2 = time(config.groupByIterations(), () -> {
            try (Connection c = store.dataSource().getConnection()) {
                return GroupBy.run(c, "sb_cdr", FROM, to);
            }
        });
        line(report, "%-44s %8.0f ms %8.0f ms %11.0f ms   = %.0f x Switchboard's p99", "GROUP BY on H2 (sb_cdr, in process)",
                h2[0], h2[1], h2[2], h2[1] / service[1]);
        try (Connection pg = GroupBy.postgres(config.pgUrl(), config.pgUser(), "bench_kpi", records::call, n)) {
            double[] p = time(config.groupByIterations(), () -> GroupBy.run(pg, "bench_kpi.cdr", FROM, to));
            line(report, "%-44s %8.0f ms %8.0f ms %14s   = %.0f x Switchboard's p99", "GROUP BY on PostgreSQL (a COPY)",
                    p[0], p[1], "(server)", p[1] / service[1]);
            line(report, "PostgreSQL's answer %s", GroupBy.run(pg, "bench_kpi.cdr", FROM, to).equals(sql)
                    ? "equals H2's, bucket for bucket" : "DIFFERS from H2's");
        } catch (SQLException e) {
            line(report, "GROUP BY on PostgreSQL: not run (%s)", e.getMessage());
        }
        Files.writeString(dir.resolve("kpi-report.txt"), report);
        LOG.log(Level.INFO, "KPI benchmark done:\n" + report);
    }

    /**
     * Stores records of the year 2000 first, so that no timed chunk runs while the JIT compiles; the
     * retention (365 days) then deletes them, rollups included.
     */
    private void warmUp(CdrService cdr, Trunked records, long w, boolean rollups) throws Exception {
        Trunked old = new Trunked(DemoCalls.inTimeOrder(11, Instant.parse("2000-01-01T00:00:00Z"), 30, w),
                records.trunks());
        ingest(cdr, old, 0, w, w);
        cdr.retention(false);
        while (cdr.status().storedRecords() > 0 || cdr.status().indexedRecords() > 0
                || rollups && kpi().status().rolledUp() > 0) {
            Thread.sleep(100);
        }
        Thread.sleep(5_000);
    }

    /** Prints both runs' chunks side by side, then their totals (the last line of each). */
    private static void compareIngest(StringBuilder report, List<double[]> on, List<String> baseline) {
        line(report, "%-34s %26s %26s", "ingest, as stored", "rollups off", "rollups on");
        for (int i = 0; i < on.size(); i++) {
            double[] off = Arrays.stream(baseline.get(i).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
            double[] c = on.get(i);
            if (i == on.size() - 1) {
                line(report, "%-34s %26s %26s", "all, until indexed and rolled up", "", "");
            }
            line(report, "records %,11.0f to %,11.0f  %,8.0f/s %6.1f us CPU  %,8.0f/s %6.1f us CPU", c[0], c[1], off[2],
                    off[3], c[2], c[3]);
        }
        double[] off = Arrays.stream(baseline.get(on.size() - 1).trim().split(" ")).mapToDouble(Double::parseDouble)
                .toArray();
        double[] all = on.get(on.size() - 1);
        line(report, "ingest  rollups on / off: %.2f x the rate, %.2f x the CPU per record", all[2] / off[2],
                all[3] / off[3]);
    }

    /**
     * Stores records {@code from} to {@code to} with two writers, in batches of 5,000.
     *
     * @return per chunk of {@code chunk} records, as they are stored, then for all of them until
     *         stored, indexed and rolled up: first and last record, records/s and microseconds of the
     *         server's CPU per record
     */
    private List<double[]> ingest(CdrService cdr, Trunked records, long from, long to, long chunk) throws Exception {
        List<double[]> figures = new ArrayList<>();
        long[] mark = { from, processCpu(), System.nanoTime() };
        long cpu0 = mark[1];
        long t0 = mark[2];
        AtomicLong next = new AtomicLong(from);
        AtomicLong stored = new AtomicLong(from);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            done.add(pool.submit(() -> {
                long start;
                while ((start = next.getAndAdd(5000)) < to) {
                    List<CallRecord> batch = new ArrayList<>(5000);
                    for (long i = start; i < Math.min(to, start + 5000); i++) {
                        batch.add(records.call(i));
                    }
                    cdr.store(batch);
                    long now = stored.addAndGet(batch.size());
                    synchronized (figures) {
                        if (now - mark[0] >= chunk) {
                            long cpu = processCpu();
                            long t = System.nanoTime();
                            figures.add(new double[] { mark[0], now, (now - mark[0]) / ((t - mark[2]) / 1e9),
                                    (cpu - mark[1]) / 1000.0 / (now - mark[0]) });
                            mark[0] = now;
                            mark[1] = cpu;
                            mark[2] = t;
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long all = cdr.status().storedRecords();
        while (cdr.status().indexedRecords() < all) {
            Thread.sleep(20);
        }
        if (kpiBundle().getState() == Bundle.ACTIVE) {
            awaitKpi(cdr, all);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        figures.add(new double[] { from, to, (to - from) / seconds, (processCpu() - cpu0) / 1000.0 / (to - from) });
        return figures;
    }

    /** Waits until the server has used under a tenth of a core for 5 s in a row (background merges done). */
    private static void awaitQuiet() throws InterruptedException {
        int quiet = 0;
        long last = processCpu();
        for (int i = 0; i < 600 && quiet < 5; i++) {
            Thread.sleep(1000);
            long now = processCpu();
            quiet = now - last < 100_000_000L ? quiet + 1 : 0;
            last = now;
        }
    }

    /** Rebuilds all rollups through the KPI service, as {@code POST /kpi/rebuild} does. */
    private void rebuild(CdrService cdr, long records) throws Exception {
        kpi().rebuild();
        awaitKpi(cdr, records);
    }

    private void awaitKpi(CdrService cdr, long records) throws Exception {
        while (true) {
            KpiService k = kpi();
            if (k != null && !k.status().rebuilding() && k.status().rolledUp() == records) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private KpiService kpi() {
        ServiceReference<KpiService> ref = context.getServiceReference(KpiService.class);
        return ref == null ? null : context.getService(ref);
    }

    private Bundle kpiBundle() {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals("io.switchboard.kpi.core"))
                .findFirst().orElseThrow();
    }

    private static String agree(KpiReport answer, Map<String, Long> sql) {
        int buckets = 0;
        for (KpiSeries s : answer.series()) {
            for (KpiBucket b : s.buckets()) {
                Long want = sql.get(s.key() + "@" + b.start().toEpochSecond());
                if (b.kpis().attempts() != (want == null ? 0 : want)) {
                    return "DIFFERS from the GROUP BY at " + s.key() + " " + b.start();
                }
                buckets += want == null ? 0 : 1;
            }
        }
        return buckets == sql.size() ? "attempts equal the GROUP BY's in all " + buckets + " buckets"
                : "the GROUP BY has " + sql.size() + " buckets, Switchboard " + buckets;
    }

    private static double[] http(Config config, KpiQuery q) throws Exception {
        if (config.apiPassword().isEmpty()) {
            return null;
        }
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.httpPort()
                + "/api/v1/kpi?scope=trunk&granularity=1h&zone=UTC&limit=" + q.limit() + "&from=" + q.from() + "&to="
                + q.to())).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:"
                        + config.apiPassword()).getBytes(StandardCharsets.UTF_8))).build();
        return time(config.iterations(), () -> {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /kpi answered " + r.statusCode());
            }
            return r.body().length;
        });
    }

    interface Timed {
        Object run() throws Exception;
    }

    /** @return p50 and p99 in ms of wall time, and the mean CPU time of this thread per run in ms */
    /** @return p50 and p99 latency, and the process's CPU per run (a query reads on several threads) */
    private static double[] time(int iterations, Timed task) throws Exception {
        for (int i = 0; i < Math.max(1, Math.min(iterations / 10, 20)); i++) { // a GROUP BY of a minute warms up once
            task.run();
        }
        double[] ms = new double[iterations];
        long cpu0 = processCpu();
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double cpu = (processCpu() - cpu0) / 1e6 / iterations;
        Arrays.sort(ms);
        return new double[] { ms[(int) Math.ceil(0.5 * iterations) - 1], ms[(int) Math.ceil(0.99 * iterations) - 1],
                cpu };
    }

    private static long processCpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String s = String.format(format, args);
        report.append(s).append('\n');
        LOG.log(Level.INFO, "KPI benchmark: " + s);
    }

    /** The demo records on as many trunks as asked for (the demo has three). */
    record Trunked(DemoCalls demo, int trunks) {
        CallRecord call(long i) {
            CallRecord r = demo.call(i);
            return new CallRecord(null, r.source(), r.sourceId(), r.callIds(), r.start(), r.ring(), r.answer(), r.end(),
                    r.billableSeconds(), r.caller(), r.callerE164(), r.callerName(), r.callee(), r.calleeE164(),
                    r.direction(), r.trunkIn(), String.format("trunk-%02d", Math.floorMod(i * 7919, trunks)), r.did(),
                    r.disposition(), r.sipCode(), r.sipReason(), r.hangupSide(), r.codec(), r.qualityA(), r.qualityB(),
                    r.tags());
        }
    }
}
