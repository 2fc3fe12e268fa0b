package io.switchboard.cdr.search.lucene.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.cdr.api.InvalidQueryException;
import io.switchboard.cdr.api.Quality;
import io.switchboard.cdr.api.SearchResult;

/** Every query kind of the CDR search on a real Lucene index in a folder. */
class LuceneIndexTest {

    @TempDir
    Path dir;
    private LuceneIndex index;

    private static final CallRecord LONDON = call("1", "2026-11-01T08:15:00Z", "+12025550100", "02079461234",
            "+442079461234", "carrier-a", Disposition.ANSWERED, 200, 300, 4.3, "Alice Smith", "a1@pbx");
    private static final CallRecord LONDON_BUSY = call("2", "2026-11-01T09:30:00Z", "+12025550101", "02079464567",
            "+442079464567", "carrier-a", Disposition.BUSY, 486, 0, null, "Bob Jones", "a2@pbx");
    private static final CallRecord PARIS_FAILED = call("3", "2026-11-02T23:59:59Z", "+12025550102", "0033142684567",
            "+33142684567", "carrier-b", Disposition.FAILED, 503, 0, null, "Carol", "a3@pbx");
    private static final CallRecord NY_BAD_AUDIO = call("4", "2026-11-03T12:00:00Z", "+12025550103", "2125550199",
            "+12125550199", "carrier-b", Disposition.ANSWERED, 200, 42, 2.9, "Dave", "a4@pbx");

