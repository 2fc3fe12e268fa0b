package io.switchboard.cdr.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.cdr.api.CallAttachment;
import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrExporter;
import io.switchboard.cdr.api.CdrImporter;
import io.switchboard.cdr.api.CdrIndex;
import io.switchboard.cdr.api.CdrListener;
import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cdr.api.CdrStatus;
import io.switchboard.cdr.api.CdrStore;
import io.switchboard.cdr.api.ImportReport;
import io.switchboard.cdr.api.ImportSink;
import io.switchboard.cdr.api.LineError;
import io.switchboard.cdr.api.RetentionReport;
import io.switchboard.cdr.api.SavedSearch;
import io.switchboard.cdr.api.SearchResult;
import io.switchboard.cdr.api.StoreResult;
import io.switchboard.store.api.Store;

/**
 * The CDR service: the database first (group commit), the index after; at start it checks that
 * the index agrees with the database and rebuilds it in the background when it does not.
 */
@Component(configurationPid = CdrConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CdrConfig.class)
public class CdrServiceImpl implements CdrService {

    private static final Logger LOG = System.getLogger(CdrServiceImpl.class.getName());
    private static final int IMPORT_BATCH = 1000;
    private static final int MAX_REPORTED_ERRORS = 1000;

    private final CdrStore store;
    private final CdrIndex index;
    private final int retentionDays;
    private final GroupCommitWriter writer;
    private final ExecutorService indexer;
    private final ScheduledExecutorService scheduler;
    private final ByFormat<CdrImporter> importers = new ByFormat<>(CdrImporter.FORMAT, "importer");
    private final ByFormat<CdrExporter> exporters = new ByFormat<>(CdrExporter.FORMAT, "exporter");
    private final ByFormat<CallAttachment> attachments = new ByFormat<>(CallAttachment.NAME, "attachment", "named");
    private final SavedSearches savedSearches;
    private final List<CdrListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean rebuilding;

