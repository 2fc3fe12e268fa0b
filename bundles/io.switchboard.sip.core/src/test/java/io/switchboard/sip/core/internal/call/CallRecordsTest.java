package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.StoreResult;
import io.switchboard.store.commit.GroupCommit;

/**
 * The switch's call records on their way to the CDR service's group commit: records of calls that
 * end together share a commit, the journal learns of each durable one, a failing store loses
 * nothing, a record the store refuses never holds back the others, and what is not stored at close
 * goes to the journal. The CDR service here commits through the same {@link GroupCommit} as the
 * real one into a list (its storing is tested in the CDR bundles).
 */
class CallRecordsTest {

    private final List<List<String>> transactions = new CopyOnWriteArrayList<>();
    private final List<String> journalled = new CopyOnWriteArrayList<>();
    private final List<String> kept = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    /** the CDR service's commit: long enough a linger that a test's records come within it on a busy machine */
    private volatile GroupCommit<List<CallRecord>, StoreResult> commit = commit(100);

    private GroupCommit<List<CallRecord>, StoreResult> commit(long lingerMillis) {
        return new GroupCommit<>("test-cdr", 5000, Duration.ofMillis(lingerMillis), List::size, batch -> {
                List<CallRecord> all = new ArrayList<>();
                batch.forEach(all::addAll);
                if (failing) {
                    throw new IllegalStateException("store down");
                }
                if (all.stream().anyMatch(r -> r.sourceId().equals("poison"))) {
                    throw new IllegalStateException("value too long for column CALLEE");
                }
                transactions.add(all.stream().map(CallRecord::sourceId).toList());
                return batch.stream().map(records -> new StoreResult(records.size(), 0, List.of())).toList();
            });
    }

    private CallRecords records() {
        CallRecords records = new CallRecords();
        records.journal(stored -> stored.forEach(r -> journalled.add(r.sourceId())),
                unstored -> unstored.forEach(r -> kept.add(r.sourceId())));
        return records;
    }

    @Test
    void recordsOfCallsThatEndTogetherShareOneCommitAndTheJournalLearnsOfEach() throws Exception {
        commit = commit(3000);
        CallRecords records = records();
        records.attach(service());
        for (int i = 0; i < 50; i++) {
            records.add(record("c" + i));
        }
        assertEquals(50, records.pending(), "handed over, not yet durable: the commit lingers");
        for (int i = 0; i < 100 && records.handed() < 50; i++) {
            Thread.sleep(100);
        }
        records.close();
        assertEquals(List.of(ids(0, 50)), transactions, "one transaction: the first record waited for the other 49");
        assertEquals(ids(0, 50), journalled.stream().sorted((a, b) -> Integer.compare(num(a), num(b))).toList());
        assertEquals(List.of(), kept);
    }

    @Test
    void aFailingStoreLosesNothing() throws Exception {
        CallRecords records = records();
        failing = true;
        records.add(record("c0"));
        records.attach(service());
        Thread.sleep(700);
        assertEquals(0, records.handed(), "the store failed, nothing was handed");
        assertEquals(1, records.pending(), "the record waits for the next attempt");
        failing = false;
        records.add(record("c1"));
        waitFor(records, 2);
        records.close();
        List<String> all = new ArrayList<>();
        transactions.forEach(all::addAll);
        assertEquals(List.of("c0", "c1"), all.stream().sorted().toList(), "both records, stored once");
        assertEquals(List.of(), kept);
    }

    @Test
    void aRecordTheStoreRefusesNeverHoldsBackTheOthers() throws Exception {
        CallRecords records = records();
        records.attach(service());
        records.add(record("c0"));
        records.add(record("poison"));
        records.add(record("c1"));
        waitFor(records, 2);
        records.add(record("c2"));
        waitFor(records, 3);
        for (int i = 0; i < 100 && records.refused() == 0; i++) {
            Thread.sleep(50);
        }
        records.close();
        List<String> all = new ArrayList<>();
        transactions.forEach(all::addAll);
        assertEquals(ids(0, 3), all, "every good record stored once, in order");
        assertEquals(1, records.refused(), "given up after " + CallRecords.ATTEMPTS + " tries");
        assertEquals(0, records.pending(), "nothing left to retry for ever");
    }

    @Test
    void whatNoServiceStoredGoesToTheJournalAtClose() {
        CallRecords records = records();
        records.add(record("c0"));
        records.add(record("c1"));
        records.close();
        assertEquals(List.of("c0", "c1"), kept);
        assertEquals(List.of(), transactions);
    }

    private static int num(String id) {
        return Integer.parseInt(id.substring(1));
    }

    private static void waitFor(CallRecords records, int handed) throws InterruptedException {
        for (int i = 0; i < 100 && records.handed() < handed; i++) {
            Thread.sleep(50);
        }
        assertTrue(records.handed() >= handed, "handed " + records.handed() + " of " + handed);
    }

    private static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add("c" + i);
        }
        return ids;
    }

    private CdrService service() {
        return (CdrService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { CdrService.class },
                (proxy, method, args) -> {
                    if (!method.getName().equals("submit")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    @SuppressWarnings("unchecked")
                    List<CallRecord> given = (List<CallRecord>) args[0];
                    return commit.submit(given);
                });
    }

    private static CallRecord record(String sourceId) {
        return new CallRecord(null, "switchboard", sourceId, List.of(), Instant.parse("2026-11-01T00:00:00Z"), null,
                null, null, 0, "1", null, null, "2", null, null, null, null, null, Disposition.FAILED, 503, null, null,
                null, null, null, null);
    }
}