    @BeforeEach
    void fill() throws Exception {
        index = new LuceneIndex(dir.resolve("cdr"));
        index.add(List.of(LONDON, LONDON_BUSY, PARIS_FAILED, NY_BAD_AUDIO));
        index.refreshNow();
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void numbersExactPrefixAndSuffix() {
        assertEquals(ids("1"), find("callee:+442079461234"));
        assertEquals(ids("1"), find("callee:02079461234"), "as dialled too");
        assertEquals(ids("2", "1"), find("callee:+4420*"), "the literal + of E.164 needs no escaping");
        assertEquals(ids("3", "2"), find("callee:*4567"), "calls ending in 4567");
        assertEquals(ids("4"), find("caller:+12025550103"));
    }

    @Test
    void endingsArePrefixSearchesOfReversedNumbers() {
        assertEquals(ids("3", "2"), find("callee:*4567"));
        assertEquals(ids("2"), find("callee:*79464567"), "longest endings, E.164 and dialled alike");
        assertEquals(ids("3"), find("callee:*3142684567"), "ten digits: the whole ending field");
        assertEquals(ids("3"), find("callee:*33142684567"), "longer than the ending field: a wildcard walk");
        assertEquals(ids("3", "2"), find("callee:*45?7"), "a pattern in the ending: a wildcard walk");
        assertEquals(ids("4", "3", "2", "1"), find("caller:*0?0?"));
        assertEquals(ids("4"), find("caller:*0103"));
        assertEquals(List.of(), find("callee:*9999"));
        assertEquals(ids("3", "2"), find("callee:*4567 AND callee:*0*"), "combined with an infix search");
        assertTrue(CdrQueryParser.parse("callee:*4567") instanceof PrefixQuery,
                "a suffix search must not walk every number");
        assertEquals("callee.ending:7654*", CdrQueryParser.parse("callee:*4567").toString());
        assertEquals("callee:*33142684567", CdrQueryParser.parse("callee:*33142684567").toString());
    }

    @Test
    void oneExactTermSkipsTheParserAndMeansTheSame() {
        for (String q : List.of("callId:A2@PBX", "callee:+442079461234", "trunk:Carrier-B", "disposition:busy",
                "sourceId:3", "callee:0033142684567")) {
            Query fast = CdrQueryParser.parse(q);
            assertTrue(fast instanceof TermQuery, q);
            // the same query with a no-op clause goes through the full parser
            BooleanQuery slow = (BooleanQuery) CdrQueryParser
                    .parse(q.replace(":+", ":\\+") + " AND NOT callId:nothing");
            assertEquals(fast, slow.clauses().get(0).query(), q);
        }
        assertEquals(ids("2"), find("callId:A2@PBX"));
        assertEquals(ids("4", "3"), find("trunk:Carrier-B"));
        assertThrows(InvalidQueryException.class, () -> find("nosuchfield:1"));
    }

    @Test
    void keywordsAreCaseInsensitiveAndCombine() {
        assertEquals(ids("3"), find("disposition:failed"));
        assertEquals(ids("3"), find("disposition:FAILED AND trunk:carrier-b"));
        assertEquals(ids("4", "3"), find("trunk:carrier-b"));
        assertEquals(ids("4", "2", "1"), find("disposition:answered OR disposition:busy"));
        assertEquals(ids("2", "1"), find("trunk:carrier-a AND NOT disposition:failed"));
        assertEquals(ids("3", "2"), find("NOT disposition:answered"));
        assertEquals(ids("2"), find("callId:a2@pbx"));
    }

    @Test
    void numbersDatesAndQualityRanges() {
        assertEquals(ids("3"), find("sipCode:503"));
        assertEquals(ids("3", "2"), find("sipCode:[400 TO 599]"));
        assertEquals(ids("1"), find("duration:[60 TO *]"));
        assertEquals(ids("4"), find("mos:[* TO 3.5]"), "MOS below 3.5");
        assertEquals(ids("3", "2", "1"), find("start:[2026-11-01 TO 2026-11-02]"), "the upper day is included");
        assertEquals(ids("2", "1"), find("start:2026-11-01"));
        assertEquals(ids("2"), find("start:[2026-11-01T09:00:00Z TO 2026-11-01T10:00:00Z]"));
        assertEquals(ids("4", "2", "1"), find("callee:+44* OR start:{2026-11-02 TO *]"));
    }

    @Test
    void hoursOfTheDayOnAnyDay() {
        assertEquals(ids("2"), find("hour:9"));
        assertEquals(ids("4", "2", "1"), find("hour:[8 TO 12]"));
        assertEquals(ids("4", "2"), find("hour:{8 TO 12]"));
        assertEquals(ids("3", "1"), find("hour:[22 TO 8]"), "a range past midnight");
        assertEquals(ids("3"), find("hour:23 AND disposition:failed"));
        assertEquals(ids("4", "3"), find("hour:[10 TO *]"));
        SearchResult afterNine = index.search(new CdrQuery("hour:[10 TO 23]", null, true, 0, 0, List.of("hour")));
        assertEquals(Map.of("23", 1L, "12", 1L), afterNine.facets().get("hour"), "the facet counts what the filter keeps");
        assertTrue(assertThrows(InvalidQueryException.class, () -> find("hour:24")).getMessage()
                .contains("hour takes an hour of the day (UTC) from 0 to 23, not '24'"));
    }

    @Test
    void freeTextOverNamesAndTags() {
        assertEquals(ids("2"), find("bob"));
        assertEquals(ids("1"), find("callerName:alice"));
        assertEquals(ids("4", "3", "2", "1"), find("acme"), "tag values are text");
        assertEquals(ids("2"), find("group:sales-2"), "the switch's own tags are searched by their names");
        assertEquals(ids("3"), find("tag:\"group sales 3\""), "as the words of the tag");
        assertEquals(ids(), find("tag:\"acme group\""), "a phrase stays within one tag");
        assertEquals(ids(), find("tag:\"3 account\""), "whichever order the tags are kept in");
        assertTrue(assertThrows(InvalidQueryException.class, () -> find("account:acme")).getMessage()
                .contains("unknown field 'account'"), "a name the switch does not write is no field");
        assertEquals(ids("4", "3", "2", "1"), find(""));
        assertEquals(ids("4", "3", "2", "1"), find("*"));
    }

    @Test
    void sortPageAndFacets() {
        SearchResult byDuration = index.search(new CdrQuery("*", "duration", true, 0, 2, List.of()));
        assertEquals(4, byDuration.total());
        assertEquals(List.of("1", "4"), byDuration.records().stream().map(CallRecord::sourceId).toList());
        SearchResult page2 = index.search(new CdrQuery("*", "start", false, 2, 2, List.of()));
        assertEquals(List.of("3", "4"), page2.records().stream().map(CallRecord::sourceId).toList());

        SearchResult facets = index.search(new CdrQuery("start:[2026-11-01 TO 2026-11-03]", null, true, 0, 0,
                List.of("trunk", "disposition", "sipCode", "hour")));
        assertEquals(4, facets.total());
        assertTrue(facets.records().isEmpty());
        assertEquals(Map.of("carrier-a", 2L, "carrier-b", 2L), facets.facets().get("trunk"));
        assertEquals(Map.of("answered", 2L, "busy", 1L, "failed", 1L), facets.facets().get("disposition"));
        assertEquals(Map.of("200", 2L, "486", 1L, "503", 1L), facets.facets().get("sipCode"));
        assertEquals(Map.of("08", 1L, "09", 1L, "23", 1L, "12", 1L), facets.facets().get("hour"));
    }

    @Test
    void pagesPastTheMiddleComeInTheSameOrder() {
        for (String field : List.of("start", "duration", "mos")) {
            for (boolean descending : List.of(true, false)) {
                List<String> whole = index.search(new CdrQuery("*", field, descending, 0, 10, List.of())).records()
                        .stream().map(CallRecord::sourceId).toList();
                List<String> paged = new ArrayList<>();
                for (int offset = 0; offset < 4; offset++) {
                    paged.addAll(index.search(new CdrQuery("*", field, descending, offset, 1, List.of())).records()
                            .stream().map(CallRecord::sourceId).toList());
                }
                assertEquals(whole, paged, field + (descending ? " descending" : " ascending") + ", ties included");
                assertEquals(whole.subList(2, 4), index.search(new CdrQuery("*", field, descending, 2, 5, List.of()))
                        .records().stream().map(CallRecord::sourceId).toList(), "the last page, shorter than asked");
                assertEquals(whole.subList(3, 4), index.search(new CdrQuery("*", field, descending, 3, 2, List.of()))
                        .records().stream().map(CallRecord::sourceId).toList());
            }
        }
    }

    @Test
    void segmentsAreSearchedNewestFirstAndSortsStayRight() {
        // Three more segments, written oldest first as a switch writes them.
        for (int day = 10; day <= 12; day++) {
            index.add(List.of(call("d" + day, "2026-11-" + day + "T10:00:00Z", "+12025550100", "02079461234",
                    "+442079461234", "carrier-a", Disposition.ANSWERED, 200, 60, 4.0, "Erin", "d" + day + "@pbx")));
            index.refreshNow();
        }
        List<Long> newest = index.newestStartBySegment();
        assertTrue(newest.size() >= 2, "several segments: " + newest);
        assertEquals(newest.stream().sorted(Comparator.reverseOrder()).toList(), newest,
                "segments in the order searches visit them, newest first");
        assertEquals(List.of("d12", "d11", "d10", "4"), index.search(new CdrQuery("*", "start", true, 0, 4, List.of()))
                .records().stream().map(CallRecord::sourceId).toList());
        assertEquals(List.of("1", "2", "3"), index.search(new CdrQuery("*", "start", false, 0, 3, List.of()))
                .records().stream().map(CallRecord::sourceId).toList());
    }

    @Test
    void recordsComeBackWhole() {
        CallRecord back = index.search(CdrQuery.of("callId:a1@pbx")).records().get(0);
        assertEquals(LONDON, back);
    }

    @Test
    void invalidQueriesSayWhy() {
        String unknown = assertThrows(InvalidQueryException.class, () -> find("calee:123")).getMessage();
        assertTrue(unknown.startsWith("Invalid query 'calee:123': unknown field 'calee'; known fields: "
                + Fields.known() + "; the switch's tags, for their words: agent, answeredBy,"), unknown);
        assertTrue(assertThrows(InvalidQueryException.class, () -> find("sipCode:abc")).getMessage()
                .contains("sipCode takes whole numbers, not 'abc'"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> find("start:[yesterday TO *]")).getMessage()
                .contains("start takes dates"));
        String syntax = assertThrows(InvalidQueryException.class, () -> find("callee:(123")).getMessage();
        assertTrue(syntax.startsWith("Invalid query 'callee:(123': Cannot parse"), syntax);
        assertTrue(assertThrows(InvalidQueryException.class,
                () -> index.search(new CdrQuery("*", "caller", true, 0, 10, List.of()))).getMessage()
                .startsWith("Cannot sort by 'caller'"));
        assertTrue(assertThrows(InvalidQueryException.class,
                () -> index.search(new CdrQuery("*", null, true, 0, 10, List.of("color")))).getMessage()
                .startsWith("No facet 'color'"));
    }

    @Test
    void updateDeleteStreamAndReopen() throws Exception {
        index.delete(List.of(PARIS_FAILED.id()));
        index.refreshNow();
        assertEquals(3, index.count());
        List<String> streamed = new ArrayList<>();
        index.forEach(new CdrQuery("*", "start", false, 0, 0, List.of()), r -> streamed.add(r.sourceId()));
        assertEquals(List.of("1", "2", "4"), streamed);

        index.close();
        index = new LuceneIndex(dir.resolve("cdr"));
        assertEquals(3, index.count(), "committed on close, found on reopen");
        index.clear();
        assertEquals(0, index.count());
        SearchResult empty = index.search(new CdrQuery("*", null, true, 0, 10, List.of("trunk", "hour")));
        assertEquals(0, empty.total());
        assertEquals(Map.of("trunk", Map.of(), "hour", Map.of()), empty.facets(), "an empty index has empty facets");
    }

    @Test
    void corruptIndexIsMovedAsideAndStartsEmpty() throws Exception {
        index.close();
        try (Stream<Path> files = Files.list(dir.resolve("cdr"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(f, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
            }
        }
        index = LuceneCdrIndex.open(dir.resolve("cdr"));
        assertEquals(0, index.count());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("cdr.corrupt-")));
        }
    }