    @Activate
    public CdrServiceImpl(@Reference CdrStore store,
            @Reference(policyOption = ReferencePolicyOption.GREEDY) CdrIndex index, @Reference Store database,
            BundleContext context, CdrConfig config) {
        this.store = store;
        this.index = index;
        database.migrate(context.getBundle(), "db/io.switchboard.cdr.core.changelog.xml");
        this.savedSearches = new SavedSearches(database.dataSource());
        CdrSettings.check(config);
        this.retentionDays = config.retentionDays();
        // Indexing runs beside the database writer (a pipeline): throughput is the slower of the two,
        // not their sum. The bounded queue holds the writer back when the index falls behind.
        this.indexer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(16), r -> {
                    Thread t = new Thread(r, "switchboard-cdr-indexer");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.writer = new GroupCommitWriter(store::insert, records -> indexer.execute(() -> {
            indexQuietly(records);
            tellListeners(records);
        }), config.maxBatch(), Duration.ofMillis(config.commitLingerMillis()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-cdr-maintenance");
            t.setDaemon(true);
            return t;
        });
        if (indexDiffers()) {
            scheduler.execute(this::reindex);
        }
        if (retentionDays > 0) {
            scheduler.scheduleWithFixedDelay(() -> retention(false), 1, 24 * 60, TimeUnit.MINUTES);
        }
    }

    @Deactivate
    void close() throws InterruptedException {
        // not shutdownNow: H2 closes the whole database when a thread is interrupted while writing its file
        scheduler.shutdown();
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
        writer.close();
        indexer.shutdown();
        indexer.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addImporter(CdrImporter importer, Map<String, Object> properties) {
        importers.add(importer, properties);
    }

    void removeImporter(CdrImporter importer) {
        importers.remove(importer);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addExporter(CdrExporter exporter, Map<String, Object> properties) {
        exporters.add(exporter, properties);
    }

    void removeExporter(CdrExporter exporter) {
        exporters.remove(exporter);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAttachment(CallAttachment attachment, Map<String, Object> properties) {
        attachments.add(attachment, properties);
    }

    void removeAttachment(CallAttachment attachment) {
        attachments.remove(attachment);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(CdrListener listener) {
        listeners.add(listener);
    }

    void removeListener(CdrListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void scan(Consumer<List<CallRecord>> batches) {
        store.scan(batches, 5000);
    }

    @Override
    public Optional<CallAttachment.Content> attachment(CallRecord record, String name) throws IOException {
        return attachments.get(name).find(record);
    }

    @Override
    public CdrExporter exporter(String format) {
        return exporters.get(format);
    }

    @Override
    public CdrStatus status() {
        return new CdrStatus(store.count(), index.count(), rebuilding, retentionDays, importers.formats(),
                exporters.formats());
    }

    @Override
    public List<SavedSearch> savedSearches(String owner) {
        return savedSearches.list(owner);
    }

    @Override
    public SavedSearch saveSearch(SavedSearch search) {
        CdrQuery check = new CdrQuery(search.query(), search.sort(), search.descending(), 0, 0, search.facets());
        index.search(check); // refuses a search that would not run
        return savedSearches.save(search);
    }

    @Override
    public boolean deleteSavedSearch(String owner, String name) {
        return savedSearches.delete(owner, name);
    }

    @Override
    public StoreResult store(List<CallRecord> records) {
        return writer.store(records.stream().map(RecordFit::fit).toList());
    }

    @Override
    public CompletionStage<StoreResult> submit(List<CallRecord> records) {
        return writer.submit(records.stream().map(RecordFit::fit).toList());
    }

    @Override
    public Optional<CallRecord> get(String id) {
        return store.get(id);
    }

    @Override
    public SearchResult search(CdrQuery query) {
        return index.search(query);
    }

    @Override
    public void forEach(CdrQuery query, Consumer<CallRecord> action) {
        index.forEach(query, action);
    }

    @Override
    public ImportReport importFile(String format, String source, String fileName, InputStream in) throws IOException {
        CdrImporter importer = importers.get(format);
        BufferingSink sink = new BufferingSink(fileName);
        try {
            importer.read(source, fileName, in, sink);
        } finally {
            sink.flush(); // a body stopped half-way keeps the records read before
        }
        LOG.log(Level.INFO, "Imported " + fileName + " (" + format + "): " + sink.read + " read, " + sink.stored
                + " stored, " + sink.duplicates + " already there, " + sink.errorCount + " bad lines");
        return new ImportReport(fileName, format, sink.read, sink.stored, sink.duplicates, sink.errorCount,
                sink.errors);
    }

    /** Buffers an importer's records and stores them in batches; collects line errors. */
    private final class BufferingSink implements ImportSink {
        private final String fileName;
        private final List<CallRecord> buffer = new ArrayList<>(IMPORT_BATCH);
        private final List<LineError> errors = new ArrayList<>();
        private long read;
        private long stored;
        private long duplicates;
        private long errorCount;

        BufferingSink(String fileName) {
            this.fileName = fileName;
        }

        @Override
        public void record(long line, CallRecord record) {
            read++;
            buffer.add(record);
            if (buffer.size() >= IMPORT_BATCH) {
                flush();
            }
        }

        @Override
        public void error(long line, String message) {
            errorCount++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new LineError(fileName, line, message));
            }
        }

        void flush() {
            if (!buffer.isEmpty()) {
                StoreResult r = store(List.copyOf(buffer));
                stored += r.stored();
                duplicates += r.duplicates();
                buffer.clear();
            }
        }
    }

    @Override
    public long reindex() {
        rebuilding = true;
        try {
            return rebuild();
        } finally {
            rebuilding = false;
        }
    }

    private long rebuild() {
        long t0 = System.nanoTime();
        long total = store.count();
        LOG.log(Level.INFO, "Rebuilding the CDR index from " + total + " records in the database");
        index.clear();
        AtomicLong done = new AtomicLong();
        AtomicLong lastReport = new AtomicLong(System.nanoTime());
        store.scan(batch -> {
            index.add(batch);
            long n = done.addAndGet(batch.size());
            if (System.nanoTime() - lastReport.get() > 5_000_000_000L) {
                lastReport.set(System.nanoTime());
                LOG.log(Level.INFO, "CDR index rebuild: " + n + " of " + total + " (" + (100 * n / Math.max(1, total))
                        + "%)");
            }
        }, 5000);
        LOG.log(Level.INFO, "CDR index rebuilt: " + done.get() + " records in "
                + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
        return done.get();
    }

    @Override
    public RetentionReport retention(boolean dryRun) {
        if (retentionDays == 0) {
            return new RetentionReport(0, null, 0, dryRun);
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(retentionDays));
        if (dryRun) {
            return new RetentionReport(retentionDays, cutoff, store.countOlderThan(cutoff), true);
        }
        List<String> deleted = store.deleteOlderThan(cutoff);
        for (int i = 0; i < deleted.size(); i += 10_000) {
            index.delete(deleted.subList(i, Math.min(deleted.size(), i + 10_000)));
        }
        if (!deleted.isEmpty()) {
            for (CdrListener l : listeners) {
                try {
                    l.deletedBefore(cutoff);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "A CDR listener failed on the retention: " + e.getMessage(), e);
                }
            }
            LOG.log(Level.INFO, "Retention (" + retentionDays + " days): deleted " + deleted.size()
                    + " records that started before " + cutoff);
        }
        for (String name : attachments.formats()) {
            try {
                long gone = attachments.get(name).removeBefore(cutoff);
                if (gone > 0) {
                    LOG.log(Level.INFO, "Retention (" + retentionDays + " days): removed " + gone + " " + name
                            + " attachment(s) of calls that started before " + cutoff);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "Retention: cannot remove the old '" + name + "' attachments: " + e.getMessage());
            }
        }
        return new RetentionReport(retentionDays, cutoff, deleted.size(), false);
    }

    /**
     * The index is derived: when it does not hold what the database holds, it is built again.
     * Counted before this service is published, so none of this server's own records (such as the
     * calls its journal hands over after a crash) is on its way and can hide a loss. An index that
     * other servers fill too (Solr) lags the database by what they store this second: only an index
     * that stays short for 3 s is rebuilt.
     */
    private boolean indexDiffers() {
        try {
            long inStore = store.count();
            long inIndex = index.count();
            for (int wait = 0; inIndex < inStore && wait < 6; wait++) {
                Thread.sleep(500);
                inIndex = index.count();
            }
            if (inIndex < inStore || inIndex > store.count()) {
                LOG.log(Level.WARNING, "The CDR index holds " + inIndex + " records, the database " + inStore
                        + ": rebuilding the index");
                return true;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "CDR index check failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void tellListeners(List<CallRecord> records) {
        for (CdrListener l : listeners) {
            try {
                l.stored(records);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "A CDR listener (" + l.getClass().getName() + ") failed: " + e.getMessage(), e);
            }
        }
    }

    private void indexQuietly(List<CallRecord> records) {
        try {
            index.add(records);
        } catch (RuntimeException e) {
            // The records are committed; the next start's check re-adds what the index lacks.
            LOG.log(Level.ERROR, "Indexing " + records.size() + " stored records failed: " + e.getMessage(), e);
        }
    }
}
