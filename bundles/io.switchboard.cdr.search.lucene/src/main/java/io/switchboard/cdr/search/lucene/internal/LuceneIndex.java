package io.switchboard.cdr.search.lucene.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.LongValueFacetCounts;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.InvalidQueryException;
import io.switchboard.cdr.api.SearchResult;

/**
 * The Lucene index of call records in one folder: near-real-time (reopened every 500 ms),
 * committed every 5 s and on close. Losing the uncommitted tail in a crash is harmless: the
 * database is the source of truth and the CDR service re-adds what the index lacks.
 */
final class LuceneIndex implements AutoCloseable {

    private static final int EXPORT_BATCH = 1000;

    private static final String FORMAT_KEY = "switchboard.format";
    /** Stored record version and field layout: an index in another format is emptied and rebuilt. */
    private static final String FORMAT = StoredRecord.VERSION + ".3";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ScheduledExecutorService scheduler;
    private volatile FacetState facetState;

    private record FacetState(DirectoryReader reader, Map<String, StringDocValuesReaderState> states) {
    }

    LuceneIndex(Path folder) throws IOException {
        this.directory = FSDirectory.open(folder);
        IndexWriterConfig config = new IndexWriterConfig(CdrQueryParser.ANALYZER)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setRAMBufferSizeMB(64)
                // Newest segments first: a search sorted by start, newest first (the default), fills its
                // top hits from the newest segment and then skips whole older segments by their start
                // points, instead of reading every match (at 10 million records: 320 ms -> a few ms).
                .setLeafSorter(Comparator.comparingLong(LuceneIndex::newestStart).reversed());
        this.writer = new IndexWriter(directory, config);
        String format = null;
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (FORMAT_KEY.equals(e.getKey())) {
                    format = e.getValue();
                }
            }
        }
        if (!FORMAT.equals(format) && writer.getDocStats().maxDoc > 0) {
            System.getLogger(LuceneIndex.class.getName()).log(System.Logger.Level.WARNING, "The CDR index in "
                    + folder + " has stored format " + format + ", this version writes " + FORMAT
                    + ": emptied, it is rebuilt from the database");
            writer.deleteAll();
        }
        writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT).entrySet());
        this.searchers = new SearcherManager(writer, new SearcherFactory());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-cdr-index");
            t.setDaemon(true);
            return t;
        });
        // each refresh flushes a segment that merges later: at 400 calls/s, refreshing every 500 ms took
        // half of this thread's CPU per call; once a second, as Elasticsearch's default, halves that
        scheduler.scheduleWithFixedDelay(this::refresh, 1, 1, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::commit, 5, 5, TimeUnit.SECONDS);
    }

    private static long newestStart(LeafReader leaf) {
        try {
            PointValues points = leaf.getPointValues("start");
            return points == null ? Long.MIN_VALUE : LongPoint.decodeDimension(points.getMaxPackedValue(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the newest start (epoch ms) of each segment, in the order searches visit them */
    List<Long> newestStartBySegment() {
        return withSearcher(s -> s.getIndexReader().leaves().stream().map(l -> newestStart(l.reader())).toList());
    }

    /** Adds records that are not in the index (an update would cost a delete lookup per record). */
    void add(Collection<CallRecord> records) {
        try {
            List<Iterable<? extends IndexableField>> docs = new ArrayList<>(records.size());
            for (CallRecord r : records) {
                docs.add(CdrDocuments.toDocument(r));
            }
            writer.addDocuments(docs);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot index call records", e);
        }
    }

    void delete(Collection<String> ids) {
        try {
            Term[] terms = ids.stream().map(id -> new Term(Fields.ID, id)).toArray(Term[]::new);
            writer.deleteDocuments(terms);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete call records from the index", e);
        }
    }

    void clear() {
        try {
            writer.deleteAll();
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the index", e);
        }
    }

    /** Makes everything added so far searchable now (tests and rebuilds). */
    void refreshNow() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count() {
        return withSearcher(s -> (long) s.getIndexReader().numDocs());
    }

    List<String> sampleIds(int max) {
        return withSearcher(s -> {
            List<String> ids = new ArrayList<>();
            StoredFields stored = s.storedFields();
            TopDocs top = s.search(new MatchAllDocsQuery(), Math.max(1, max));
            for (ScoreDoc sd : top.scoreDocs) {
                ids.add(CdrDocuments.fromDocument(stored.document(sd.doc)).id());
            }
            return ids;
        });
    }

    SearchResult search(CdrQuery q) {
        Query query = CdrQueryParser.parse(q.query());
        Sort sort = sort(q);
        return withSearcher(s -> {
            long total = s.count(query);
            List<CallRecord> page = new ArrayList<>();
            StoredFields stored = s.storedFields();
            if (q.limit() > 0 && q.offset() < total && q.offset() <= total / 2) {
                TopDocs top = s.search(query, q.offset() + q.limit(), sort);
                for (int i = q.offset(); i < top.scoreDocs.length; i++) {
                    page.add(CdrDocuments.fromDocument(stored.document(top.scoreDocs[i].doc)));
                }
            } else if (q.limit() > 0 && q.offset() < total) {
                // A page past the middle is a page near the start of the reverse order: collecting
                // the rows after it costs less than the rows before it (the last page of ten
                // million, one page instead of ten million).
                int fromEnd = (int) (total - q.offset());
                ScoreDoc[] reverse = s.search(query, fromEnd, sort(q, true)).scoreDocs;
                for (int j = Math.min(fromEnd, reverse.length) - 1; j >= Math.max(0, fromEnd - q.limit()); j--) {
                    page.add(CdrDocuments.fromDocument(stored.document(reverse[j].doc)));
                }
            }
            return new SearchResult(total, page, facets(s, query, q.facets()));
        });
    }

    void forEach(CdrQuery q, Consumer<CallRecord> action) {
        Query query = CdrQueryParser.parse(q.query());
        Sort sort = sort(q);
        withSearcher(s -> {
            ScoreDoc after = null;
            StoredFields stored = s.storedFields();
            while (true) {
                TopDocs top = after == null ? s.search(query, EXPORT_BATCH, sort)
                        : s.searchAfter(after, query, EXPORT_BATCH, sort);
                for (ScoreDoc sd : top.scoreDocs) {
                    action.accept(CdrDocuments.fromDocument(stored.document(sd.doc)));
                }
                if (top.scoreDocs.length < EXPORT_BATCH) {
                    return null;
                }
                after = top.scoreDocs[top.scoreDocs.length - 1];
            }
        });
    }

    private Map<String, Map<String, Long>> facets(IndexSearcher s, Query query, List<String> dims) throws IOException {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        if (dims.isEmpty()) {
            return out;
        }
        for (String dim : dims) {
            if (!Fields.FACETS.contains(dim)) {
                throw new InvalidQueryException("No facet '" + dim + "'; facets: " + String.join(", ", Fields.FACETS));
            }
        }
        FacetsCollector fc = s.search(query, new FacetsCollectorManager());
        for (String dim : dims) {
            out.put(dim, switch (dim) {
                case "sipCode" -> counts(hasField(s, "sipCode")
                        ? new LongValueFacetCounts("sipCode", fc).getTopChildren(50, "sipCode")
                        : null);
                case "hour" -> hours(fc);
                default -> {
                    String field = Fields.facetField(dim);
                    yield counts(hasField(s, field)
                            ? new StringValueFacetCounts(facetState(s, field), fc).getTopChildren(50, field)
                            : null);
                }
            });
        }
        return out;
    }

    private static Map<String, Long> counts(FacetResult result) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (result != null) {
            for (LabelAndValue lv : result.labelValues) {
                counts.put(lv.label, lv.value.longValue());
            }
        }
        return counts;
    }

    private static boolean hasField(IndexSearcher s, String field) {
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            if (leaf.reader().getFieldInfos().fieldInfo(field) != null) {
                return true;
            }
        }
        return false;
    }

    /** Calls by hour of day (UTC) of their start, from the start doc values of the matching calls. */
    private static Map<String, Long> hours(FacetsCollector fc) throws IOException {
        long[] byHour = new long[24];
        for (FacetsCollector.MatchingDocs md : fc.getMatchingDocs()) {
            NumericDocValues starts = DocValues.getNumeric(md.context().reader(), "start");
            DocIdSetIterator docs = md.bits().iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (starts.advanceExact(doc)) {
                    byHour[(int) Math.floorMod(Math.floorDiv(starts.longValue(), 3_600_000L), 24L)]++;
                }
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        IntStream.range(0, 24).boxed().filter(h -> byHour[h] > 0)
                .sorted((a, b) -> Long.compare(byHour[b], byHour[a]))
                .forEach(h -> counts.put((h < 10 ? "0" : "") + h, byHour[h]));
        return counts;
    }

    /** A facet field's state is per reader and costly to build: keep those of the current reader. */
    private StringDocValuesReaderState facetState(IndexSearcher s, String field) throws IOException {
        DirectoryReader reader = (DirectoryReader) s.getIndexReader();
        FacetState current = facetState;
        if (current == null || current.reader() != reader) {
            current = new FacetState(reader, new ConcurrentHashMap<>());
            facetState = current;
        }
        StringDocValuesReaderState state = current.states().get(field);
        if (state == null) {
            state = new StringDocValuesReaderState(reader, field);
            current.states().put(field, state);
        }
        return state;
    }

    private static Sort sort(CdrQuery q) {
        return sort(q, false);
    }

    /** @param reverse the exact reverse of the order asked for, ties included */
    private static Sort sort(CdrQuery q, boolean reverse) {
        String field = q.sort() == null ? "start" : q.sort();
        Character kind = Fields.SORTABLE.get(field);
        if (kind == null) {
            throw new InvalidQueryException("Cannot sort by '" + field + "'; sortable: "
                    + String.join(", ", Fields.SORTABLE.keySet()));
        }
        SortField.Type type = kind == 'D' ? SortField.Type.DOUBLE : SortField.Type.LONG;
        return new Sort(new SortField(field, type, q.descending() != reverse),
                new SortField(null, SortField.Type.DOC, reverse));
    }

    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return work.run(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Index failure: " + e.getMessage(), e);
        }
    }

    private void refresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException | RuntimeException e) {
            System.getLogger(LuceneIndex.class.getName()).log(System.Logger.Level.WARNING,
                    "Index refresh failed: " + e.getMessage());
        }
    }

    private void commit() {
        try {
            if (writer.hasUncommittedChanges()) {
                writer.commit();
            }
        } catch (IOException | RuntimeException e) {
            System.getLogger(LuceneIndex.class.getName()).log(System.Logger.Level.WARNING,
                    "Index commit failed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        // not shutdownNow: an interrupt in the middle of a commit closes the index's file channels
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            searchers.close();
            writer.commit();
            writer.close();
        } finally {
            directory.close();
        }
    }

}