    @Test
    void indexOfAnotherStoredFormatIsEmptiedForARebuild() throws Exception {
        index.close();
        try (FSDirectory d = FSDirectory.open(dir.resolve("cdr"));
                IndexWriter w = new IndexWriter(d,
                        new IndexWriterConfig())) {
            w.setLiveCommitData(Map.of("switchboard.format", "0").entrySet());
            w.commit();
        }
        index = new LuceneIndex(dir.resolve("cdr"));
        assertEquals(0, index.count(), "records of an older stored form are not served");
        index.add(List.of(LONDON));
        index.refreshNow();
        assertEquals(LONDON, index.search(CdrQuery.of("*")).records().get(0));
    }

    private List<String> find(String query) {
        return index.search(new CdrQuery(query, "start", true, 0, 100, List.of())).records().stream()
                .map(CallRecord::sourceId).toList();
    }

    private static List<String> ids(String... ids) {
        return List.of(ids);
    }

    private static CallRecord call(String n, String start, String caller, String callee, String calleeE164,
            String trunk, Disposition disposition, int code, long billable, Double mos, String name, String callId) {
        Instant s = Instant.parse(start);
        boolean answered = disposition == Disposition.ANSWERED;
        return new CallRecord("id-" + n, "switchboard", n, List.of(callId), s, s.plusMillis(1500),
                answered ? s.plusSeconds(5) : null, s.plusSeconds(5 + billable), billable, caller, caller, name, callee,
                calleeE164, Direction.OUTBOUND, null, trunk, null, disposition, code,
                answered ? "OK" : "Busy Here", HangupSide.CALLER, "PCMU", new Quality(mos, 2.0, 0.1, 30.0),
                Quality.NONE, Map.of("account", "acme", "group", "sales-" + n));
    }
}
