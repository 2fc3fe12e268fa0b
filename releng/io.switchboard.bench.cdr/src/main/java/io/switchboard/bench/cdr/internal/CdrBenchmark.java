package io.switchboard.bench.cdr.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.FSDirectory;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cdr.demo.DemoCalls;

/**
 * The CDR benchmark, run inside a real server: drop this bundle and an
 * {@code io.switchboard.bench.cdr.cfg} (records = N) into plugins/ and it (a) indexes N demo
 * records with raw Lucene and inserts them with raw JDBC batches, (b) stores the same N through
 * the CDR service (database and index), (c) times each query kind against both, and writes the
 * report to {@code <data>/bench/cdr-report.txt}. {@code releng/bench-cdr.sh} does all of that.
 */
@Component(configurationPid = "io.switchboard.bench.cdr", configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
public class CdrBenchmark {

    @ObjectClassDefinition
    @interface Config {
        long records() default 1_000_000;

        int writers() default 2;

        int iterations() default 200;

        /** Records each ingest path runs before its timed run, so that none is timed while the JIT compiles it */
        long warmup() default 200_000;
    }

    private static final Logger LOG = System.getLogger(CdrBenchmark.class.getName());
    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    private static final int DAYS = 30;

    @Activate
    public CdrBenchmark(@Reference CdrService cdr, BundleContext context, Config config) {
        Path dir = Path.of(context.getProperty("switchboard.data"), "bench");
        Thread t = new Thread(() -> {
            try {
                run(cdr, dir, config);
            } catch (Exception e) {
                LOG.log(Level.ERROR, "CDR benchmark failed: " + e, e);
            }
        }, "switchboard-bench-cdr");
        t.start();
    }

    private static void run(CdrService cdr, Path dir, Config config) throws Exception {
        Files.createDirectories(dir);
        long n = config.records();
        DemoCalls demo = DemoCalls.inTimeOrder(7, FROM, DAYS, n);
        StringBuilder report = new StringBuilder();
        line(report, "CDR benchmark: %,d records, %d cores, Java %s, max heap %d MB", n,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);

        warmUp(cdr, dir, Math.min(n, config.warmup()), config.writers());
        double lucene = RawBaselines.lucene(demo, n, dir.resolve("raw-lucene"));
        line(report, "ingest  raw Lucene (1 thread, all fields stored)  %,10.0f records/s", lucene);
        double jdbc = RawBaselines.jdbc(demo, n, dir.resolve("raw-h2"));
        line(report, "ingest  raw JDBC H2 file (batches of 1000)        %,10.0f records/s", jdbc);
        double switchboard = ingest(cdr, demo, n, config.writers());
        line(report, "ingest  Switchboard CDR service (DB + index, %d writers) %,10.0f records/s = %.2f x the slower baseline",
                config.writers(), switchboard, switchboard / Math.min(lucene, jdbc));

        // Both indexes as a search sees them in steady state: the service's background merges done. At
        // 10 million records merges ran past a fixed 15 s wait, and the first query kind timed then got
        // a p99 several times its median (a merged segment opened cold under a running merge).
        long quietAfter = awaitQuiet();
        line(report, "(queries timed once the server's CPU was quiet: %,d s after the ingest)", quietAfter);
        try (FSDirectory rawDir = FSDirectory.open(dir.resolve("raw-lucene"));
                DirectoryReader reader = DirectoryReader.open(rawDir)) {
            IndexSearcher raw = new IndexSearcher(reader);
            DefaultSortedSetDocValuesReaderState facetState = new DefaultSortedSetDocValuesReaderState(reader,
                    RawBaselines.FACETS);
            CallRecord sample = demo.call(n / 2);
            String day = LocalDate.ofInstant(sample.start(), ZoneOffset.UTC).toString();
            long dayStart = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long dayEnd = dayStart + 86_400_000L - 1;
            String prefix = sample.calleeE164().substring(0, 9);
            String suffix = sample.calleeE164().substring(sample.calleeE164().length() - 4);
            line(report, "");
            line(report, "%-44s %12s %10s %12s %10s %8s", "query (" + String.format("%,d", n) + " records)",
                    "raw median", "raw p99", "sb median", "sb p99", "matches");
            query(report, config, cdr, raw, "exact number  callee:" + sample.calleeE164(),
                    "callee:" + sample.calleeE164(), List.of(), new TermQuery(new Term("callee", sample.calleeE164())),
                    null);
            query(report, config, cdr, raw, "number prefix callee:" + prefix + "*", "callee:" + prefix + "*", List.of(),
                    new PrefixQuery(new Term("callee", prefix)), null);
            query(report, config, cdr, raw, "number suffix callee:*" + suffix, "callee:*" + suffix, List.of(),
                    new WildcardQuery(new Term("callee", "*" + suffix)), null);
            query(report, config, cdr, raw, "Call-ID", "callId:" + sample.callIds().get(0), List.of(),
                    new TermQuery(new Term("callId", sample.callIds().get(0))), null);
            Query dayFailed = new BooleanQuery.Builder().add(LongPoint.newRangeQuery("start", dayStart, dayEnd),
                    Occur.FILTER).add(new TermQuery(new Term("disposition", "failed")), Occur.FILTER).build();
            query(report, config, cdr, raw, "1 day + failed, newest 50", "start:" + day + " AND disposition:failed",
                    List.of(), dayFailed, null);
            query(report, config, cdr, raw, "1 day, facets by trunk + disposition", "start:" + day,
                    List.of("trunk", "disposition"), LongPoint.newRangeQuery("start", dayStart, dayEnd), facetState);
            query(report, config, cdr, raw, "MOS below 3.5", "mos:[* TO 3.5]", List.of(),
                    DoublePoint.newRangeQuery("mos", Double.NEGATIVE_INFINITY, 3.5), null);
            query(report, config, cdr, raw, "free text: bob", "bob", List.of(), new TermQuery(new Term("text", "bob")),
                    null);
            query(report, config, cdr, raw, "everything, newest 50", "*", List.of(), new MatchAllDocsQuery(), null);
        }
        Files.writeString(dir.resolve("cdr-report.txt"), report);
        LOG.log(Level.INFO, "CDR benchmark done:\n" + report);
    }

    /**
     * Runs all three ingest paths once on records of another seed, so that the timed runs measure
     * compiled code, not the JIT at work (on 2 cores the compiler threads otherwise take most of a
     * core during the first timed run). The service's warm-up records start in the year 2000:
     * retention (365 days by default) then deletes them from database and index, so the timed
     * store holds exactly the N records the raw baselines hold.
     */
    private static void warmUp(CdrService cdr, Path dir, long w, int writers) throws Exception {
        if (w <= 0) {
            return;
        }
        DemoCalls old = DemoCalls.inTimeOrder(11, Instant.parse("2000-01-01T00:00:00Z"), DAYS, w);
        long t0 = System.nanoTime();
        RawBaselines.lucene(old, w, dir.resolve("warmup-lucene"));
        RawBaselines.jdbc(old, w, dir.resolve("warmup-h2"));
        ingest(cdr, old, w, writers);
        long deleted = cdr.retention(false).records();
        while (cdr.status().indexedRecords() > 0 || cdr.status().storedRecords() > 0) {
            Thread.sleep(100);
        }
        LOG.log(Level.INFO, "CDR benchmark warm-up: " + w + " records on each path, " + deleted + " deleted again, "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        Thread.sleep(5_000);
    }

    private static double ingest(CdrService cdr, DemoCalls demo, long n, int writers) throws Exception {
        long before = cdr.status().storedRecords();
        long t0 = System.nanoTime();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                long from;
                while ((from = next.getAndAdd(5000)) < n) {
                    List<CallRecord> batch = new ArrayList<>(5000);
                    for (long i = from; i < Math.min(n, from + 5000); i++) {
                        batch.add(demo.call(i));
                    }
                    cdr.store(batch);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        // Searchable too: wait until the index holds them.
        while (cdr.status().indexedRecords() < before + n) {
            Thread.sleep(50);
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static void query(StringBuilder report, Config config, CdrService cdr, IndexSearcher raw, String label,
            String sbQuery, List<String> facets, Query rawQuery, DefaultSortedSetDocValuesReaderState facetState)
            throws IOException {
        Sort sort = new Sort(new SortField("start", SortField.Type.LONG, true));
        CdrQuery q = new CdrQuery(sbQuery, "start", true, 0, 50, facets);
        long[] matches = new long[1];
        double[] sb = time(config.iterations(), () -> {
            matches[0] = cdr.search(q).total();
            return null;
        });
        double[] rawTimes = time(config.iterations(), () -> {
            try {
                raw.count(rawQuery);
                TopDocs top = raw.search(rawQuery, 50, sort);
                StoredFields stored = raw.storedFields();
                for (ScoreDoc d : top.scoreDocs) {
                    stored.document(d.doc);
                }
                if (facetState != null) {
                    FacetsCollector fc = raw.search(rawQuery, new FacetsCollectorManager());
                    new SortedSetDocValuesFacetCounts(facetState, fc).getTopChildren(50, "trunk");
                }
                return null;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        line(report, "%-44s %9.3f ms %7.3f ms %9.3f ms %7.3f ms %,8d", label, rawTimes[0], rawTimes[1], sb[0], sb[1],
                matches[0]);
    }

    /**
     * Waits until this process's threads have used under a tenth of one core for 5 seconds in a row
     * (at most 10 minutes): the index's background merges and the store's compaction are then done.
     *
     * @return the seconds waited
     */
    private static long awaitQuiet() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        int quiet = 0;
        Map<Long, Long> before = cpuByThread(threads);
        while (quiet < 5 && System.nanoTime() - t0 < 600_000_000_000L) {
            Thread.sleep(1000);
            Map<Long, Long> now = cpuByThread(threads);
            long used = 0;
            for (Map.Entry<Long, Long> e : now.entrySet()) {
                used += e.getValue() - before.getOrDefault(e.getKey(), 0L); // a new thread counts from zero
            }
            quiet = used < 100_000_000L ? quiet + 1 : 0;
            before = now;
        }
        return (System.nanoTime() - t0) / 1_000_000_000L;
    }

    private static Map<Long, Long> cpuByThread(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long ns = threads.getThreadCpuTime(id);
            if (ns > 0) {
                cpu.put(id, ns);
            }
        }
        return cpu;
    }

    /** @return median and p99 in milliseconds, after a warm-up */
    private static double[] time(int iterations, Supplier<Void> work) {
        for (int i = 0; i < Math.max(20, iterations / 5); i++) {
            work.get();
        }
        long[] ns = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            work.get();
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        return new double[] { ns[iterations / 2] / 1e6, ns[(int) Math.min(iterations - 1, Math.ceil(iterations * 0.99) - 1)] / 1e6 };
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
